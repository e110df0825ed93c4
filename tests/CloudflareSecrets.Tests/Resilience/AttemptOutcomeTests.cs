using System.Net;
using CloudflareSecrets.Tests.Resilience.Support;
using Microsoft.Extensions.Logging;

namespace CloudflareSecrets.Tests.Resilience;

/// <summary>
/// What each attempt leaves behind and how its outcome decides the next: the log event of every attempt (its measured
/// duration, its response headers at Trace, how it failed), a write's retries after a first failure that a write may
/// repeat, a delete found done by a retry after an attempt that may have acted, and failures that are not the client's
/// timeout. The server's answers are scripted in order; the last one repeats.
/// </summary>
public class AttemptOutcomeTests
{
    private const string Base = "https://api.cloudflare.com/client/v4/accounts/acc/secrets_store/stores/store1/secrets";
    private const string Ray = "8f0000000000cccc-EWR";
    private const string SecretBody =
        """{"success":true,"errors":[],"messages":[]"""
        + ""","result":{"id":"sec1","name":"MY_KEY","store_id":"store1","status":"active","scopes":["workers"]"""
        + ""","created":"2025-01-01T00:00:00Z","modified":"2025-01-01T00:00:00Z"}}""";
    private const string BadGatewayBody = """{"success":false,"errors":[{"code":10000,"message":"bad gateway"}]}""";
    private const string TwoNotFoundBody =
        """{"success":false,"errors":[{"code":1001,"message":"secret_not_found","source":{"pointer":"/ids/0"}}"""
        + """,{"code":1001,"message":"secret_not_found","source":{"pointer":"/ids/1"}}],"messages":[],"result":null}""";
    private const string NotFoundBody =
        """{"success":false,"errors":[{"code":1001,"message":"secret_not_found"}],"messages":[],"result":null}""";

    [Test]
    public async Task EveryAttemptsLogEventCarriesItsMeasuredDuration()
    {
        using var script = new Script(
            Reply.Status((int)HttpStatusCode.ServiceUnavailable, """{"success":false,"errors":[{"code":10000,"message":"unavailable"}]}"""),
            Reply.Status((int)HttpStatusCode.OK, SecretBody));

        await script.Client(maxAttempts: 2).GetSecretAsync("store1", "sec1");

        LogEntry[] attempts = script.Attempts;
        Assert.That(attempts.Select(a => a.EventId.Id), Is.EqualTo(new[] { 2, 1 }));
        Assert.That(attempts.Select(a => (double)a["ElapsedMs"]!), Is.All.GreaterThan(0), "each attempt is timed, not reported as 0 ms");
    }

    [Test]
    public async Task AtTraceEachAttemptLogsItsAllowListedResponseHeaders()
    {
        using var script = new Script(
            Reply.Status(
                (int)HttpStatusCode.ServiceUnavailable,
                """{"success":false,"errors":[{"code":10000,"message":"unavailable"}]}""",
                ("CF-Ray", Ray),
                ("Retry-After", "0"),
                ("retry-after-ms", "1"),
                ("Ratelimit", "\"default\";r=1000;t=60"),
                ("Ratelimit-Policy", "\"default\";q=1200;w=300"),
                ("Set-Cookie", "session=secret-cookie"),
                ("Content-Length", "68")),
            Reply.Status((int)HttpStatusCode.OK, SecretBody, ("CF-Ray", Ray)));

        await script.Client(maxAttempts: 2).GetSecretAsync("store1", "sec1");

        string[] headers = [.. script.Logs.Entries.Where(e => e.EventId.Id == 4).Select(e => (string)e["Headers"]!)];
        Assert.That(headers, Is.EqualTo(new[]
        {
            $"CF-Ray: {Ray}, Retry-After: 0, retry-after-ms: 1, Ratelimit: \"default\";r=1000;t=60, "
                + "Ratelimit-Policy: \"default\";q=1200;w=300, Content-Type: application/json; charset=utf-8, Content-Length: 68",
            $"CF-Ray: {Ray}, Content-Type: application/json; charset=utf-8",
        }), "the failed attempt's, then the successful one's; never a header off the list");
    }

