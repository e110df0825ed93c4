using System.Diagnostics;
using CloudflareSecrets.Tests.Resilience.Support;

namespace CloudflareSecrets.Tests.Resilience;

/// <summary>
/// The ceiling on waits the server asks for (README and docs/configuration.md: "past a ceiling (60 s) the call fails at
/// once with the delay"):
/// <c>Retry-After</c> on a 429, and a spent <c>Ratelimit</c> budget held by the rate-limit gate. A wait at the ceiling
/// is waited; a wait past it fails the call at once. Small configured ceilings keep the waited cases short.
/// </summary>
// Each case builds its own server, client and credential (so its own rate-limit gate): cases run side by side, their
// waits overlapping, and the suite takes the time of its slowest cases instead of their sum.
[Parallelizable(ParallelScope.All)]
public class WaitCeilingTests
{
    /// <summary>Far below the 61 s a wrongly waited call would take, far above a loaded machine's slowest prompt failure.</summary>
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(20);

    [Test]
    public void TheDefaultCeilingIs60Seconds()
    {
        Assert.That(new SecretsStoreRetryOptions().MaxRetryAfter, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(new SecretsStoreClientOptions().Retry.MaxRetryAfter, Is.EqualTo(TimeSpan.FromSeconds(60)));
    }

    [TestCaseSource(nameof(ReadAndWrite))]
    public async Task RetryAfter61FailsAtOnceUnderTheDefaultCeiling(ApiOperation operation)
    {
        using ScenarioRun run = Start(operation, [RateLimited(("Retry-After", "61")), Reply.Success(operation)]);
        var watch = Stopwatch.StartNew();

        Outcome outcome = await run.InvokeAsync();

        Assert.That(outcome.Exception, Is.TypeOf<CloudflareRateLimitException>());
        Assert.That(((CloudflareRateLimitException)outcome.Exception!).RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(61)));
        Assert.That(run.Server.Requests, Has.Count.EqualTo(1));
        Assert.That(run.RetryDelays, Is.Empty, "no retry was scheduled");
        Assert.That(watch.Elapsed, Is.LessThan(AtOnce), "the 61 s were not waited");
    }

    [TestCaseSource(nameof(ReadAndWrite))]
    public async Task RetryAfterExactlyAtTheCeilingIsWaitedThenRetried(ApiOperation operation)
    {
        using ScenarioRun run = Start(operation, [RateLimited(("Retry-After", "1")), Reply.Success(operation)], TimeSpan.FromSeconds(1));

        Outcome outcome = await run.InvokeAsync();

        Assert.That(outcome.Exception, Is.Null, () => $"the call should succeed; it ended with {outcome}");
        Assert.That(run.Server.Requests, Has.Count.EqualTo(2));
        Assert.That(run.RetryDelays, Is.EqualTo(new[] { 1000d }), "the wait is the server's Retry-After");
    }

