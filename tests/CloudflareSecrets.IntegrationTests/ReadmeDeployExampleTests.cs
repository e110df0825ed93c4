using CloudflareSecrets.Emulator;
using CloudflareSecrets.IntegrationTests.Support;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>
/// The README's "Deploy secrets from CI" block, run as written against the emulator, and its printed output checked
/// against the output the README shows. The second test keeps the two in step, line for line.
/// </summary>
[NonParallelizable]
public sealed class ReadmeDeployExampleTests
{
    private const string Section = "## Deploy secrets from CI";

    [Test]
    public async Task TheDeployExample_RunsAsWritten_AndPrintsWhatTheReadmeShows()
    {
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync();
        const string account = "0123456789abcdef0123456789abcdef";
        var client = new SecretsStoreClient(new SecretsStoreClientOptions
        {
            BaseUrl = emulator.BaseAddress, ApiToken = "emulator-token", AccountId = account,
        });

        // The account as the README's output finds it: its store holds WEBHOOK_KEY and a secret no longer wanted.
        SecretStore existing = await client.CreateStoreAsync(SecretsStoreWorkflows.DefaultStoreName);
        await client.CreateSecretsAsync(
            existing.Id,
            [new NewSecret("WEBHOOK_KEY", "old", [SecretScopes.Workers]), new NewSecret("OLD_KEY", "old", [SecretScopes.Workers])]);
        using var variables = new EnvironmentScope(("DB_PASSWORD", "db-password-value"), ("WEBHOOK_KEY", "webhook-key-value"));
        string rotatedToken = "rotated-token-value";

        // The block prints with Console: this local takes the name, so what it prints can be checked.
        var Console = new CapturedConsole();

        // ---- The README's block, line for line (the checks in between are the test's own). ----

        // The account's store: Cloudflare allows one per account; created on first use as "default_secrets_store"
        SecretStore store = await client.GetOrCreateStoreAsync();
        Assert.That(store, Is.EqualTo(existing));

        // NAME=value pairs from the CI's secret variables (never from a command-line argument)
        var desired = new Dictionary<string, string>
        {
            ["DB_PASSWORD"] = Environment.GetEnvironmentVariable("DB_PASSWORD")!,
            ["WEBHOOK_KEY"] = Environment.GetEnvironmentVariable("WEBHOOK_KEY")!,
        };

        // In a pull request: the plan, from reads only (names and actions, never values)
        SyncResult plan = await client.SyncSecretsAsync(store.Id, desired, new SyncOptions { Prune = true, DryRun = true });
        foreach (SyncChange change in plan.Changes)
{
    Console.WriteLine($"{change.Action,-6}  {change.Name}");
}

        // On the main branch: make the store hold exactly these secrets
        try
        {
            SyncResult done = await client.SyncSecretsAsync(store.Id, desired, new SyncOptions { Prune = true });
            Console.WriteLine(done);
        }
        catch (SecretsSyncException e)
        {
            Console.Error.WriteLine(e.Message);   // what stopped it; e.Completed: what was done; e.NotDone: what was not
            foreach (SyncChange change in e.NotDone)
    {
        Console.Error.WriteLine($"not done: {change.Action} {change.Name}");
    }

            throw;
        }

        // One secret by name: created, or its value replaced
        SetSecretResult set = await client.SetSecretAsync(store.Id, "API_TOKEN", rotatedToken);
        Console.WriteLine($"API_TOKEN {set.Action}");

        // ---- End of the README's block. ----

        Assert.That(
            Console.Out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()), Is.EqualTo(ReadmeOutput()));
        Assert.That(Console.Error.ToString(), Is.Empty);
        Dictionary<string, string?> holds = await client.ListSecretsAsync(store.Id).ToDictionaryAsync(
            s => s.Name, s => emulator.TryGetSecretValue(account, store.Id, s.Id, out string? v) ? v : null);
        Assert.That(holds, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["DB_PASSWORD"] = "db-password-value", ["WEBHOOK_KEY"] = "webhook-key-value", ["API_TOKEN"] = rotatedToken,
        }));
    }

    [Test]
    public void EveryLineOfTheReadmesDeployExample_IsInTheTestAbove_InOrder()
    {
        string path = Path.Combine(Root(), "tests", "CloudflareSecrets.IntegrationTests", "ReadmeDeployExampleTests.cs");
        string[] test = [.. File.ReadAllLines(path).Select(l => l.Trim())];
        string[] readme = [.. Block("```csharp").Select(l => l.Trim()).Where(l => l.Length > 0)];

        Assert.That(readme, Has.Length.GreaterThan(20), "the README's block");
        int at = 0;
        foreach (string line in readme)
        {
            int found = Array.IndexOf(test, line, at);
            Assert.That(
                found,
                Is.Not.EqualTo(-1),
                $"The README line '{line}' is not in this test after line {at} (the README and the test drifted apart).");
            at = found + 1;
        }
    }

    /// <summary>The output block, the bare fence right after the code block.</summary>
    private static string[] ReadmeOutput() => [.. Block("```", after: "```csharp").Select(l => l.TrimEnd()).Where(l => l.Length > 0)];

    /// <summary>
    /// The lines of the first block opened by <paramref name="fence"/> in the README's deploy section (or, with
    /// <paramref name="after"/>, the first one after the block that fence opens).
    /// </summary>
    private static string[] Block(string fence, string? after = null)
    {
        string[] readme = File.ReadAllLines(Path.Combine(Root(), "README.md"));
        int at = Array.IndexOf(readme, Section);
        Assert.That(at, Is.Not.EqualTo(-1), $"README.md has a '{Section}' section");
        if (after is not null)
        {
            at = Array.IndexOf(readme, "```", Array.IndexOf(readme, after, at) + 1) + 1;
        }

        int start = Array.IndexOf(readme, fence, at) + 1;
        int end = Array.IndexOf(readme, "```", start);
        return readme[start..end];
    }

    private static string Root() => RepositoryPaths.Root;

    /// <summary>Stands in for <see cref="System.Console"/>: what the block writes to Out and Error, kept for the checks.</summary>
    private sealed class CapturedConsole
    {
        public StringWriter Out { get; } = new() { NewLine = "\n" };

        public StringWriter Error { get; } = new() { NewLine = "\n" };

        public void Write(string text) => Out.Write(text);

        public void WriteLine(object? value) => Out.WriteLine(value);
    }
}
