using System.Text.RegularExpressions;
using CloudflareSecrets.Demo;
using CloudflareSecrets.Emulator;
using CloudflareSecrets.IntegrationTests.Support;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>The quick start's main job (<c>dotnet run --project src/CloudflareSecrets.Demo</c>), run in process.</summary>
public sealed partial class DemoProgramTests
{
    // The steps the demo prints, in order, as their titles begin (names and counts follow in some).
    private static readonly string[] Steps =
    [
        "Read the account's secrets quota",
        "Find or create a store",
        "Plan a deploy of 4 NAME=value pairs (SyncSecretsAsync, dry run: reads only)",
        "Deploy them (SyncSecretsAsync)",
        "Deploy again with one value changed and one name removed (Prune)",
        "Rotate one value by name (SetSecretAsync)",
        "Remove the deployed secrets in one bulk request",
        "Create 60 secrets in one call",
        "List them with auto-paging",
        "Update DEMO_",
        "Duplicate DEMO_",
        "Find DEMO_",
        "Show how failures surface",
        "Delete one secret, then the rest in one bulk request",
        "Read the quota again",
        "Delete the store demo_",
    ];

    [Test]
    public async Task WithoutArguments_RunsEveryStepAgainstTheEmbeddedEmulator_AndSucceeds()
    {
        using var sent = new SentValueRecorder();
        using var output = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        int exitCode = await DemoProgram.RunAsync([], output, timeout.Token);

        string text = output.ToString();
        TestContext.Out.WriteLine(text);
        (int Number, string Title)[] steps =
            [.. StepLine().Matches(text).Select(m => (int.Parse(m.Groups[1].ValueSpan, provider: null), m.Groups[2].Value))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(steps.Select(s => s.Number), Is.EqualTo(Enumerable.Range(1, Steps.Length)), "every step, numbered in order");
            for (int i = 0; i < Math.Min(steps.Length, Steps.Length); i++)
            {
                Assert.That(steps[i].Title, Does.StartWith(Steps[i]), $"step {i + 1}");
            }

            // The plan is a table of names and actions; the request counts are SyncResult's lower bounds for the API:
            // dry run = listing + quota read; empty store = listing + quota read + one create batch; the redeploy =
            // listing + one PATCH per name kept (values cannot be compared) + one bulk delete, no quota read (no creates).
            Assert.That(PlanTable().Matches(text), Has.Count.EqualTo(1), "the plan's table: header and four creates");
            Assert.That(text, Does.Contain("dry run: would create 4, update 0, delete 0 (2 requests)"));
            Assert.That(text, Does.Contain("created 4, updated 0, deleted 0 (3 requests)"));
            Assert.That(text, Does.Contain("created 0, updated 3, deleted 1 (5 requests)"));
            Assert.That(text, Does.Match(@"DEMO_\w+_SMTP_PASSWORD +delete"), "the removed name, pruned");
            Assert.That(text, Does.Match(@"DEMO_\w+_API_TOKEN Updated"), "SetSecretAsync on a deployed name");
            Assert.That(text, Does.Not.Contain("Prune runs only"), "Prune is used against the demo's own emulator");
            Assert.That(text, Does.Contain("60 secrets in 3 pages"));
            Assert.That(text, Does.Contain("Is(SecretNameAlreadyExists) = True"));
            Assert.That(text, Does.Contain("a 65,537-byte value is refused before sending"));
            Assert.That(text, Does.Contain("0 of 100 secrets used"));
            Assert.That(text.TrimEnd(), Does.EndWith("Done: every step succeeded."));
        }

        // The demo never prints a value: check every value it sent to its emulator (4 deployed, 3 redeployed, 1 set by
        // name, the 60 created, the rotated one, the one of the refused duplicate name) against the output.
        Uri emulator = new(EmulatorAddress().Match(text).Groups[1].Value);
        IReadOnlyList<string> values = sent.ValuesSentTo(emulator);
        TestContext.Out.WriteLine($"The demo sent {values.Count} secret values to {emulator}.");
        Assert.That(values, Has.Count.GreaterThanOrEqualTo(70), "values the demo sent");
        Assert.That(values.Where(text.Contains), Is.Empty, "values in the output");
    }

