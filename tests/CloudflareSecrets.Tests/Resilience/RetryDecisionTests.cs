using System.Net;
using CloudflareSecrets.Internal;

namespace CloudflareSecrets.Tests.Resilience;

/// <summary>
/// The retry policy's two decisions, failure by failure: whether an attempt may be repeated (reads and deletes on any
/// transient failure; writes only when the server certainly did not act), and whether a failure leaves open that the
/// server acted. The fault suite proves them end to end; this table names every branch once.
/// </summary>
public class RetryDecisionTests
{
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(60);

    public static IEnumerable<TestCaseData> RetryCases()
    {
        // failure, repeated as a read, repeated as a write
        yield return Case("no failure", null, read: false, write: false);
        yield return Case("a 429 without Retry-After", Api(429), read: true, write: true);
        yield return Case("a 429 asking for the ceiling", Api(429, Ceiling), read: true, write: true);
        yield return Case("a 429 asking for past the ceiling", Api(429, Ceiling + TimeSpan.FromSeconds(1)), read: false, write: false);
        yield return Case("a 408", Api(408), read: true, write: false);
        yield return Case("a 500", Api(500), read: true, write: false);
        yield return Case("a 502", Api(502), read: true, write: false);
        yield return Case("a 503", Api(503), read: true, write: false);
        yield return Case("a 504", Api(504), read: true, write: false);
        yield return Case("a 501", Api(501), read: false, write: false);
        yield return Case("a 400", Api(400), read: false, write: false);
        yield return Case("a 404", Api(404), read: false, write: false);
        yield return Case("an attempt timeout", new TimeoutException(), read: true, write: false);
        yield return Case(
            "the caller's HttpClient.Timeout", new TaskCanceledException("timeout", new TimeoutException()), read: true, write: false);
        yield return Case("a cancellation that is not the caller's", new OperationCanceledException(), read: false, write: false);
        yield return Case("a connection that never opened", Http(HttpRequestError.ConnectionError), read: true, write: true);
        yield return Case("a name that did not resolve", Http(HttpRequestError.NameResolutionError), read: true, write: true);
        yield return Case("a response that ended early", Http(HttpRequestError.ResponseEnded), read: true, write: false);
        yield return Case("an unknown transport failure", Http(HttpRequestError.Unknown), read: true, write: false);
        yield return Case("a TLS failure", Http(HttpRequestError.SecureConnectionError), read: false, write: false);
        yield return Case("a connection lost while the body was read", new IOException("reset"), read: true, write: false);
        yield return Case("a body over MaxResponseBytes", new ResponseTooLargeException(1024), read: false, write: false);
        yield return Case("a failure of another kind", new InvalidOperationException(), read: false, write: false);
    }

    [TestCaseSource(nameof(RetryCases))]
    public void RepeatsAnAttemptOnlyWhenThatIsSafe(Exception? failure, bool read, bool write)
    {
        Assert.That(RetryPolicy.ShouldRetry(failure, isWrite: false, Ceiling, CancellationToken.None), Is.EqualTo(read), "as a read");
        Assert.That(RetryPolicy.ShouldRetry(failure, isWrite: true, Ceiling, CancellationToken.None), Is.EqualTo(write), "as a write");
    }

    [Test]
    public void NeverRepeatsAnAttemptTheCallerCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(
            RetryPolicy.ShouldRetry(new TaskCanceledException("timeout", new TimeoutException()), isWrite: false, Ceiling, cancelled.Token),
            Is.False);
        Assert.That(
            RetryPolicy.ShouldRetry(new OperationCanceledException(cancelled.Token), isWrite: false, Ceiling, cancelled.Token),
            Is.False);
    }

    public static IEnumerable<TestCaseData> AmbiguityCases()
    {
        yield return Case("a 429", Api(429), false);
        yield return Case("a 400", Api(400), false);
        yield return Case("a 404", Api(404), false);
        yield return Case("a 499", Api(499), false);
        yield return Case("a 408", Api(408), true);
        yield return Case("a 500", Api(500), true);
        yield return Case("a 501", Api(501), true);
        yield return Case("a connection that never opened", Http(HttpRequestError.ConnectionError), false);
        yield return Case("a name that did not resolve", Http(HttpRequestError.NameResolutionError), false);
        yield return Case("a response that ended early", Http(HttpRequestError.ResponseEnded), true);
        yield return Case("an unknown transport failure", Http(HttpRequestError.Unknown), true);
        yield return Case("a connection lost while the body was read", new IOException("reset"), true);
        yield return Case(
            "a timeout that is not the caller's cancellation", new TaskCanceledException("timeout", new TimeoutException()), true);
        yield return Case("an attempt timeout", new TimeoutException(), true);
        yield return Case("a failure of another kind", new InvalidOperationException(), false);
    }

    [TestCaseSource(nameof(AmbiguityCases))]
    public void SaysWhetherTheServerMayHaveActed(Exception failure, bool ambiguous)
    {
        Assert.That(RetryPolicy.IsAmbiguous(failure, CancellationToken.None), Is.EqualTo(ambiguous));
    }

    [Test]
    public void ACancellationByTheCallerLeavesNothingOpen()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(RetryPolicy.IsAmbiguous(new OperationCanceledException(cancelled.Token), cancelled.Token), Is.False);
    }

    private static CloudflareApiException Api(int status, TimeSpan? retryAfter = null) =>
        ErrorMapper.Create(new ApiFailure("Test", (HttpStatusCode)status, null) { RetryAfter = retryAfter });

    private static HttpRequestException Http(HttpRequestError error) => new(error, "transport");

    private static TestCaseData Case(string name, Exception? failure, bool read, bool write) =>
        new TestCaseData(failure, read, write).SetArgDisplayNames(name);

    private static TestCaseData Case(string name, Exception failure, bool ambiguous) =>
        new TestCaseData(failure, ambiguous).SetArgDisplayNames(name);
}