    [Test]
    public async Task AtTraceAHeaderSentTwiceIsLoggedOnceWithBothValues()
    {
        using var script = new Script(
            Reply.Status((int)HttpStatusCode.OK, SecretBody, ("Ratelimit", "\"default\";r=5;t=60"), ("Ratelimit", "\"burst\";r=1;t=1")));

        await script.Client(maxAttempts: 1).GetSecretAsync("store1", "sec1");

        Assert.That(script.Logs.Entries.Where(e => e.EventId.Id == 4).Select(e => (string)e["Headers"]!), Is.EqualTo(new[]
        {
            "Ratelimit: \"default\";r=5;t=60,\"burst\";r=1;t=1, Content-Type: application/json; charset=utf-8",
        }));
    }

    [Test]
    public void AConnectionLostWhileTheResponseIsReadIsANetworkFailure_NamedInTheAttemptsLogEvent()
    {
        using var script = new Script(Reply.Content(200, () => new StreamContent(new ResetStream()), "a body cut off"));

        HttpRequestException? exception = Assert.ThrowsAsync<HttpRequestException>(
            () => script.Client(maxAttempts: 1).GetSecretAsync("store1", "sec1"));

        Assert.That(exception!.Message, Is.EqualTo("GetSecret: the connection failed while the response was read."));
        Assert.That(exception.HttpRequestError, Is.EqualTo(HttpRequestError.ResponseEnded));
        Assert.That(script.Attempts.Single()["Failure"], Is.EqualTo("HttpRequestException (ResponseEnded)"));
    }

    [Test]
    public void A2xxSayingSuccessFalseIsLoggedAsAFailedAttempt()
    {
        using var script = new Script(
            Reply.Status(
                (int)HttpStatusCode.OK,
                """{"success":false,"errors":[{"code":10001,"message":"internal validation failed"}],"messages":[],"result":null}""",
                ("CF-Ray", Ray)));

        Assert.ThrowsAsync<CloudflareApiException>(() => script.Client(maxAttempts: 1).GetSecretAsync("store1", "sec1"));

        LogEntry attempt = script.Attempts.Single();
        Assert.That(
            (attempt.Level, attempt.EventId.Id, attempt["Status"], attempt["RayId"], attempt["Failure"]),
            Is.EqualTo((LogLevel.Warning, 2, (object?)200, (object?)Ray, (object?)"CloudflareApiException")));
    }

    [Test]
    public void AWriteRetriedAfterA429IsNotRetriedAfterA5xx()
    {
        // A 429 is refused before anything is done, so a write may repeat it; a 5xx leaves open whether the write happened.
        using var script = new Script(
            Reply.Status(
                (int)HttpStatusCode.TooManyRequests,
                """{"success":false,"errors":[{"code":971,"message":"rate limited"}]}""",
                ("Retry-After", "0")),
            Reply.Status((int)HttpStatusCode.BadGateway, BadGatewayBody));

        Assert.ThrowsAsync<CloudflareServerException>(
            () => script.Client(maxAttempts: 4).CreateSecretAsync("store1", "MY_KEY", "sentinel-value-1", ["workers"]));

        Assert.That(script.Requests, Is.EqualTo(2), "the 429 repeated once, the 502 not at all");
    }

    [TestCase(1, TestName = "A delete that finds the secret gone after an attempt that may have acted succeeded")]
    [TestCase(2, TestName = "A delete that finds the secret gone after two attempts that may have acted succeeded")]
    public void ADeleteThatFindsTheSecretGoneAfterAnAttemptThatMayHaveActedSucceeded(int lostAttempts)
    {
        IEnumerable<Reply> replies = Enumerable.Repeat(Reply.Status((int)HttpStatusCode.BadGateway, BadGatewayBody), lostAttempts)
            .Append(Reply.Status((int)HttpStatusCode.NotFound, NotFoundBody));
        using var script = new Script([.. replies]);

        Assert.That(() => script.Client(maxAttempts: 3).DeleteSecretAsync("store1", "sec1"), Throws.Nothing, "the lost attempt deleted it");
        Assert.That(script.Requests, Is.EqualTo(lostAttempts + 1));
    }

    [Test]
    public void ADeleteThatFindsNoSecretAtOnceFails()
    {
        using var script = new Script(Reply.Status((int)HttpStatusCode.NotFound, NotFoundBody));

        Assert.ThrowsAsync<CloudflareNotFoundException>(() => script.Client(maxAttempts: 3).DeleteSecretAsync("store1", "sec1"));
    }

