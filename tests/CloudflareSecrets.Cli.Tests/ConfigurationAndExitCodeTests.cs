using CloudflareSecrets.Cli.Tests.Support;
using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Cli.Tests;

/// <summary>Where settings come from, and the documented exit code of each kind of failure.</summary>
public sealed class ConfigurationAndExitCodeTests : CliEmulatorTests
{
    [Test]
    public async Task WithoutCredentialsTheExitCodeIsAuthenticationAndNothingIsSent()
    {
        Environment.Remove("CLOUDFLARE_API_TOKEN");

        CliResult result = await RunAsync("quota");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Stderr, Does.Contain("CLOUDFLARE_API_TOKEN").And.Contain("--api-token-file"));
        Assert.That(Requests(), Is.Empty);
    }

    [Test]
    public async Task BothCredentialKindsAreAnAuthenticationErrorNamingTheVariables()
    {
        Environment["CLOUDFLARE_EMAIL"] = EmulatorOptions.DefaultEmail;
        Environment["CLOUDFLARE_API_KEY"] = EmulatorOptions.DefaultApiKey;

        CliResult result = await RunAsync("quota");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Stderr, Does.Contain("Both CLOUDFLARE_API_TOKEN and CLOUDFLARE_EMAIL/CLOUDFLARE_API_KEY"));
        Assert.That(result.AllOutput, Does.Not.Contain(EmulatorOptions.DefaultApiKey).And.Not.Contain(EmulatorOptions.DefaultApiToken));
        Assert.That(Requests(), Is.Empty);
    }

    [Test]
    public async Task AnEmailWithoutAKeyIsAnAuthenticationError()
    {
        Environment.Remove("CLOUDFLARE_API_TOKEN");
        Environment["CLOUDFLARE_EMAIL"] = EmulatorOptions.DefaultEmail;

        CliResult result = await RunAsync("quota");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Stderr, Does.Contain("ApiKey"));
    }

    [Test]
    public async Task AWrongTokenIsAnAuthenticationFailureWithCloudflaresCodeAndRay()
    {
        Environment["CLOUDFLARE_API_TOKEN"] = "wrong-token";

        CliResult result = await RunAsync("quota");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Stderr, Does.Contain("code 10000").And.Contain($"CF-Ray: {Requests().Last().RayId}"));
        Assert.That(result.AllOutput, Does.Not.Contain("wrong-token"));
    }

    [Test]
    public async Task TheTokenFileIsReadAndWinsOverTheEnvironment()
    {
        string path = await WriteFileAsync("token", EmulatorOptions.DefaultApiToken + "\n");
        Environment["CLOUDFLARE_API_TOKEN"] = "wrong-token";

        CliResult result = await RunAsync("quota", "--api-token-file", path);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(Requests().Last().AuthKind, Is.EqualTo(AuthKind.ApiToken));
    }

    [Test]
    public async Task TheEmailAndGlobalKeyAreUsedWithoutAToken()
    {
        Environment.Remove("CLOUDFLARE_API_TOKEN");
        Environment["CLOUDFLARE_EMAIL"] = EmulatorOptions.DefaultEmail;
        Environment["CLOUDFLARE_API_KEY"] = EmulatorOptions.DefaultApiKey;

        CliResult result = await RunAsync("quota");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(Requests().Last().AuthKind, Is.EqualTo(AuthKind.GlobalApiKey));
    }

    [Test]
    public async Task WranglersBaseUrlVariableIsHonoured()
    {
        Environment["CLOUDFLARE_API_BASE_URL"] = Environment["CLOUDFLARE_BASE_URL"].TrimEnd('/');
        Environment.Remove("CLOUDFLARE_BASE_URL");

        CliResult result = await RunAsync("quota");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(Requests(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task TheAccountFlagWinsOverTheEnvironment()
    {
        string other = Guid.NewGuid().ToString("N");

        CliResult result = await RunAsync("quota", "--account-id", other);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(Emulator.Requests.Snapshot().Last().PathAndQuery, Does.Contain($"/accounts/{other}/"));
    }

    [Test]
    public async Task WithoutAnAccountTheExitCodeIsUsage()
    {
        Environment.Remove("CLOUDFLARE_ACCOUNT_ID");

        CliResult result = await RunAsync("quota");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("CLOUDFLARE_ACCOUNT_ID"));
    }

    [Test]
    public async Task APlainHttpBaseUrlOffLoopbackIsRefused()
    {
        Environment["CLOUDFLARE_BASE_URL"] = "http://api.example.com/client/v4/";

        CliResult result = await RunAsync("quota");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("https"));
    }

    [Test]
    public async Task AnUnknownCommandIsAUsageError()
    {
        CliResult result = await RunAsync("secrets", "lst");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("cfsecrets --help"));
    }

    [Test]
    public async Task HelpListsTheCommandsAndSucceeds()
    {
        CliResult result = await RunAsync("--help");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.Contain("quota").And.Contain("store").And.Contain("secret"));
    }

    [Test]
    public async Task ALongRateLimitExitsWithRateLimited()
    {
        Emulator.Faults.Add(new FaultRule
        {
            PathPattern = $"/accounts/{AccountId}/",
            Status = 429,
            Count = 1,
            Body = FaultBody.Envelope,
            ErrorCode = 971,
            ErrorMessage = "Please wait and consider throttling your request speed",
            Headers = { ["Retry-After"] = "3600" },
        });

        CliResult result = await RunAsync("quota");

        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
        Assert.That(result.Stderr, Does.Contain("code 971").And.Contain("3600"));
    }

    [Test]
    public async Task AServerErrorExitsWithTheGeneralApiFailure()
    {
        Emulator.Faults.Add(new FaultRule
        {
            Method = "POST",
            PathPattern = $"/accounts/{AccountId}/",
            Status = 500,
            Count = 1,
            Body = FaultBody.Envelope,
            ErrorCode = 1009,
            ErrorMessage = "internal",
        });

        CliResult result = await RunAsync("store", "create", "x");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stderr, Does.Contain("code 1009").And.Contain("-EMU"));
    }

    [Test]
    public async Task ABadRequestExitsWithTheGeneralApiFailure()
    {
        SecretStore store = await NewStoreAsync();
        Emulator.Faults.Add(new FaultRule
        {
            Method = "GET",
            PathPattern = $"/stores/{store.Id}/secrets",
            Status = 400,
            Count = 1,
            Body = FaultBody.Envelope,
            ErrorCode = 1000,
            ErrorMessage = "validation_error: bad",
        });

        CliResult result = await RunAsync("secret", "list");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stderr, Does.Contain("code 1000: validation_error: bad"));
    }

    [Test]
    public async Task AnUnreachableApiIsAGeneralFailureWithAClearMessage()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        Environment["CLOUDFLARE_BASE_URL"] = $"http://127.0.0.1:{port}/client/v4/";

        CliResult result = await RunAsync("quota");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stderr, Does.StartWith("error: Cannot reach the API"));
    }
}
