using System.Net;
using CloudflareSecrets.Tests.Facade.Support;
using CloudflareSecrets.Tests.Resilience.Support;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.Tests.Hostile;

/// <summary>
/// A hostile or broken server (or anything between it and the client) chooses the headers and texts of its answers. What
/// the client shows of them (exception messages and properties, logs down to Trace, telemetry tags) never holds a value
/// the call sent or the credential, and a header is shown only when it has the shape the real API gives it.
/// </summary>
public class HostileServerTests
{
    private const string Sentinel = "SENTINEL-VALUE-5b2e";
    private const string OtherSentinel = "SENTINEL-OTHER-9c41";
    private const string Token = "SENTINEL-TOKEN-d7a0";

    [Test]
    public void ACfRayOfAnotherShapeIsDroppedFromTheExceptionTheLogsAndTheTags()
    {
        using var telemetry = new TelemetryRecorder();
        using var logs = new CapturingLoggerProvider();
        using var fake = new FakeCloudflare();
        fake.AnswerAll(Canned.Failure(1001, "secret_not_found"), HttpStatusCode.NotFound, headers: ("CF-Ray", $"{Sentinel} {Token}"));

        CloudflareApiException? e = Assert.CatchAsync<CloudflareApiException>(
            () => Client(fake, telemetry, logs).CreateSecretAsync(FakeCloudflare.StoreId, "NAME", Sentinel, [SecretScopes.Workers]));

        Assert.That(e!.RayId, Is.Null, "a CF-Ray that is not 16 hex digits (and a colo) is dropped");
        Assert.That(e.Message, Does.Not.Contain("CF-Ray"));
        AssertNowhere(e, logs, telemetry, Sentinel, Token);
        Assert.That(fake.Requests, Has.Count.EqualTo(1));
    }

    [TestCase("8f00aa11bb22cc33-EWR")]
    [TestCase("8f00aa11bb22cc33")]
    public void ACfRayOfCloudflaresShapeIsKept(string ray)
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(Canned.Failure(1001, "secret_not_found"), HttpStatusCode.NotFound, headers: ("CF-Ray", ray));

        CloudflareApiException? e = Assert.CatchAsync<CloudflareApiException>(
            () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

        Assert.That(e!.RayId, Is.EqualTo(ray));
        Assert.That(e.Message, Does.Contain($"(CF-Ray {ray})"));
    }

    [TestCase("8f00aa11bb22cc3-EWR", TestName = "15 hex digits")]
    [TestCase("8f00aa11bb22cc33-EWRX", TestName = "a four-letter colo")]
    [TestCase("8f00aa11bb22cc33-ewr", TestName = "a lowercase colo")]
    [TestCase("8f00aa11bb22cc3g-EWR", TestName = "a letter past f")]
    [TestCase("8f00aa11bb22cc33-EWR\u001b[2J", TestName = "a terminal escape after it")]
    public void ACfRayNearlyOfCloudflaresShapeIsDropped(string ray)
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(Canned.Failure(1001, "secret_not_found"), HttpStatusCode.NotFound, headers: ("CF-Ray", ray));

        CloudflareApiException? e = Assert.CatchAsync<CloudflareApiException>(
            () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

        Assert.That(e!.RayId, Is.Null);
    }

    [Test]
    public void HeadersOfAnotherShapeAreLoggedAtTraceBySizeOnly()
    {
        using var logs = new CapturingLoggerProvider();
        using var fake = new FakeCloudflare();
        fake.AnswerAll(
            Canned.Failure(1001, "secret_not_found"),
            HttpStatusCode.NotFound,
            mediaType: "application/json",
            ("Retry-After", $"1 {Sentinel}"),
            ("retry-after-ms", Token),
            ("Ratelimit", $"\"default\";r=0;t=30 {Token}"),
            ("Ratelimit-Policy", $"\"default\";q=1200;w=300\u001b]0;{Sentinel}\u0007"));

        Assert.CatchAsync<CloudflareApiException>(
            () => Client(fake, null, logs).CreateSecretAsync(FakeCloudflare.StoreId, "NAME", Sentinel, [SecretScopes.Workers]));

        string headers = logs.Entries.Single(l => l.EventId.Id == 4).Message;
        Assert.That(headers, Does.Contain($"Retry-After: (not shown: {2 + Sentinel.Length} characters of an unexpected shape)"));
        Assert.That(headers, Does.Contain("Content-Type: application/json"), "a well-formed header is still shown");
        Assert.That(headers, Does.Not.Contain("\u001b").And.Not.Contain(Sentinel).And.Not.Contain(Token));
    }