    [Test]
    public async Task RetryAfterOneSecondPastTheCeilingFailsAtOnce()
    {
        using ScenarioRun run = Start(
            Api.GetSecret, [RateLimited(("Retry-After", "2")), Reply.Success(Api.GetSecret)], TimeSpan.FromSeconds(1));

        Outcome outcome = await run.InvokeAsync();

        Assert.That(outcome.Exception, Is.TypeOf<CloudflareRateLimitException>());
        Assert.That(((CloudflareRateLimitException)outcome.Exception!).RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(run.Server.Requests, Has.Count.EqualTo(1));
    }

    [TestCase("100", 2, TestName = "RetryAfterMsExactlyAtA100MsCeilingIsWaited")]
    [TestCase("101", 1, TestName = "RetryAfterMsOneMillisecondPastA100MsCeilingFailsAtOnce")]
    public async Task TheCeilingHoldsToTheMillisecond(string retryAfterMs, int requests)
    {
        using ScenarioRun run = Start(
            Api.GetSecret, [RateLimited(("retry-after-ms", retryAfterMs)), Reply.Success(Api.GetSecret)], TimeSpan.FromMilliseconds(100));

        Outcome outcome = await run.InvokeAsync();

        Assert.That(run.Server.Requests, Has.Count.EqualTo(requests));
        Assert.That(outcome.Exception, requests == 2 ? Is.Null : Is.TypeOf<CloudflareRateLimitException>());
    }

    [Test]
    public async Task TheGateWaitsForAResetWithinTheCeiling()
    {
        // Reset in 1 s (plus the gate's 100 ms margin) under a 2 s ceiling: the next call waits, then sends.
        using ScenarioRun run = Start(
            Api.GetSecret,
            [Reply.Success(Api.GetSecret, ("Ratelimit", "\"default\";r=0;t=1")), Reply.Success(Api.GetSecret)],
            TimeSpan.FromSeconds(2));

        Outcome outcome = await SecondCallAsync(run);

        Assert.That(outcome.Exception, Is.Null, () => $"the second call should wait and succeed; it ended with {outcome}");
        Assert.That(run.Server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task TheGateFailsAtOnceForAResetPastAConfiguredCeiling()
    {
        // Reset in 3 s plus the 100 ms margin, under a 2 s ceiling: past it (even after a second of scheduling delay on a
        // loaded machine), so nothing is sent and nothing is waited.
        using ScenarioRun run = Start(
            Api.GetSecret,
            [Reply.Success(Api.GetSecret, ("Ratelimit", "\"default\";r=0;t=3")), Reply.Success(Api.GetSecret)],
            TimeSpan.FromSeconds(2));

        Outcome outcome = await SecondCallAsync(run);

        Assert.That(
            outcome.Exception,
            Is.TypeOf<CloudflareRateLimitException>().With.Message.Contains("longer than Retry.MaxRetryAfter (2 s)"));
        Assert.That(
            ((CloudflareRateLimitException)outcome.Exception!).RetryAfter,
            Is.GreaterThan(TimeSpan.FromSeconds(2)).And.LessThanOrEqualTo(TimeSpan.FromMilliseconds(3100)));
        Assert.That(run.Server.Requests, Has.Count.EqualTo(1), "the second call sent nothing");
    }

    [Test]
    public async Task TheGateFailsAtOnceForAReset61SecondsAwayUnderTheDefaultCeiling()
    {
        using ScenarioRun run = Start(
            Api.GetQuota, [Reply.Success(Api.GetQuota, ("Ratelimit", "\"default\";r=0;t=61")), Reply.Success(Api.GetQuota)]);
        var watch = Stopwatch.StartNew();

        Outcome outcome = await SecondCallAsync(run);

        Assert.That(
            outcome.Exception,
            Is.TypeOf<CloudflareRateLimitException>().With.Message.Contains("longer than Retry.MaxRetryAfter (60 s)"));
        Assert.That(run.Server.Requests, Has.Count.EqualTo(1), "the second call sent nothing");
        Assert.That(watch.Elapsed, Is.LessThan(AtOnce), "the 61 s were not waited");
    }

    [Test]
    public async Task TheGateWithAZeroCeilingFailsAtOnceForAnySpentBudget()
    {
        using ScenarioRun run = Start(
            Api.GetSecret,
            [Reply.Success(Api.GetSecret, ("Ratelimit", "\"default\";r=0;t=1")), Reply.Success(Api.GetSecret)],
            TimeSpan.Zero);

        Outcome outcome = await SecondCallAsync(run);

        Assert.That(outcome.Exception, Is.TypeOf<CloudflareRateLimitException>());
        Assert.That(run.Server.Requests, Has.Count.EqualTo(1));
    }

    private static IEnumerable<ApiOperation> ReadAndWrite() => [Api.GetSecret, Api.CreateSecrets];

    private static ScenarioRun Start(ApiOperation operation, Reply[] replies, TimeSpan? ceiling = null) =>
        new(new FaultScenario
        {
            Name = operation.Name,
            Operation = operation,
            Replies = replies,
            Requests = 0,
            Configure = ceiling is { } value ? o => o.Retry.MaxRetryAfter = value : null,
        });

    private static Reply RateLimited(params (string Name, string Value)[] headers) =>
        Reply.Status(429, Api.Failure(971, "Please wait and consider throttling your request speed"), headers);

    private static async Task<Outcome> SecondCallAsync(ScenarioRun run)
    {
        Outcome first = await run.InvokeAsync();
        Assert.That(first.Exception, Is.Null, "the first call succeeds and reports the spent budget");
        return await run.InvokeAsync();
    }
}
