using System.Net;
using CloudflareSecrets.Internal;

namespace CloudflareSecrets.Tests.Resilience;

/// <summary>
/// How the gate reads Cloudflare's <c>Ratelimit</c> header (<c>"default";r=remaining;t=seconds-to-reset</c>): a
/// parameter counts only at the start of the header or after ';', ',' or white space, and only with digits. Read
/// through what the gate then decides with a frozen clock: a spent budget refuses a request for the reset plus the
/// gate's 100 ms margin (longer than the 0.5 s the caller accepts here), a budget left lets it go.
/// </summary>
public class RateLimitHeaderTests
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(500);

    [TestCase("\"default\";r=0;t=30", 30.1, TestName = "Cloudflare's form: spent, reset in 30 s")]
    [TestCase("t=30;r=0", 30.1, TestName = "Parameters in any order")]
    [TestCase("\"default\"; r=0; t=7", 7.1, TestName = "White space before a parameter")]
    [TestCase("\"default\",r=0,t=4", 4.1, TestName = "Commas between parameters")]
    [TestCase("r=0;t=2.5", 2.6, TestName = "A fractional reset")]
    [TestCase("r=;r=0;t=9", 9.1, TestName = "A parameter without digits is skipped for the next one")]
    [TestCase("r=0;t=soon", 1.1, TestName = "An unreadable reset counts as one second")]
    [TestCase("r=0", 1.1, TestName = "No reset counts as one second")]
    [TestCase("r=0;t=30.", 30.1, TestName = "A reset ending in a dot is read up to the dot")]
    [TestCase("\"default\";r=0.5;t=30", 30.1, TestName = "A fractional remaining count is read up to its dot")]
    public async Task ASpentBudgetRefusesForTheResetTheHeaderGives(string header, double refusedSeconds)
    {
        GateDecision decision = await DecideAfter(header);

        Assert.That(decision.RefusedFor?.TotalSeconds, Is.EqualTo(refusedSeconds).Within(0.0001));
    }

    [TestCase("\"default\";r=5;t=30", TestName = "Budget left")]
    [TestCase("\"default\";xr=0;t=30", TestName = "'r=' inside another parameter's name is not the remaining count")]
    [TestCase("\"default\";r=-1;t=30", TestName = "A negative count is not read")]
    [TestCase("garbage", TestName = "No parameters")]
    [TestCase("\"default\";foo=bar", TestName = "A header that ends in the parameter's letter")]
    [TestCase("", TestName = "Empty")]
    public async Task ANonSpentOrUnreadableBudgetLetsTheRequestGo(string header)
    {
        GateDecision decision = await DecideAfter(header);

        Assert.That(decision, Is.EqualTo(new GateDecision(TimeSpan.Zero, null)));
    }

    private static async Task<GateDecision> DecideAfter(string header)
    {
        var gate = new RateLimitGate(new FrozenTime(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero)));
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("Ratelimit", header);
        gate.Observe(response);
        return await gate.WaitAsync(respectServer: true, budget: null, MaxWait, CancellationToken.None);
    }

    private sealed class FrozenTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
