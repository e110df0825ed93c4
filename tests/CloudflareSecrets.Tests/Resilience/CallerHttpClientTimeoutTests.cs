using CloudflareSecrets.Tests.Resilience.Support;

namespace CloudflareSecrets.Tests.Resilience;

/// <summary>
/// A caller who passes an <see cref="HttpClient"/> with its own <see cref="HttpClient.Timeout"/>: when that timeout cuts
/// an attempt, the request may have reached the server, so a write is never sent again; a read is retried as after any timeout.
/// </summary>
// Each case builds its own server, client and credential (so its own rate-limit gate): cases run side by side, their
// waits overlapping, and the suite takes the time of its slowest cases instead of their sum.
[Parallelizable(ParallelScope.All)]
public class CallerHttpClientTimeoutTests
{
    private static readonly TimeSpan CallerTimeout = TimeSpan.FromMilliseconds(300);

    /// <summary>Creates, duplicates and updates (POST, PATCH).</summary>
    public static IEnumerable<ApiOperation> Writes => Api.All.Where(o => !IsReadOrDelete(o));

    /// <summary>GET and DELETE, which the client may repeat.</summary>
    public static IEnumerable<ApiOperation> ReadsAndDeletes => Api.All.Where(IsReadOrDelete);

    [TestCaseSource(nameof(Writes))]
    public async Task AWriteCutByTheCallersHttpClientTimeoutIsSentOnce(ApiOperation operation)
    {
        using ScenarioRun run = Start(operation);

        Outcome outcome = await run.InvokeAsync();

        Assert.That(
            outcome.Exception,
            Is.TypeOf<TimeoutException>().With.Message.Contains("the HttpClient's Timeout elapsed (attempt 1 of 3)"));
        Assert.That(run.Server.Requests, Has.Count.EqualTo(1), "a write cut by a timeout may have happened: never repeated");
        Assert.That(run.RetryDelays, Is.Empty);
    }

    [TestCaseSource(nameof(ReadsAndDeletes))]
    public async Task AReadOrDeleteCutByTheCallersHttpClientTimeoutIsRetried(ApiOperation operation)
    {
        using ScenarioRun run = Start(operation);

        Outcome outcome = await run.InvokeAsync();

        Assert.That(outcome.Exception, Is.Null, () => $"the second attempt answers in time; the call ended with {outcome}");
        Assert.That(outcome.Result, Is.EqualTo(operation.Expected));
        Assert.That(run.Server.Requests, Has.Count.EqualTo(2));
    }

    private static bool IsReadOrDelete(ApiOperation operation) =>
        operation.Method == HttpMethod.Get || operation.Method == HttpMethod.Delete;

    /// <summary>The first answer comes long after the caller's timeout, the next at once.</summary>
    private static ScenarioRun Start(ApiOperation operation)
    {
        var run = new ScenarioRun(new FaultScenario
        {
            Name = operation.Name,
            Operation = operation,
            Replies = [Reply.Slow(TimeSpan.FromSeconds(10), Reply.Success(operation)), Reply.Success(operation)],
            Requests = 0,
        });

        // The client's own per-attempt timeout (5 s here) is longer: the caller's HttpClient cuts first.
        run.Http.Timeout = CallerTimeout;
        return run;
    }
}