    [Test]
    public void ABulkDeleteThatFindsEverySecretGoneAfterAnAttemptThatMayHaveActedSucceeded()
    {
        using var script = new Script(
            Reply.Status((int)HttpStatusCode.BadGateway, BadGatewayBody),
            Reply.Status((int)HttpStatusCode.NotFound, TwoNotFoundBody));

        Assert.That(
            () => script.Client(maxAttempts: 3).DeleteSecretsAsync("store1", ["sec1", "sec2"]),
            Throws.Nothing,
            "the lost attempt deleted them");
        Assert.That(script.Requests, Is.EqualTo(2));
    }

    [Test]
    public void ABulkDeleteThatFindsEverySecretGoneAtOnceFails()
    {
        using var script = new Script(Reply.Status((int)HttpStatusCode.NotFound, TwoNotFoundBody));

        Assert.ThrowsAsync<CloudflareNotFoundException>(() => script.Client(maxAttempts: 3).DeleteSecretsAsync("store1", ["sec1", "sec2"]));
        Assert.That(script.Requests, Is.EqualTo(1));
    }

    [Test]
    public void ABulkDeleteThatFindsOnlySomeSecretsGoneAfterAnAttemptThatMayHaveActedFails()
    {
        using var script = new Script(
            Reply.Status((int)HttpStatusCode.BadGateway, BadGatewayBody),
            Reply.Status((int)HttpStatusCode.NotFound, NotFoundBody));

        Assert.ThrowsAsync<CloudflareNotFoundException>(() => script.Client(maxAttempts: 3).DeleteSecretsAsync("store1", ["sec1", "sec2"]));
    }

    [Test]
    public void ADeleteAnswered300WithASuccessEnvelopeFails()
    {
        using var script = new Script(Reply.Status(300, """{"success":true,"errors":[],"messages":[],"result":null}"""));

        CloudflareApiException? exception = Assert.ThrowsAsync<CloudflareApiException>(
            () => script.Client(maxAttempts: 1).DeleteSecretAsync("store1", "sec1"));

        Assert.That(exception!.StatusCode, Is.EqualTo((HttpStatusCode)300), "only a 2xx the spec does not list is a success");
    }

    [Test]
    public async Task ADeleteAcceptedWithAnUndeclared2xxIsLoggedAsASuccessfulAttempt()
    {
        using var script = new Script(
            Reply.Status((int)HttpStatusCode.OK, """{"success":true,"errors":[],"messages":[],"result":null}""", ("CF-Ray", Ray)));

        await script.Client(maxAttempts: 1).DeleteSecretAsync("store1", "sec1");

        LogEntry attempt = script.Attempts.Single();
        Assert.That(
            (attempt.Level, attempt.EventId.Id, attempt["Status"], attempt["RayId"]),
            Is.EqualTo((LogLevel.Debug, 1, (object?)200, (object?)Ray)));
    }

    [Test]
    public void ACancellationThatIsNeitherTheCallersNorATimeoutIsNotReportedAsATimeout()
    {
        // A handler of the caller's that gives up by itself: no timeout elapsed, and the caller did not cancel.
        using var script = new Script(Reply.Throws(() => new TaskCanceledException("a handler gave up"), "a handler's own cancellation"));

        Exception? exception = Assert.CatchAsync<Exception>(() => script.Client(maxAttempts: 1).GetSecretAsync("store1", "sec1"));

        Assert.That(exception, Is.TypeOf<TaskCanceledException>());
    }

    /// <summary>A server answering with the replies in order (the last one repeats), and the client's logs.</summary>
    private sealed class Script : IDisposable
    {
        private readonly ScriptedServer _server;
        private readonly ILoggerFactory _loggers;

        public Script(params Reply[] replies)
        {
            _server = new ScriptedServer(replies);
            _loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        }

        public CapturingLoggerProvider Logs { get; } = new();

        public int Requests => _server.Requests.Count;

        /// <summary>The attempts' log events (1: answered, 2: failed), in order.</summary>
        public LogEntry[] Attempts =>
            [.. Logs.Entries.Where(e => e.Category == typeof(SecretsStoreClient).FullName && e.EventId.Id is 1 or 2)];

        public SecretsStoreClient Client(int maxAttempts)
        {
            var options = new SecretsStoreClientOptions
            {
                // A token of its own: rate-limit state is shared per credential in the process.
                ApiToken = "token-" + Guid.NewGuid().ToString("N"),
                AccountId = "acc",
                Retry = { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
            };
            return new SecretsStoreClient(options, _server.CreateClient(), _loggers);
        }

        public void Dispose()
        {
            _loggers.Dispose();
            _server.Dispose();
        }
    }
}