    [Test]
    public void AWellFormedHeaderThatEchoesTheValueOrTheTokenIsMaskedAtTrace()
    {
        using var logs = new CapturingLoggerProvider();
        using var fake = new FakeCloudflare();
        fake.AnswerAll(
            Canned.Failure(1001, "secret_not_found"),
            HttpStatusCode.NotFound,
            headers: [("Ratelimit", $"\"{Sentinel.ToLowerInvariant()}\";r=0;t=30"), ("Ratelimit-Policy", $"\"{Token}\";q=1200;w=300")]);

        Assert.CatchAsync<CloudflareApiException>(
            () => Client(fake, null, logs).CreateSecretAsync(FakeCloudflare.StoreId, "NAME", Sentinel, [SecretScopes.Workers]));

        string headers = logs.Entries.Single(l => l.EventId.Id == 4).Message;
        Assert.That(headers, Does.Contain("Ratelimit: \"***\";r=0;t=30").And.Contain("Ratelimit-Policy: \"***\";q=1200;w=300"));
    }

    [Test]
    public void DocumentationUrlAndSourcePointerAreMaskedLikeMessages()
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(
            Canned.Failure([Canned.Error(
                1001,
                "secret_value_too_long",
                documentationUrl: $"https://example.com/?v={Sentinel}&t={Token}",
                pointer: $"/0/{Sentinel}")]),
            HttpStatusCode.BadRequest);

        CloudflareApiException? e = Assert.CatchAsync<CloudflareApiException>(
            () => Client(fake, null, null).CreateSecretAsync(FakeCloudflare.StoreId, "NAME", Sentinel, [SecretScopes.Workers]));

