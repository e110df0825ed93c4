using System.Diagnostics;
using System.Diagnostics.Metrics;
using CloudflareSecrets.Tests.Resilience.Support;

namespace CloudflareSecrets.Tests.Resilience;

/// <summary>
/// The ActivitySource and Meter named "CloudflareSecrets", as OpenTelemetry's AddSource/AddMeter would collect them: one
/// activity per call with OpenTelemetry's HTTP attribute names, and metrics for durations, attempts, retries and
/// rate-limit waits. A sentinel secret value and token (echoed by the server in error messages) appear in no tag.
/// Each test talks to its own host, so the listeners ignore what other tests record meanwhile.
/// </summary>
public class TelemetryTests
{
    private const string Token = "token-sentinel-4c1e9b";
    private const string Value = "value-sentinel-4c1e9b";
    private const string RayId = "8f1d2c3b4a5e6f70-AMS";
    private const string Account = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    [Test]
    public async Task ASuccess_IsOneActivityWithTheHttpConventionTags_AndOneOfEachMetric()
    {
        using var recorder = new TelemetryRecorder();
        using var server = new ScriptedServer([Reply.Success(Api.UpdateSecret, ("CF-Ray", RayId))]);

        await Client(recorder.Host, server).UpdateSecretAsync(Api.StoreId, Api.SecretId, new SecretUpdate { Value = Value });

        Activity activity = recorder.Activities.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(activity.OperationName, Is.EqualTo("SecretsStore.UpdateSecret"));
            Assert.That(activity.Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(activity.GetTagItem("cloudflare.operation"), Is.EqualTo("UpdateSecret"));
            Assert.That(activity.GetTagItem("http.request.method"), Is.EqualTo("PATCH"));
            Assert.That(
                activity.GetTagItem("url.template"),
                Is.EqualTo("/client/v4/accounts/{account_id}/secrets_store/stores/{store_id}/secrets/{secret_id}"));
            Assert.That(activity.GetTagItem("server.address"), Is.EqualTo(recorder.Host));
            Assert.That(activity.GetTagItem("server.port"), Is.EqualTo(443));
            Assert.That(activity.GetTagItem("http.response.status_code"), Is.EqualTo(200));
            Assert.That(activity.GetTagItem("cloudflare.attempt_count"), Is.EqualTo(1));
            Assert.That(activity.GetTagItem("cloudflare.ray_id"), Is.EqualTo(RayId));
            Assert.That(activity.GetTagItem("error.type"), Is.Null);

            Measurement duration = recorder.Single("cloudflare.secrets_store.operation.duration");
            Assert.That(duration.Value, Is.GreaterThan(0).And.LessThan(60));
            Assert.That(duration.Tags, Does.ContainKey("http.response.status_code").WithValue(200));
            Assert.That(duration.Tags, Does.ContainKey("cloudflare.operation").WithValue("UpdateSecret"));
            Assert.That(duration.Tags, Does.Not.ContainKey("error.type"));
            Assert.That(recorder.Sum("cloudflare.secrets_store.attempts"), Is.EqualTo(1));
            Assert.That(recorder.Sum("cloudflare.secrets_store.retries"), Is.Zero);
            Assert.That(recorder.Measurements.Where(m => m.Instrument == "cloudflare.secrets_store.rate_limit.wait.duration"), Is.Empty);
        }

        recorder.AssertNoTagHolds(Token, Value, Account, Api.StoreId, Api.SecretId);
    }

    [Test]
    public async Task ARetriedFailure_CountsEveryAttempt_AndEndsTheActivityWithTheErrorType()
    {
        using var recorder = new TelemetryRecorder();
        string echo =
            $$"""{"success":false,"errors":[{"code":10000,"message":"slow down {{Value}} {{Token}}"}],"messages":[],"result":null}""";
        using var server = new ScriptedServer([
            Reply.Status(429, echo, ("Retry-After", "0")),
            Reply.Status(429, echo, ("Retry-After", "0")),
            Reply.Status(429, echo, ("Retry-After", "0"), ("CF-Ray", RayId))]);

        Assert.ThrowsAsync<CloudflareRateLimitException>(
            () => Client(recorder.Host, server).UpdateSecretAsync(Api.StoreId, Api.SecretId, new SecretUpdate { Value = Value }));

        Activity activity = recorder.Activities.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Has.Count.EqualTo(3));
            Assert.That(activity.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(activity.StatusDescription, Is.EqualTo("429"));
            Assert.That(activity.GetTagItem("error.type"), Is.EqualTo("429"));
            Assert.That(activity.GetTagItem("http.response.status_code"), Is.EqualTo(429));
            Assert.That(activity.GetTagItem("cloudflare.attempt_count"), Is.EqualTo(3));
            Assert.That(activity.GetTagItem("cloudflare.ray_id"), Is.EqualTo(RayId));

            Assert.That(recorder.Sum("cloudflare.secrets_store.attempts"), Is.EqualTo(3));
            Assert.That(
                recorder.Measurements.Where(m => m.Instrument == "cloudflare.secrets_store.attempts").Select(m => m.Tags["error.type"]),
                Has.All.EqualTo("429"));
            Assert.That(recorder.Sum("cloudflare.secrets_store.retries"), Is.EqualTo(2));
            Assert.That(
                recorder.Single("cloudflare.secrets_store.operation.duration").Tags,
                Does.ContainKey("error.type").WithValue("429"));
        }

