using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Conformance.Tests;

/// <summary>
/// <c>--live</c>: settings from the <c>CLOUDFLARE_*</c> variables, the dry run, the refusals and the secrecy rules,
/// exercised against a loopback emulator standing in for the real API (the network has no Cloudflare).
/// </summary>
public sealed class LiveModeTests
{
    private const string SentinelToken = "sentinel-token-7c1f9e2b4d6a";

    public static Func<string, string?> Environment(SecretsStoreEmulator emulator, string token = EmulatorOptions.DefaultApiToken) =>
        Environment(emulator.BaseAddress.ToString(), token);

    private static Func<string, string?> Environment(string baseUrl, string token) => name => name switch
    {
        "CLOUDFLARE_ACCOUNT_ID" => KitHarness.Account,
        "CLOUDFLARE_API_TOKEN" => token,
        "CLOUDFLARE_BASE_URL" => baseUrl,
        _ => null,
    };

    [Test]
    public async Task ThePlanSendsNoRequestAndNamesEveryStepAndProbe()
    {
        // A listener where the API would be: the dry run must not even connect.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = await KitCommand.RunAsync(
            ["--live", "--plan"],
            Environment($"http://127.0.0.1:{port}/client/v4/", SentinelToken),
            stdout,
            stderr,
            transport: null,
            CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(200));

