using System.Net;
using System.Net.Sockets;
using System.Text;
using CloudflareSecrets.Emulator.Hosting;
using CloudflareSecrets.Emulator.Http;
using CloudflareSecrets.Emulator.Model;
using CloudflareSecrets.Emulator.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace CloudflareSecrets.Emulator.Tests;

/// <summary>
/// The emulator's front door holds whatever arrives: a Host header naming another host (DNS rebinding) is refused, Kestrel's
/// own refusals keep their status in Cloudflare's envelope, and the request log and the account table stay bounded.
/// </summary>
public class FrontDoorHardeningTests : EmulatorTest
{
    private const string Sentinel = "SENTINEL-VALUE-e81d";

    [TestCase("attacker.example")]
    [TestCase("rebind.attacker.example:8787")]
    [TestCase("127.0.0.1.attacker.example")]
    [TestCase("10.0.0.7")]
    public async Task ARequestNamingAnotherHostIsRefusedBeforeItActs(string host)
    {
        ApiResponse response = await SendWithHostAsync(host, HttpMethod.Post, Accounts("stores"), """{"name":"rebound"}""");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.ErrorCodes, Is.EqualTo(new[] { EmulatorErrorCodes.ValidationFailed }));
        Assert.That(response.ErrorMessages.Single(), Does.Contain("Host header").And.Not.Contain(host));
        Assert.That(response.Header("CF-Ray"), Is.Not.Null, "answered by the front door like every other request");
        ApiResponse stores = await GetAsync(Accounts("stores"));
        Assert.That(stores.Result.GetArrayLength(), Is.Zero, "the store was not created");
        Assert.That(Emulator.Requests.Select(r => r.StatusCode), Is.EqualTo(new[] { 400, 200 }));
    }

    [TestCase("localhost")]
    [TestCase("LOCALHOST:8787")]
    [TestCase("emulator.localhost:8787")]
    [TestCase("127.0.0.1")]
    [TestCase("127.1.2.3:9")]
    [TestCase("[::1]:8787")]
    public async Task ARequestNamingALoopbackHostIsAnswered(string host)
    {
        ApiResponse response = await SendWithHostAsync(host, HttpMethod.Get, Accounts("quota"), null);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
    }

    [Test]
    public async Task AllowedHostsWidensTheCheck()
    {
        await using SecretsStoreEmulator widened = await SecretsStoreEmulator.StartAsync(
            new EmulatorOptions { AllowedHosts = { "Emulator.Test" } });
        await using SecretsStoreEmulator any = await SecretsStoreEmulator.StartAsync(new EmulatorOptions { AllowedHosts = { "*" } });

        Assert.That(await StatusAsync(widened, "emulator.test:8787"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(widened, "other.test"), Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await StatusAsync(any, "other.test"), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void TheCommandLineReadsAllowedHosts()
    {
        var commandLine = CommandLine.TryParse(["--allowed-host", "emulator.test", "--allowed-host", "*"], out string? error);

        Assert.That(error, Is.Null);
        Assert.That(commandLine!.Options.AllowedHosts, Is.EquivalentTo(new[] { "emulator.test", "*" }));
        Assert.That(CommandLine.Usage, Does.Contain("--allowed-host <name>"));
    }

    [Test]
    public async Task ABodyOverKestrelsLimitAnswers413InCloudflaresEnvelope()
    {
        string store = await CreateStoreAsync();

        // Kestrel's default MaxRequestBodySize is 30,000,000 bytes: a declared length past it is refused at the first read.
        // The request is written by hand, so the answer can be read while the body is still unsent.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Emulator.BaseAddress.Port);
        NetworkStream stream = tcp.GetStream();
        string head = $"POST /client/v4/{Accounts($"stores/{store}/secrets")} HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
            $"Authorization: Bearer {EmulatorOptions.DefaultApiToken}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: 31000000\r\n\r\n[{{\"name\":\"BIG\",\"value\":\"{Sentinel}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string answer = await reader.ReadToEndAsync(timeout.Token);

        Assert.That(answer, Does.StartWith("HTTP/1.1 413 "));
        Assert.That(answer, Does.Contain("CF-Ray: "));
        Assert.That(
            answer,
            Does.EndWith(
                """{"success":false,"errors":[{"code":1000,"message":"validation_error: the request body """
                + """is larger than the emulator accepts"}],"messages":[],"result":null}"""));
        Assert.That(answer, Does.Not.Contain(Sentinel));
        Assert.That(Emulator.Requests.Last().StatusCode, Is.EqualTo(413));
    }

    [TestCase(StatusCodes.Status408RequestTimeout, "validation_error: the request body was not received in time")]
    [TestCase(StatusCodes.Status413PayloadTooLarge, "validation_error: the request body is larger than the emulator accepts")]
    [TestCase(StatusCodes.Status400BadRequest, "validation_error: the request could not be read")]
    public async Task KestrelsRefusalsKeepTheirStatusInCloudflaresEnvelope(int status, string message)
    {
        var settings = EmulatorSettings.From(new EmulatorOptions());
        var frontDoor = new FrontDoorMiddleware(new RequestCounter(settings), new RequestLog(), settings);
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await frontDoor.InvokeAsync(context, _ => throw new BadHttpRequestException($"refused {Sentinel}", status));

        context.Response.Body.Position = 0;
        string text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.That(context.Response.StatusCode, Is.EqualTo(status));
        Assert.That(
            text, Is.EqualTo($$"""{"success":false,"errors":[{"code":1000,"message":"{{message}}"}],"messages":[],"result":null}"""));
    }

    [Test]
    public void TheRequestLogKeepsTheLatestTenThousandEntries()
    {
        var log = new RequestLog();
        for (int i = 1; i <= 10_002; i++)
        {
            log.Add(new RecordedRequest("GET", $"/{i}", 200, AuthKind.None, $"ray{i}", false, DateTimeOffset.UnixEpoch));
        }

        Assert.That((log.Count, log[0].PathAndQuery, log[9_999].PathAndQuery), Is.EqualTo((10_000, "/3", "/10002")));
        Assert.That(log.Snapshot().Select(r => r.PathAndQuery), Is.EqualTo(Enumerable.Range(3, 10_000).Select(i => $"/{i}")));
        Assert.That(() => log[10_000], Throws.TypeOf<ArgumentOutOfRangeException>());
        log.Clear();
        log.Add(new RecordedRequest("GET", "/new", 200, AuthKind.None, "ray", false, DateTimeOffset.UnixEpoch));
        Assert.That(log.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/new" }));
        Assert.That(RequestLog.Capacity, Is.EqualTo(10_000));
    }

    [Test]
    public void TheAccountTableDropsTheOldestAccountPastItsCap()
    {
        var state = new SecretsStoreState(EmulatorSettings.From(new EmulatorOptions()));
        var query = new ListQuery(1, 20, "created", false);
        for (int i = 0; i <= 10_000; i++)
        {
            state.CreateStore(Account(i), "s");
        }

        Assert.That(state.ListStores(Account(0), query).Items, Is.Empty, "the oldest account is gone");
        Assert.That(state.ListStores(Account(1), query).Items, Has.Count.EqualTo(1));
        Assert.That(state.ListStores(Account(10_000), query).Items, Has.Count.EqualTo(1));
        Assert.That(EmulatorOptions.MaxAccounts, Is.EqualTo(10_000));

        static string Account(int i) => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task AnIpv4MappedLoopbackUrlIsServedOnItsIpv4Address()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        HttpStatusCode? status = null;

        int exitCode = await Program.RunAsync(["--urls", "http://[::ffff:127.0.0.1]:0"], output, error, stop.Token, emulator =>
        {
            _ = Task.Run(async () =>
            {
                using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
                http.DefaultRequestHeaders.Authorization = new("Bearer", EmulatorOptions.DefaultApiToken);
                using HttpResponseMessage response = await http.GetAsync(Accounts("quota"));
                status = response.StatusCode;
                await stop.CancelAsync();
            });
        });

        Assert.That(exitCode, Is.EqualTo(Program.ExitOk), error.ToString);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(output.ToString(), Does.Match(@"http://127\.0\.0\.1:\d+/client/v4/"));
    }

    [Test]
    public async Task AnAddressThatCannotBeBoundIsAClearStartFailure()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        // 192.0.2.1 is TEST-NET-1 (RFC 5737): no interface of this machine has it, and nothing is sent to it.
        int exitCode = await Program.RunAsync(
            ["--urls", "http://192.0.2.1:0", "--allow-non-loopback"], output, error, CancellationToken.None);

        Assert.That(exitCode, Is.EqualTo(Program.ExitStartFailed));
        Assert.That(error.ToString(), Does.StartWith("error: could not start the emulator: "));
    }

    private static async Task<HttpStatusCode> StatusAsync(SecretsStoreEmulator emulator, string host)
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, Accounts("quota"));
        request.Headers.Host = host;
        request.Headers.Authorization = new("Bearer", EmulatorOptions.DefaultApiToken);
        using HttpResponseMessage response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<ApiResponse> SendWithHostAsync(string host, HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Host = host;
        Credentials.Token.Apply(request);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await Http.SendAsync(request);
        return new ApiResponse(response.StatusCode, response.Headers, response.Content.Headers, await response.Content.ReadAsStringAsync());
    }
}