        recorder.AssertNoTagHolds(Token, Value, Account, Api.StoreId, Api.SecretId);
    }

    [Test]
    public async Task ARateLimitWait_IsMeasured_BeforeTheRequestIsSent()
    {
        using var recorder = new TelemetryRecorder();
        // The first call warms the code up: a first call's reading can outlast a reset 1 s away, and then nothing waits.
        using var server = new ScriptedServer([
            Reply.Success(Api.GetQuota), Reply.Success(Api.GetQuota, ("Ratelimit", "\"default\";r=0;t=1")), Reply.Success(Api.GetQuota)]);
        SecretsStoreClient client = Client(recorder.Host, server);

        await client.GetQuotaAsync();
        await client.GetQuotaAsync();
        await client.GetQuotaAsync();

        Measurement wait = recorder.Single("cloudflare.secrets_store.rate_limit.wait.duration");
        using (Assert.EnterMultipleScope())
        {
            // The reset was about 1.1 s away when the second call ended (a slow machine can only shorten the wait that is left).
            Assert.That(wait.Value, Is.GreaterThan(0).And.LessThan(2));
            Assert.That(wait.Tags, Does.ContainKey("cloudflare.operation").WithValue("GetQuota"));
            Assert.That(wait.Tags, Does.ContainKey("server.address").WithValue(recorder.Host));
            Assert.That(recorder.Activities, Has.Count.EqualTo(3));
            Assert.That(recorder.Sum("cloudflare.secrets_store.attempts"), Is.EqualTo(3));
        }

        recorder.AssertNoTagHolds(Token, Account);
    }

    /// <summary>A client with its own host (and so its own rate-limit state), short backoff and the sentinel token.</summary>
    private static SecretsStoreClient Client(string host, ScriptedServer server) =>
        new(new SecretsStoreClientOptions
        {
            ApiToken = Token,
            AccountId = Account,
            BaseUrl = new Uri($"https://{host}/client/v4/"),
            Retry = { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        }, server.CreateClient());

    [Test]
    public void ABadRequestEndsTheActivityWithItsStatusAsTheErrorType()
    {
        using var recorder = new TelemetryRecorder();
        using var server = new ScriptedServer([
            Reply.Status(400, """{"success":false,"errors":[{"code":1001,"message":"bad request"}],"messages":[],"result":null}""")]);

        Assert.ThrowsAsync<CloudflareValidationException>(
            () => Client(recorder.Host, server).UpdateSecretAsync(Api.StoreId, Api.SecretId, new SecretUpdate { Value = Value }));

        Assert.That(recorder.Activities.Single().GetTagItem("error.type"), Is.EqualTo("400"), "400 is the first failure status");
    }

    [Test]
    public void TheInstrumentsAreNamedAndDescribedWithTheirUnits_AndTheDurationHasTheHttpBuckets()
    {
        var published = new List<Instrument>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == "CloudflareSecrets")
                {
                    published.Add(instrument);
                }
            },
        };
        listener.Start();

        Assert.That(published.Select(i => (i.Name, i.Unit, i.Description)), Is.EquivalentTo(new[]
        {
            ("cloudflare.secrets_store.operation.duration", "s",
                "Duration of Secrets Store operations, retries and rate-limit waits included."),
            ("cloudflare.secrets_store.attempts", "{attempt}", "Requests sent to the Secrets Store API, first attempts and retries."),
            ("cloudflare.secrets_store.retries", "{retry}", "Requests repeated after a failed attempt."),
            ("cloudflare.secrets_store.rate_limit.wait.duration", "s",
                "Time a request waited for the rate-limit budget before it was sent."),
        }));
        var duration = (Histogram<double>)published.Single(i => i.Name == "cloudflare.secrets_store.operation.duration");
        Assert.That(
            duration.Advice?.HistogramBucketBoundaries,
            Is.EqualTo(new[] { 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10 }),
            "OpenTelemetry's buckets for HTTP durations");
    }
}
