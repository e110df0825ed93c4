using System.Text.RegularExpressions;
using CloudflareSecrets.Demo;
using CloudflareSecrets.Emulator;
using CloudflareSecrets.IntegrationTests.Infrastructure;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>The quick start's main job (<c>dotnet run --project src/CloudflareSecrets.Demo</c>), run in process.</summary>
public sealed partial class DemoProgramTests
{
    // The steps the demo prints, in order, as their titles begin (names and counts follow in some).
    private static readonly string[] Steps =
    [
        "Read the account's secrets quota",
        "Find or create a store",
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
        (int Number, string Title)[] steps = [.. StepLine().Matches(text).Select(m => (int.Parse(m.Groups[1].ValueSpan, provider: null), m.Groups[2].Value))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(steps.Select(s => s.Number), Is.EqualTo(Enumerable.Range(1, Steps.Length)), "every step, numbered in order");
            for (int i = 0; i < Math.Min(steps.Length, Steps.Length); i++)
            {
                Assert.That(steps[i].Title, Does.StartWith(Steps[i]), $"step {i + 1}");
            }

            Assert.That(text, Does.Contain("60 secrets in 3 pages"));
            Assert.That(text, Does.Contain("IsNameConflict = True"));
            Assert.That(text, Does.Contain("a 65,537-byte value is refused before sending"));
            Assert.That(text, Does.Contain("0 of 100 secrets used"));
            Assert.That(text.TrimEnd(), Does.EndWith("Done: every step succeeded."));
        }

        // The demo never prints a value: check every value it sent to its emulator (the 60 created, the rotated one,
        // the one of the refused duplicate name) against the output.
        Uri emulator = new(EmulatorAddress().Match(text).Groups[1].Value);
        IReadOnlyList<string> values = sent.ValuesSentTo(emulator);
        TestContext.Out.WriteLine($"The demo sent {values.Count} secret values to {emulator}.");
        Assert.That(values, Has.Count.GreaterThanOrEqualTo(61), "values the demo sent");
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
        Assert.That(output.ToString(), Does.Contain("Not enough quota left to run the secret steps").And.Contain("[3] Delete the store demo_"));
        Assert.That(await AccountContentAsync(emulator), Is.Empty);
    }

    private const string LiveAccount = "0123456789abcdef0123456789abcdee";

    private static async Task<SecretsStoreEmulator> StartEmulatorWithAccountAsync()
    {
        var options = new EmulatorOptions();
        options.Seed.Add(new SeedStore { AccountId = LiveAccount, Name = "existing_store", Secrets = { new SeedSecret { Name = "UNRELATED", Value = "keep me", Scopes = ["workers"] } } });
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
        var client = new SecretsStoreClient(new SecretsStoreClientOptions { BaseUrl = emulator.BaseAddress, ApiToken = EmulatorOptions.DefaultApiToken, AccountId = LiveAccount });
        var content = new List<string>();
        await foreach (SecretStore store in client.ListStoresAsync())
        {
            content.Add($"{store.Name}: {string.Join(", ", await client.ListSecretsAsync(store.Id).Select(s => s.Name).ToListAsync())}");
        }

        return [.. content];
    }

    [GeneratedRegex(@"^\[(\d+)\] (.+?)\r?$", RegexOptions.Multiline)]
    private static partial Regex StepLine();

    [GeneratedRegex(@"Started the local Secrets Store emulator at (\S+)")]
    private static partial Regex EmulatorAddress();
}