        Assert.That(e!.Errors.Single().DocumentationUrl, Is.EqualTo("https://example.com/?v=***&t=***"));
        Assert.That(e.Errors.Single().SourcePointer, Is.EqualTo("/0/***"));
    }

    [Test]
    public void DocumentationUrlAndSourcePointerOfAnEnvelopeOfAnotherShapeAreMaskedToo()
    {
        using var fake = new FakeCloudflare();
        var body = new JObject
        {
            ["success"] = "no",
            ["errors"] = new JArray(new JObject
            {
                ["code"] = 1001,
                ["message"] = Sentinel,
                ["documentation_url"] = Sentinel,
                ["source"] = new JObject { ["pointer"] = Token },
            }),
        };
        fake.AnswerAll(body.ToString(), HttpStatusCode.BadRequest);

        CloudflareApiException? e = Assert.CatchAsync<CloudflareApiException>(
            () => Client(fake, null, null).CreateSecretAsync(FakeCloudflare.StoreId, "NAME", Sentinel, [SecretScopes.Workers]));

        Assert.That(e!.Errors.Single(), Is.EqualTo(new CloudflareError(1001, "***", "***", "***")));
    }

    [TestCase("lower")]
    [TestCase("upper")]
    [TestCase("mixed")]
    public void AnEchoInAnotherCaseIsMasked(string casing)
    {
        string echoed = casing switch
        {
            "lower" => Sentinel.ToLowerInvariant(),
            "upper" => Sentinel.ToUpperInvariant(),
            _ => string.Concat(Sentinel.Select((c, i) => i % 2 == 0 ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c))),
        };
        using var fake = new FakeCloudflare();
        fake.AnswerAll(
            Canned.Failure([Canned.Error(1001, $"value {echoed} refused, token {Token.ToLowerInvariant()}")]), HttpStatusCode.BadRequest);

        CloudflareApiException? e = Assert.CatchAsync<CloudflareApiException>(
            () => Client(fake, null, null).CreateSecretAsync(FakeCloudflare.StoreId, "NAME", Sentinel, [SecretScopes.Workers]));

        Assert.That(e!.Errors.Single().Message, Is.EqualTo("value *** refused, token ***"));
        Assert.That(e.Message, Does.Not.Contain(echoed));
    }

    [Test]
    public void EveryValueOfABatchIsMaskedWhereverTheServerEchoesIt()
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(
            Canned.Failure([Canned.Error(1001, $"{OtherSentinel.ToUpperInvariant()} and {Sentinel}")]), HttpStatusCode.BadRequest);

        CloudflareApiException? e = Assert.CatchAsync<CloudflareApiException>(() => Client(fake, null, null).CreateSecretsAsync(
            FakeCloudflare.StoreId,
            [new NewSecret("A", Sentinel, [SecretScopes.Workers]), new NewSecret("B", OtherSentinel, [SecretScopes.Workers])]));

        Assert.That(e!.Errors.Single().Message, Is.EqualTo("*** and ***"));
    }

    [Test]
    public void AnUpdateOfASyncThatEchoesAnotherValueOfTheSameSyncIsMasked()
    {
        using var logs = new CapturingLoggerProvider();
        using var fake = new FakeCloudflare();
        fake.Answer(
            HttpMethod.Get,
            FakeCloudflare.SecretsUrl(),
            Canned.List(
                Canned.Secret(id: "11111111111111111111111111111111", name: "A"),
                Canned.Secret(id: "22222222222222222222222222222222", name: "B")));
        fake.AnswerAll(
            Canned.Failure([Canned.Error(1001, $"not {OtherSentinel.ToLowerInvariant()} nor {Sentinel}")]), HttpStatusCode.BadRequest);

        SecretsSyncException? e = Assert.CatchAsync<SecretsSyncException>(() => Client(fake, null, logs).SyncSecretsAsync(
            FakeCloudflare.StoreId,
            [new("A", Sentinel), new("B", OtherSentinel)]));

        // Each update carries one value and failed with an error naming the other's too: both masked.
        var inner = (CloudflareApiException)e!.InnerException!;
        Assert.That(inner.Errors.Single().Message, Is.EqualTo("not *** nor ***"));
        Assert.That(e.ToString(), Does.Not.Contain(OtherSentinel).IgnoreCase.And.Not.Contain(Sentinel).IgnoreCase);
        Assert.That(string.Join("\n", logs.Entries.Select(l => l.AllText)), Does.Not.Contain(OtherSentinel).IgnoreCase);
    }

    private static SecretsStoreClient Client(FakeCloudflare fake, TelemetryRecorder? telemetry, CapturingLoggerProvider? logs)
    {
        var options = new SecretsStoreClientOptions
        {
            ApiToken = Token,
            AccountId = FakeCloudflare.AccountId,
            Retry = { MaxAttempts = 1 },
        };
        if (telemetry is not null)
        {
            options.BaseUrl = new Uri($"https://{telemetry.Host}/client/v4/");
        }

        ILoggerFactory? factory = logs is null ? null : LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        return new SecretsStoreClient(options, fake.CreateHttpClient(), factory);
    }

    private static void AssertNowhere(Exception e, CapturingLoggerProvider logs, TelemetryRecorder telemetry, params string[] secrets)
    {
        string logText = string.Join("\n", logs.Entries.Select(l => l.AllText));
        Assert.That(logs.Entries.Any(l => l.Level == LogLevel.Trace), "Trace events were written");
        foreach (string secret in secrets)
        {
            Assert.That(e.ToString(), Does.Not.Contain(secret).IgnoreCase, "exception text");
            Assert.That(logText, Does.Not.Contain(secret).IgnoreCase, "logs down to Trace");
        }

        telemetry.AssertNoTagHolds(secrets);
    }
}