        string plan = stdout.ToString();
        Assert.That(exit, Is.EqualTo(KitCommand.Ok), stderr.ToString());
        Assert.That(listener.Pending(), Is.False, "nothing connected to the API's address");
        Assert.That(plan, Does.Contain("no request is sent").And.Contain("GET  stores").And.Contain("GET  quota")
            .And.Contain("force=true").And.Contain("cfconf-"));
        Assert.That(Script.Probes.Select(p => p.Id),
            Is.All.Matches<string>(id => plan.Contains(id, StringComparison.Ordinal)));
        Assert.That(plan + stderr, Does.Not.Contain(SentinelToken));
    }

    [Test]
    public async Task ThePlanThroughATransportRecordsZeroRequests()
    {
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync();
        using var recorder = new BodyRecordingHandler();
        using var stdout = new StringWriter();

        int exit = await KitCommand.RunAsync(
            ["--live", "--plan"], Environment(emulator), stdout, TextWriter.Null, recorder, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(KitCommand.Ok));
        Assert.That(emulator.Requests.Count, Is.Zero);
        Assert.That(recorder.Bodies, Is.Empty);
    }

    [Test]
    public async Task WithoutAnAccountOrCredentialsItRefusesAndNamesTheVariablesOnly()
    {
        using var stderr = new StringWriter();

        int noAccount = await KitCommand.RunAsync(
            ["--live"],
            name => name == "CLOUDFLARE_API_TOKEN" ? SentinelToken : null,
            TextWriter.Null,
            stderr,
            null,
            CancellationToken.None);
        int noCredentials = await KitCommand.RunAsync(
            ["--live"],
            name => name == "CLOUDFLARE_ACCOUNT_ID" ? KitHarness.Account : null,
            TextWriter.Null,
            stderr,
            null,
            CancellationToken.None);
        int clearText = await KitCommand.RunAsync(
            ["--live", "--plan"],
            Environment("http://api.example.com/client/v4/", SentinelToken),
            TextWriter.Null,
            stderr,
            null,
            CancellationToken.None);

        Assert.That(new[] { noAccount, noCredentials, clearText }, Is.All.EqualTo(KitCommand.Refused));
        Assert.That(stderr.ToString(), Does.Contain("CLOUDFLARE_ACCOUNT_ID").And.Contain("CLOUDFLARE_API_TOKEN").And.Contain("https"));
        Assert.That(stderr.ToString(), Does.Not.Contain(SentinelToken));
    }

    [Test]
    public async Task ALiveRunNeverPrintsTheTokenOrAValueAndLeavesNothingBehind()
    {
        var options = new EmulatorOptions();
        options.ApiTokens.Add(SentinelToken);
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync(options);
        using var recorder = new BodyRecordingHandler();
        string outDir = Path.Combine(Path.GetTempPath(), "conformance-" + Guid.NewGuid().ToString("N"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        try
        {
            int exit = await KitCommand.RunAsync(
                ["--live", "--pace-ms", "0", "--out", outDir],
                Environment(emulator, SentinelToken),
                stdout,
                stderr,
                recorder,
                CancellationToken.None);

            string written = stdout + stderr.ToString() +
                          await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")) +
                          await File.ReadAllTextAsync(Path.Combine(outDir, "report.md"));
            List<string> values = ValuesSent(recorder.Bodies);
            Assert.That(exit, Is.EqualTo(KitCommand.Ok), written);
            Assert.That(values, Has.Count.GreaterThan(10), "the run sent values");
            Assert.That(written, Does.Not.Contain(SentinelToken));
            Assert.That(values, Has.None.Matches<string>(value => written.Contains(value, StringComparison.Ordinal)));
            Assert.That(await KitHarness.StoresAsync(emulator), Is.Empty);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [Test]
    public async Task InTheAccountsOwnStoreItKeepsTheStoreAndSkipsTheStoreDeleteProbe()
    {
        var store = new SeedStore { AccountId = KitHarness.Account, Name = "production" };
        store.Secrets.Add(new SeedSecret { Name = "KEEP_ME", Value = "kept", Scopes = ["workers"] });
        var options = new EmulatorOptions();
        options.Seed.Add(store);
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync(options);

        Report report = await KitHarness.RunAsync(emulator);

        List<(string Id, string Name)> stores = await KitHarness.StoresAsync(emulator);
        Assert.That(KitHarness.Differing(report), Is.Empty, KitHarness.Describe(report));
        Assert.That(report.Probes.Single(p => p.Id == "known-error/store_not_empty").Verdict, Is.EqualTo(Verdict.Skipped));
        Assert.That(report.Store, Does.StartWith("the account's own store"));
        Assert.That(stores.Select(s => s.Name), Is.EqualTo(new[] { "production" }));
        Assert.That(await KitHarness.SecretNamesAsync(emulator, stores[0].Id), Is.EqualTo(new[] { "KEEP_ME" }));
        Assert.That(
            emulator.Requests.Snapshot()
                .Where(r => r.Method == "DELETE" && !r.PathAndQuery.Contains("/secrets", StringComparison.Ordinal)),
            Is.Empty,
            "no store delete was asked for");
    }

    [Test]
    public async Task WithoutRoomInTheQuotaItRefusesBeforeCreatingAnything()
    {
        await using SecretsStoreEmulator emulator =
            await SecretsStoreEmulator.StartAsync(new EmulatorOptions { MaxSecretsPerAccount = Script.NeededRoom - 1 });

        Report report = await KitHarness.RunAsync(emulator);

        Assert.That(report.Refused, Does.Contain("room for 6"));
        Assert.That(report.Probes, Is.Empty);
        Assert.That(emulator.Requests.Snapshot().Select(r => r.Method), Is.All.EqualTo("GET"));
    }

    [Test]
    public async Task WithMoreThanOneStoreItRefusesBeforeCreatingAnything()
    {
        var options = new EmulatorOptions { MaxStoresPerAccount = 2 };
        options.Seed.Add(new SeedStore { AccountId = KitHarness.Account, Name = "one" });
        options.Seed.Add(new SeedStore { AccountId = KitHarness.Account, Name = "two" });
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync(options);

        Report report = await KitHarness.RunAsync(emulator);

        Assert.That(report.Refused, Does.Contain("more than one store"));
        Assert.That(emulator.Requests.Snapshot().Select(r => r.Method), Is.All.EqualTo("GET"));
    }

    private static List<string> ValuesSent(IEnumerable<string> bodies)
    {
        var values = new List<string>();
        foreach (string body in bodies)
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                List<JsonElement> items = json.RootElement.ValueKind == JsonValueKind.Array
                    ? json.RootElement.EnumerateArray().ToList()
                    : [json.RootElement];
                values.AddRange(items
                    .Where(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("value", out _))
                    .Select(i => i.GetProperty("value").GetString()!));
            }
            catch (JsonException)
            {
                // The unreadable bodies the probes send on purpose hold no value.
            }
        }

        return values;
    }
}

/// <summary>The kit's manners on a shared account: its pace, a 429 waited out, and a cleanup that fails loudly.</summary>
public sealed class RateLimitAndCleanupTests
{
    [Test]
    public void LiveRunsArePacedAtTwoRequestsASecondUnlessToldOtherwise()
    {
        static string? Env(string name) => name switch
        {
            "CLOUDFLARE_ACCOUNT_ID" => KitHarness.Account,
            "CLOUDFLARE_API_TOKEN" => "t",
            _ => null,
        };

        Assert.That(KitCommand.LiveSettings(Env, paceMs: null).Settings!.Pace, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        Assert.That(KitCommand.LiveSettings(Env, paceMs: 1200).Settings!.Pace, Is.EqualTo(TimeSpan.FromMilliseconds(1200)));
        Assert.That(KitCommand.LiveSettings(Env, paceMs: null).Settings!.BaseUrl,
            Is.EqualTo(new Uri(SecretsStoreClientOptions.DefaultBaseUrl)));
    }

    [Test]
    public async Task A429IsWaitedOutAndTheProbeStillGetsItsAnswer()
    {
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync();
        emulator.Faults.Add(new FaultRule
        {
            Method = "GET",
            PathPattern = $"/stores/{Script.UnknownId(2)}",
            Count = 2,
            Status = 429,
            Body = FaultBody.Envelope,
            ErrorCode = 971,
            ErrorMessage = "Please wait and consider throttling your request speed",
            Headers = { ["Retry-After"] = "0" },
        });

        Report report = await KitHarness.RunAsync(emulator);

        Assert.That(KitHarness.Differing(report), Is.Empty, KitHarness.Describe(report));
        Assert.That(
            emulator.Requests.Snapshot().Count(r => r.PathAndQuery.Contains(Script.UnknownId(2), StringComparison.Ordinal)),
            Is.EqualTo(3));
    }

    [Test]
    public async Task ACleanupThatCannotDeleteExitsWith3AndSaysWhatToDeleteByHand()
    {
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync();
        emulator.Faults.Add(new FaultRule
        {
            Method = "DELETE",
            Count = 1000,
            Status = 403,
            Body = FaultBody.Envelope,
            ErrorCode = 10000,
            ErrorMessage = "Authentication error",
        });
        string outDir = Path.Combine(Path.GetTempPath(), "conformance-" + Guid.NewGuid().ToString("N"));
        using var stdout = new StringWriter();

        try
        {
            int exit = await KitCommand.RunAsync(
                ["--live", "--pace-ms", "0", "--out", outDir],
                LiveModeTests.Environment(emulator),
                stdout,
                TextWriter.Null,
                transport: null,
                CancellationToken.None);

            Assert.That(exit, Is.EqualTo(KitCommand.LeftBehind), stdout.ToString());
            Assert.That(stdout.ToString(), Does.Contain("by hand").And.Contain("cfconf-"));
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
