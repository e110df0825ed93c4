using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CloudflareSecrets.Emulator.Tests.Support;

namespace CloudflareSecrets.Emulator.Tests;

public class FaultInjectionTests : EmulatorTest
{
    [Test]
    public async Task AnswersTheNextCountMatchingRequestsThenStops()
    {
        Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "/quota", Count = 2, Status = 503 });

        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 3; i++)
        {
            statuses.Add((await GetAsync(Accounts("quota"))).Status);
        }

        Assert.That(
            statuses, Is.EqualTo(new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK }));
        Assert.That(Emulator.Faults.Count, Is.Zero);
    }

    [Test]
    public async Task LeavesRequestsThatDoNotMatchAlone()
    {
        Emulator.Faults.Add(new FaultRule { Method = "POST", PathPattern = "/secrets", Status = 500 });

        ApiResponse other = await GetAsync(Accounts("quota"));
        ApiResponse wrongMethod = await GetAsync(Accounts("stores/023e105f4ecef8ad9ca31a8372d0c353/secrets"));

        Assert.That(other.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(wrongMethod.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(Emulator.Faults.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task WritesAFailureEnvelopeByDefault()
    {
        Emulator.Faults.Add(new FaultRule { Status = 502 });

        ApiResponse response = await GetAsync(Accounts("quota"));

        AssertFailure(response, HttpStatusCode.BadGateway, EmulatorErrorCodes.InternalError);
        SpecSchema.AssertConforms("secrets-store-quota", response);
    }

    [Test]
    public async Task UsesTheGivenErrorCodeAndMessageEvenUnderA2xx()
    {
        Emulator.Faults.Add(new FaultRule { Status = 200, ErrorCode = 1234, ErrorMessage = "odd but possible" });

        ApiResponse response = await GetAsync(Accounts("quota"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Json.GetProperty("success").GetBoolean(), Is.False);
        Assert.That(response.ErrorCodes, Is.EqualTo(new[] { 1234 }));
        Assert.That(response.ErrorMessages, Is.EqualTo(new[] { "odd but possible" }));
    }

    [Test]
    public async Task CanAnswerAnHtmlPage()
    {
        Emulator.Faults.Add(new FaultRule { Status = 502, Body = FaultBody.Html });

        ApiResponse response = await GetAsync(Accounts("quota"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(response.ContentHeaders.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(response.Body, Does.StartWith("<!DOCTYPE html>"));
    }

    [Test]
    public async Task CanAnswerAnEmptyBody()
    {
        Emulator.Faults.Add(new FaultRule { Status = 500, Body = FaultBody.Empty });

        ApiResponse response = await GetAsync(Accounts("quota"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(response.Body, Is.Empty);
    }

    [Test]
    public async Task CanAnswerTruncatedJson()
    {
        Emulator.Faults.Add(new FaultRule { Status = 500, Body = FaultBody.TruncatedJson });

        ApiResponse response = await GetAsync(Accounts("quota"));

        Assert.That(response.ContentHeaders.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(response.Body, Does.StartWith("{\"success\":false"));
        Assert.That(() => JsonDocument.Parse(response.Body), Throws.InstanceOf<JsonException>());
    }

    [Test]
    public async Task CanAnswerPlainText()
    {
        Emulator.Faults.Add(new FaultRule { Status = 504, Body = FaultBody.PlainText });

        ApiResponse response = await GetAsync(Accounts("quota"));

        Assert.That(response.ContentHeaders.ContentType?.MediaType, Is.EqualTo("text/plain"));
        Assert.That(response.Body, Does.Contain("504"));
    }

    [Test]
    public async Task CanAnswerACustomBody()
    {
        Emulator.Faults.Add(new FaultRule { Status = 200, Body = FaultBody.Custom, CustomBody = """{"success":true,"result":[1,2"]}""" });

        ApiResponse response = await GetAsync(Accounts("quota"));

        Assert.That(response.Body, Is.EqualTo("""{"success":true,"result":[1,2"]}"""));
    }

    [Test]
    public async Task SetsTheGivenHeaders()
    {
        Emulator.Faults.Add(new FaultRule { Status = 429, Headers = { ["Retry-After"] = "7", ["Ratelimit"] = "\"default\";r=0;t=7" } });

        ApiResponse response = await GetAsync(Accounts("quota"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(response.Header("Ratelimit"), Is.EqualTo("\"default\";r=0;t=7"));
        Assert.That(response.Header("CF-Ray"), Does.EndWith("-EMU"));
    }

    [Test]
    public async Task DelaysTheAnswer()
    {
        Emulator.Faults.Add(new FaultRule { Status = 503, Delay = TimeSpan.FromMilliseconds(600) });

        var stopwatch = Stopwatch.StartNew();
        ApiResponse response = await GetAsync(Accounts("quota"));

        Assert.That(stopwatch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(550)));
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    [Test]
    public async Task WithoutAStatusDelaysTheRealAnswer()
    {
        string storeId = await CreateStoreAsync();
        Emulator.Faults.Add(new FaultRule { Delay = TimeSpan.FromMilliseconds(400), Headers = { ["X-Injected"] = "yes" } });

        var stopwatch = Stopwatch.StartNew();
        ApiResponse response = await GetAsync(Accounts($"stores/{storeId}"));

        Assert.That(stopwatch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(350)));
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
        Assert.That(response.Result.GetProperty("id").GetString(), Is.EqualTo(storeId));
        Assert.That(response.Header("X-Injected"), Is.EqualTo("yes"));
    }

    [Test]
    public async Task LetsAClientTimeOutOnADelay()
    {
        Emulator.Faults.Add(new FaultRule { Status = 200, Delay = TimeSpan.FromSeconds(5) });
        using var impatient = new HttpClient { BaseAddress = Emulator.BaseAddress, Timeout = TimeSpan.FromMilliseconds(300) };
        impatient.DefaultRequestHeaders.Authorization = new("Bearer", EmulatorOptions.DefaultApiToken);

        Assert.That(async () => await impatient.GetAsync(Accounts("quota")), Throws.InstanceOf<TaskCanceledException>());
        ApiResponse next = await GetAsync(Accounts("quota"));
        Assert.That(next.Status, Is.EqualTo(HttpStatusCode.OK), "the emulator keeps serving after a client gave up");
    }

    [Test]
    public async Task CanDropTheConnection()
    {
        Emulator.Faults.Add(new FaultRule { PathPattern = "/quota", AbortConnection = true });

        // A fresh client, so the request goes out on a new connection: SocketsHttpHandler silently retries a request
        // once when a reused pooled connection closes before any response byte, which would hide a Count = 1 abort.
        using var fresh = new HttpClient { BaseAddress = Emulator.BaseAddress };
        fresh.DefaultRequestHeaders.Authorization = new("Bearer", EmulatorOptions.DefaultApiToken);
        Assert.That(async () => await fresh.GetAsync(Accounts("quota")), Throws.InstanceOf<HttpRequestException>());
        ApiResponse next = await GetAsync(Accounts("quota"));
        Assert.That(next.Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task AfterProcessing_LetsTheRequestTakeEffectAndAnswersTheFaultInstead()
    {
        string storeId = await CreateStoreAsync();
        string secretId = await CreateSecretAsync(storeId, "A");
        Emulator.Faults.Add(new FaultRule { Method = "DELETE", AfterProcessing = true, Status = 502, Body = FaultBody.Html });

        ApiResponse delete = await DeleteAsync(Accounts($"stores/{storeId}/secrets/{secretId}"));
        ApiResponse after = await GetAsync(Accounts($"stores/{storeId}/secrets/{secretId}"));

        Assert.Multiple(() =>
        {
            Assert.That(delete.Status, Is.EqualTo(HttpStatusCode.BadGateway));
            Assert.That(delete.Body, Does.Contain("<html"), "the emulator's own answer was discarded");
            Assert.That(delete.Header("CF-Ray"), Is.Not.Null);
            Assert.That(after.Status, Is.EqualTo(HttpStatusCode.NotFound), "the delete took effect");
        });
    }

    [Test]
    public async Task AfterProcessing_CanDropTheConnectionOnceTheRequestTookEffect()
    {
        string storeId = await CreateStoreAsync();
        Emulator.Faults.Add(new FaultRule { Method = "POST", PathPattern = "/secrets", AfterProcessing = true, AbortConnection = true });

        using var fresh = new HttpClient { BaseAddress = Emulator.BaseAddress };
        fresh.DefaultRequestHeaders.Authorization = new("Bearer", EmulatorOptions.DefaultApiToken);
        using var body = new StringContent(
            "[{\"name\":\"A\",\"value\":\"v\",\"scopes\":[\"workers\"]}]", System.Text.Encoding.UTF8, "application/json");
        Assert.That(
            async () => await fresh.PostAsync(Accounts($"stores/{storeId}/secrets"), body), Throws.InstanceOf<HttpRequestException>());
        ApiResponse list = await GetAsync(Accounts($"stores/{storeId}/secrets"));

        Assert.That(list.Result.GetArrayLength(), Is.EqualTo(1), "the create took effect although its answer was lost");
    }

    [Test]
    public async Task ActsBeforeAuthentication()
    {
        Emulator.Faults.Add(new FaultRule { Status = 503 });

        ApiResponse response = await GetAsync(Accounts("quota"), Credentials.None);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    [Test]
    public async Task TriesRulesInTheOrderTheyWereAdded()
    {
        Emulator.Faults.Add(new FaultRule { PathPattern = "/quota", Status = 500 });
        Emulator.Faults.Add(new FaultRule { Status = 502 });

        ApiResponse first = await GetAsync(Accounts("quota"));
        ApiResponse second = await GetAsync(Accounts("quota"));
        ApiResponse third = await GetAsync(Accounts("quota"));

        Assert.That(
            new[] { first.Status, second.Status, third.Status },
            Is.EqualTo(new[] { HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.OK }));
    }

    [Test]
    public async Task IsClearedByClearAndByReset()
    {
        Emulator.Faults.Add(new FaultRule { Status = 500, Count = int.MaxValue });
        Emulator.Faults.Clear();
        Assert.That((await GetAsync(Accounts("quota"))).Status, Is.EqualTo(HttpStatusCode.OK));

        Emulator.Faults.Add(new FaultRule { Status = 500, Count = int.MaxValue });
        Emulator.Reset();
        Assert.That((await GetAsync(Accounts("quota"))).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void RejectsAnInconsistentRule()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Emulator.Faults.Add(new FaultRule { Count = 0 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Emulator.Faults.Add(new FaultRule { Status = 99 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(
                () => Emulator.Faults.Add(new FaultRule { Delay = TimeSpan.FromSeconds(-1) }),
                Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Emulator.Faults.Add(new FaultRule { Status = 500, Body = FaultBody.Custom }), Throws.ArgumentException);
            Assert.That(() => Emulator.Faults.Add(null!), Throws.ArgumentNullException);
            Assert.That(() => Emulator.Faults.Add(new FaultRule { AfterProcessing = true }), Throws.ArgumentException);
        });
    }
}