    [Test]
    public async Task WithAnUnknownArgument_PrintsTheUsage_AndExitsWith2()
    {
        using var output = new StringWriter();

        int exitCode = await DemoProgram.RunAsync(["--bogus"], output, CancellationToken.None);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output.ToString(), Does.StartWith("usage: CloudflareSecrets.Demo [--live]"));
    }

    /// <summary>
    /// With the live switch the demo takes the CLOUDFLARE_* variables, here pointing at an emulator the test owns, so
    /// the test can see what it leaves in the account: an existing store is used and kept, with what it held.
    /// </summary>
    [Test]
    [NonParallelizable]
    public async Task Live_UsesTheAccountsStore_AndLeavesNothingOfItsOwnBehind()
    {
        await using SecretsStoreEmulator emulator = await StartEmulatorWithAccountAsync();
        using var output = new StringWriter();

        int exitCode;
        using (LiveEnvironment(emulator))
        {
            exitCode = await DemoProgram.RunAsync(["--live"], output, CancellationToken.None);
        }

        TestContext.Out.WriteLine(output);
        Assert.That(exitCode, Is.Zero);
        Assert.That(await AccountContentAsync(emulator), Is.EqualTo(new[] { "existing_store: UNRELATED" }), "the account as it was");
        Assert.That(output.ToString(), Does.Contain("using the existing store existing_store"));
        Assert.That(
            output.ToString(),
            Does.Contain(
                "the store holds 1 secret(s) that are not the demo's: Prune would delete them, so this deploy runs without Prune"));
        Assert.That(output.ToString(), Does.Contain("created 0, updated 3, deleted 0 (4 requests)"), "the redeploy without Prune");
        Assert.That(output.ToString(), Does.Not.Contain("UNRELATED"), "another's secret is neither touched nor printed");
    }

    /// <summary>
    /// Against an empty account the test's emulator sees every request: the dry run sends only GETs, the deploy the
    /// fewest requests, and with its own store the demo prunes. No value it sent is printed.
    /// </summary>
    [Test]
    [NonParallelizable]
    public async Task Live_OnAnEmptyAccount_PlansWithGetsOnly_DeploysWithTheFewestRequests_AndPrintsNoValue()
    {
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync();
        using var sent = new SentValueRecorder();
        using var output = new StringWriter();

        int exitCode;
        using (LiveEnvironment(emulator))
        {
            exitCode = await DemoProgram.RunAsync(["--live"], output, CancellationToken.None);
        }

        string text = output.ToString();
        TestContext.Out.WriteLine(text);
        IReadOnlyList<RecordedRequest> log = emulator.Requests.Snapshot();
        int storeCreated = log.ToList().FindIndex(r => r.Method == "POST" && r.PathAndQuery.EndsWith("/stores", StringComparison.Ordinal));
        RecordedRequest[] untilFirstWrite = [.. log.Skip(storeCreated + 1).TakeWhile(r => r.Method == "GET")];
        RecordedRequest firstWrite = log[storeCreated + 1 + untilFirstWrite.Length];
        IReadOnlyList<string> values = sent.ValuesSentTo(emulator.BaseAddress);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(storeCreated, Is.GreaterThanOrEqualTo(0), "the demo created its store");
            Assert.That(text, Does.Contain("dry run: would create 4, update 0, delete 0 (2 requests)"));
            Assert.That(text, Does.Contain("created 4, updated 0, deleted 0 (3 requests)"));
            Assert.That(text, Does.Contain("created 0, updated 3, deleted 1 (5 requests)"), "Prune in the store the demo created");

            // The dry run's 2 requests and the deploy's listing and quota read, then the deploy's one create batch.
            Assert.That(
                untilFirstWrite.Select(r => r.PathAndQuery.Split('?')[0].Split('/')[^1]),
                Is.EqualTo(new[] { "secrets", "quota", "secrets", "quota" }));
            Assert.That((firstWrite.Method, firstWrite.PathAndQuery.Split('?')[0].Split('/')[^1]), Is.EqualTo(("POST", "secrets")));
            Assert.That(values, Has.Count.GreaterThanOrEqualTo(8), "values the demo sent");
            Assert.That(values.Where(text.Contains), Is.Empty, "values in the output");
        }

        Assert.That(await AccountContentAsync(emulator), Is.Empty);
    }

    [Test]
    [NonParallelizable]
    public async Task Live_WhenAStepFails_ExitsWith1_AndRemovesWhatItCreated()
    {
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync();
        emulator.Faults.Add(new FaultRule { Method = "POST", PathPattern = "/duplicate", Status = 500 });
        using var output = new StringWriter();

        int exitCode;
        using (LiveEnvironment(emulator))
        {
            exitCode = await DemoProgram.RunAsync(["--live"], output, CancellationToken.None);
        }

        TestContext.Out.WriteLine(output);
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output.ToString(), Does.Contain("Cloudflare answered with a failure"));
        Assert.That(await AccountContentAsync(emulator), Is.Empty, "neither the demo's secrets nor the store it created");
    }

    [Test]
    [NonParallelizable]
    public async Task Live_WithTooLittleQuotaLeft_SkipsTheSecretSteps_AndRemovesTheStoreItCreated()
    {
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync(new EmulatorOptions { MaxSecretsPerAccount = 3 });
        using var output = new StringWriter();

        int exitCode;
        using (LiveEnvironment(emulator))
        {
            exitCode = await DemoProgram.RunAsync(["--live"], output, CancellationToken.None);
        }

        TestContext.Out.WriteLine(output);
        Assert.That(exitCode, Is.Zero);
        Assert.That(
            output.ToString(), Does.Contain("Not enough quota left to run the secret steps").And.Contain("[3] Delete the store demo_"));
        Assert.That(await AccountContentAsync(emulator), Is.Empty);
    }

    private const string LiveAccount = "0123456789abcdef0123456789abcdee";

    private static async Task<SecretsStoreEmulator> StartEmulatorWithAccountAsync()
    {
        var options = new EmulatorOptions();
        options.Seed.Add(new SeedStore
        {
            AccountId = LiveAccount,
            Name = "existing_store",
            Secrets = { new SeedSecret { Name = "UNRELATED", Value = "keep me", Scopes = ["workers"] } },
        });
        return await SecretsStoreEmulator.StartAsync(options);
    }

    private static EnvironmentScope LiveEnvironment(SecretsStoreEmulator emulator) => new(
        ("CLOUDFLARE_API_TOKEN", EmulatorOptions.DefaultApiToken),
        ("CLOUDFLARE_ACCOUNT_ID", LiveAccount),
        ("CLOUDFLARE_BASE_URL", emulator.BaseAddress.AbsoluteUri),
        ("CLOUDFLARE_EMAIL", null),
        ("CLOUDFLARE_API_KEY", null));

    /// <summary>Every store of the live account with its secrets' names, as "store: A, B".</summary>
    private static async Task<string[]> AccountContentAsync(SecretsStoreEmulator emulator)
    {
        var client = new SecretsStoreClient(new SecretsStoreClientOptions
        {
            BaseUrl = emulator.BaseAddress, ApiToken = EmulatorOptions.DefaultApiToken, AccountId = LiveAccount,
        });
        var content = new List<string>();
        await foreach (SecretStore store in client.ListStoresAsync())
        {
            content.Add($"{store.Name}: {string.Join(", ", await client.ListSecretsAsync(store.Id).Select(s => s.Name).ToListAsync())}");
        }

        return [.. content];
    }

    [GeneratedRegex(@"^\[(\d+)\] (.+?)\r?$", RegexOptions.Multiline)]
    private static partial Regex StepLine();

    [GeneratedRegex(
        @"^ +NAME +ACTION\r?\n( +DEMO_\w+_(DB_PASSWORD|WEBHOOK_KEY|API_TOKEN|SMTP_PASSWORD) +create\r?\n){4}", RegexOptions.Multiline)]
    private static partial Regex PlanTable();

    [GeneratedRegex(@"Started the local Secrets Store emulator at (\S+)")]
    private static partial Regex EmulatorAddress();
}
