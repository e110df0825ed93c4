using CloudflareSecrets.Internal;

namespace CloudflareSecrets.Tests.Resilience;

/// <summary>
/// The rate-limit gate read directly, on a clock that stands still: which headers say the budget is spent and until
/// when (Cloudflare's <c>Ratelimit: "default";r=&lt;remaining&gt;;t=&lt;seconds&gt;</c>, else <c>x-ratelimit-*</c>), and
/// that a wait longer than the caller accepts is refused with the time still needed instead of slept through.
/// </summary>
public class RateLimitGateTests
{
    /// <summary>What the gate adds past a reset, so a request sent on the exact second does not land in the old window.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(100);

    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static IEnumerable<TestCaseData> Headers()
    {
        yield return Case("a spent budget with its reset", [("Ratelimit", "\"default\";r=0;t=30")], TimeSpan.FromSeconds(30) + Margin);
        yield return Case("a fractional reset", [("Ratelimit", "\"default\";r=0;t=2.5")], TimeSpan.FromSeconds(2.5) + Margin);
        yield return Case(
            "a reset past an hour, held to an hour", [("Ratelimit", "\"default\";r=0;t=7200")], TimeSpan.FromHours(1) + Margin);
        yield return Case("a spent budget without a reset, a second", [("Ratelimit", "\"default\";r=0")], TimeSpan.FromSeconds(1) + Margin);
        yield return Case("parameters after spaces", [("Ratelimit", "\"default\"; r=0; t=30")], TimeSpan.FromSeconds(30) + Margin);
        yield return Case("parameters at the start", [("Ratelimit", "r=0;t=30")], TimeSpan.FromSeconds(30) + Margin);
        yield return Case("parameters in any order", [("Ratelimit", "t=30;r=0")], TimeSpan.FromSeconds(30) + Margin);
        yield return Case("commas between parameters", [("Ratelimit", "\"default\",r=0,t=4")], TimeSpan.FromSeconds(4) + Margin);
        yield return Case(
            "a parameter without digits, skipped for the next one", [("Ratelimit", "r=;r=0;t=9")], TimeSpan.FromSeconds(9) + Margin);
        yield return Case("an unreadable reset, a second", [("Ratelimit", "r=0;t=soon")], TimeSpan.FromSeconds(1) + Margin);
        yield return Case("a reset ending in a dot, read up to the dot", [("Ratelimit", "r=0;t=30.")], TimeSpan.FromSeconds(30) + Margin);
        yield return Case(
            "a fractional remaining count, read up to its dot",
            [("Ratelimit", "\"default\";r=0.5;t=30")],
            TimeSpan.FromSeconds(30) + Margin);
        yield return Case("a budget not yet spent", [("Ratelimit", "\"default\";r=3;t=30")], null);
        yield return Case("no remaining count", [("Ratelimit", "\"default\";t=30")], null);
        yield return Case("a parameter that only ends in r", [("Ratelimit", "\"default\";xr=0;t=30")], null);
        yield return Case(
            "the Ratelimit header over the x- headers",
            [("Ratelimit", "\"default\";t=30"), ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "30")],
            null);
        yield return Case(
            "x- headers with seconds from now",
            [("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "30")],
            TimeSpan.FromSeconds(30) + Margin);
        yield return Case(
            "x- headers with an epoch time",
            [
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", (Now.ToUnixTimeSeconds() + 45).ToString(System.Globalization.CultureInfo.InvariantCulture))],
            TimeSpan.FromSeconds(45) + Margin);
        yield return Case(
            "x- headers with a billion seconds, which is not an epoch time",
            [("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "1000000000")],
            TimeSpan.FromHours(1) + Margin);
        yield return Case("x- headers with a negative reset", [("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "-5")], Margin);
        yield return Case(
            "x- headers with a NaN reset, a second",
            [("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "NaN")],
            TimeSpan.FromSeconds(1) + Margin);
        yield return Case("x- headers with a budget not yet spent", [("x-ratelimit-remaining", "2"), ("x-ratelimit-reset", "30")], null);
        yield return Case("a negative remaining count", [("x-ratelimit-remaining", "-1"), ("x-ratelimit-reset", "30")], null);
        yield return Case("no rate-limit headers", [("Server", "cloudflare")], null);
        yield return Case("a negative remaining count in Ratelimit", [("Ratelimit", "\"default\";r=-1;t=30")], null);
        yield return Case("a Ratelimit header without parameters", [("Ratelimit", "garbage")], null);
        yield return Case("an empty Ratelimit header", [("Ratelimit", "")], null);
        yield return Case("a Ratelimit header that ends in the parameter's letter", [("Ratelimit", "\"default\";foo=bar")], null);
    }

    [TestCaseSource(nameof(Headers))]
    public async Task RefusesAtOnceWhileTheServersBudgetIsSpent(IReadOnlyList<(string Name, string Value)> headers, TimeSpan? refusedFor)
    {
        var gate = new RateLimitGate(new StoppedClock(Now));
        using var response = new HttpResponseMessage();
        foreach ((string name, string value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        gate.Observe(response);
        GateDecision decision = await gate.WaitAsync(respectServer: true, budget: null, maxWait: TimeSpan.Zero, CancellationToken.None);

        Assert.That(decision, Is.EqualTo(new GateDecision(TimeSpan.Zero, refusedFor)));
    }

    [Test]
    public async Task IgnoresTheServersBudgetWhenNotAskedToRespectIt()
    {
        var gate = new RateLimitGate(new StoppedClock(Now));
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Ratelimit", "\"default\";r=0;t=30");
        gate.Observe(response);

        GateDecision decision = await gate.WaitAsync(respectServer: false, budget: null, maxWait: TimeSpan.Zero, CancellationToken.None);

        Assert.That(decision, Is.EqualTo(new GateDecision(TimeSpan.Zero, null)));
    }

    [Test]
    public async Task WaitsForAResetExactlyAtTheLongestWaitAccepted()
    {
        // t=0 leaves only the margin to wait: a wait equal to maxWait is waited, not refused.
        var gate = new RateLimitGate(new StoppedClock(Now));
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Ratelimit", "\"default\";r=0;t=0");
        gate.Observe(response);

        GateDecision decision = await gate.WaitAsync(respectServer: true, budget: null, maxWait: Margin, CancellationToken.None);

        Assert.That(decision.RefusedFor, Is.Null);
        Assert.That(decision.Waited, Is.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    public async Task RefusesWhenTheClientSideBudgetHasNoPermitWithinTheLongestWait()
    {
        var gate = new RateLimitGate(new StoppedClock(Now));
        System.Threading.RateLimiting.RateLimiter budget = gate.Budget(1, TimeSpan.FromHours(1))!;
        var maxWait = TimeSpan.FromMilliseconds(50);

        GateDecision first = await gate.WaitAsync(respectServer: true, budget, maxWait, CancellationToken.None);
        var call = System.Diagnostics.Stopwatch.StartNew();
        GateDecision second = await gate.WaitAsync(respectServer: true, budget, maxWait, CancellationToken.None);
        call.Stop();

        Assert.That(first, Is.EqualTo(new GateDecision(TimeSpan.Zero, null)));
        Assert.That(
            second.RefusedFor,
            Is.EqualTo(maxWait + TimeSpan.FromSeconds(1)),
            "the limiter gives no retry time, so the refusal says: longer than accepted");
        Assert.That(
            second.Waited,
            Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(call.Elapsed),
            "the time waited in this call, counted from its start");
    }

    [Test]
    public async Task RefusesEveryCallUntilTheReset()
    {
        var gate = new RateLimitGate(new StoppedClock(Now));
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Ratelimit", "\"default\";r=0;t=30");
        gate.Observe(response);

        GateDecision first = await gate.WaitAsync(respectServer: true, budget: null, maxWait: TimeSpan.Zero, CancellationToken.None);
        GateDecision second = await gate.WaitAsync(respectServer: true, budget: null, maxWait: TimeSpan.Zero, CancellationToken.None);

        Assert.That(first.RefusedFor, Is.EqualTo(TimeSpan.FromSeconds(30) + Margin));
        Assert.That(second.RefusedFor, Is.EqualTo(TimeSpan.FromSeconds(30) + Margin), "a refusal does not forget the spent budget");
    }

    [Test]
    public async Task CountsTheWaitForTheResetAndTheWaitForABudgetPermitTogether()
    {
        // t=0 leaves the margin (100 ms) to wait for the server; then the client-side budget, spent, refuses after 50 ms.
        var gate = new RateLimitGate(new StoppedClock(Now));
        System.Threading.RateLimiting.RateLimiter budget = gate.Budget(1, TimeSpan.FromHours(1))!;
        await gate.WaitAsync(respectServer: false, budget, TimeSpan.Zero, CancellationToken.None);
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Ratelimit", "\"default\";r=0;t=0");
        gate.Observe(response);

        GateDecision decision = await gate.WaitAsync(respectServer: true, budget, Margin, CancellationToken.None);

        Assert.That(decision.RefusedFor, Is.Not.Null, "no permit within the longest wait");
        // Both waits took at least 100 ms each (less a little for timer rounding); counting only the second gives about 100.
        Assert.That(
            decision.Waited,
            Is.GreaterThanOrEqualTo(Margin + Margin - TimeSpan.FromMilliseconds(10)),
            "the wait for the reset counts too");
    }

    [Test]
    public async Task SendsAtOnceWithAClientSideBudgetWhileTheServersBudgetIsLeft()
    {
        // A client-side budget takes the gate's full path on every call; the server's reset 300 s away is no wait while
        // its budget is not spent (r=1199).
        var gate = new RateLimitGate(new StoppedClock(Now));
        System.Threading.RateLimiting.RateLimiter budget = gate.Budget(100, TimeSpan.FromMinutes(1))!;
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Ratelimit", "\"default\";r=1199;t=300");
        gate.Observe(response);

        GateDecision decision = await gate.WaitAsync(respectServer: true, budget, maxWait: TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.That(decision, Is.EqualTo(new GateDecision(TimeSpan.Zero, null)));
    }

    [Test]
    public async Task AClientSideBudgetRefillsAsItsWindowMoves()
    {
        var gate = new RateLimitGate(new StoppedClock(Now));
        System.Threading.RateLimiting.RateLimiter budget = gate.Budget(1, TimeSpan.FromMilliseconds(200))!;

        GateDecision first = await gate.WaitAsync(respectServer: false, budget, TimeSpan.FromSeconds(5), CancellationToken.None);
        GateDecision second = await gate.WaitAsync(respectServer: false, budget, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.That(first.RefusedFor, Is.Null);
        Assert.That(second.RefusedFor, Is.Null, "the permit comes back after the 200 ms window, well inside the 5 s accepted");
        Assert.That(second.Waited, Is.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    public void SharesABudgetOnlyBetweenClientsThatAskForTheSameOne()
    {
        var gate = new RateLimitGate(new StoppedClock(Now));

        Assert.That(gate.Budget(0, TimeSpan.FromSeconds(1)), Is.Null, "0 is off");
        Assert.That(gate.Budget(-1, TimeSpan.FromSeconds(1)), Is.Null);
        System.Threading.RateLimiting.RateLimiter? five = gate.Budget(5, TimeSpan.FromSeconds(1));
        Assert.That(five, Is.Not.Null);
        Assert.That(gate.Budget(5, TimeSpan.FromSeconds(1)), Is.SameAs(five));
        Assert.That(gate.Budget(6, TimeSpan.FromSeconds(1)), Is.Not.SameAs(five));
        Assert.That(gate.Budget(5, TimeSpan.FromSeconds(2)), Is.Not.SameAs(five));

        var shared = RateLimitGate.For("gate-tests-key-a");
        Assert.That(RateLimitGate.For("gate-tests-key-a"), Is.SameAs(shared));
        Assert.That(RateLimitGate.For("gate-tests-key-b"), Is.Not.SameAs(shared));
    }

    private static TestCaseData Case(string name, (string, string)[] headers, TimeSpan? refusedFor) =>
        new TestCaseData(headers, refusedFor).SetArgDisplayNames(name);

    /// <summary>A clock whose time does not move (timers and timestamps stay the system's).</summary>
    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
