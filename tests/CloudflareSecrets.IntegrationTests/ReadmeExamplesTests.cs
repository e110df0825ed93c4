using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>
/// The Examples section of the client guide (docs/client-guide.md, linked from the README), run as written against the
/// emulator. The second test keeps the two in step: every line of the guide's example block must appear here, in the
/// same order.
/// </summary>
public sealed class ReadmeExamplesTests
{
    /// <summary>The page that holds the examples, from the repository root.</summary>
    private static readonly string[] Page = ["docs", "client-guide.md"];

    [Test]
    public async Task TheExamples_RunAsWritten_AgainstTheEmulator()
    {
        // From docs/emulator.md, "Local emulator".
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync();
        var client = new SecretsStoreClient(new SecretsStoreClientOptions
        {
            BaseUrl = emulator.BaseAddress, ApiToken = "emulator-token", AccountId = "0123456789abcdef0123456789abcdef",
        });
        const string account = "0123456789abcdef0123456789abcdef";
        string dbPassword = "db-password-value", webhookKey = "webhook-key-value", newValue = "rotated-value";

        // The examples print with Console.WriteLine: this local takes the name, so their lines can be checked.
        using var Console = new StringWriter();

        // ---- The guide's Examples block, line for line (the checks in between are the test's own). ----

        // Stores
        SecretStore store = await client.CreateStoreAsync("service_x_keys");
        await foreach (SecretStore s in client.ListStoresAsync())
        {
            Console.WriteLine(s.Name);
        }

        SecretStore same = await client.GetStoreAsync(store.Id);
        Assert.That(same, Is.EqualTo(store));

        // Create a secret (the value is sent once and never returned by any call)
        Secret secret = await client.CreateSecretAsync(store.Id, "MY_API_KEY", "api-token-secret-123",
            [SecretScopes.Workers, SecretScopes.AiGateway], comment: "info about my secret");
        Assert.That(Value(secret), Is.EqualTo("api-token-secret-123"));

        // Create many: one request per 100 (CreateBatchSize), results in the order given
        IReadOnlyList<Secret> created = await client.CreateSecretsAsync(store.Id,
        [
            new NewSecret("DB_PASSWORD", dbPassword, [SecretScopes.Workers]),
            new NewSecret("WEBHOOK_KEY", webhookKey, [SecretScopes.Workers], "rotated monthly"),
        ]);
        Assert.That(created.Select(Value), Is.EqualTo(new[] { dbPassword, webhookKey }));

        // List with auto-paging (per_page 100 by default), filtered and ordered
        await foreach (Secret s in client.ListSecretsAsync(store.Id, new ListSecretsOptions
        {
            Search = "KEY", Scopes = [SecretScopes.Workers], Order = SecretOrder.Name, Direction = SortDirection.Ascending,
        }))
        {
            Console.WriteLine($"{s.Name} {s.Status} [{string.Join(",", s.Scopes)}]");
        }

        // Page by page, with Cloudflare's result_info; a page's ContinuationToken resumes the listing after it (null on the last)
        await foreach (Page<Secret> page in client.ListSecretsAsync(store.Id).AsPages())
        {
            Console.WriteLine($"page {page.Info?.Page} of {page.Info?.TotalPages}: {page.Values.Count} secrets");
        }

        Secret? byName = await client.FindSecretByNameAsync(store.Id, "MY_API_KEY");
        Secret fetched = await client.GetSecretAsync(store.Id, secret.Id);
        Assert.That((byName, fetched), Is.EqualTo((secret, secret)));

        // Update value, scopes or comment (only what you set is sent)
        await client.UpdateSecretAsync(store.Id, secret.Id, new SecretUpdate { Value = newValue, Comment = "rotated" });
        Assert.That(Value(secret), Is.EqualTo(newValue));

        // Duplicate: same value, new name and scopes
        Secret copy = await client.DuplicateSecretAsync(store.Id, secret.Id, "MY_API_KEY_COPY", [SecretScopes.Workers]);
        Assert.That(Value(copy), Is.EqualTo(newValue));

        // Delete one, or many in one request ({"ids": [...]}); deletes are asynchronous (HTTP 202)
        await client.DeleteSecretAsync(store.Id, copy.Id);
        await client.DeleteSecretsAsync(store.Id, created.Select(s => s.Id));
        Assert.That(await client.ListSecretsAsync(store.Id).Select(s => s.Name).ToListAsync(), Is.EqualTo(new[] { "MY_API_KEY" }));

        // Delete a store; force also deletes the secrets it holds
        await client.DeleteStoreAsync(store.Id, force: true);

        SecretsQuota quota = await client.GetQuotaAsync();
        Console.WriteLine($"{quota.Usage} of {quota.Quota} secrets used");

        // ---- End of the guide's block. ----

        Assert.That(Console.ToString().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "service_x_keys",
            "MY_API_KEY active [ai_gateway,workers]",   // the API answers scopes sorted
            "WEBHOOK_KEY active [workers]",
            "page 1 of 1: 3 secrets",
            "0 of 100 secrets used",
        }));
        Assert.That(await client.ListStoresAsync().ToListAsync(), Is.Empty);

        string? Value(Secret s) => emulator.TryGetSecretValue(account, store.Id, s.Id, out string? value) ? value : null;
    }

    [Test]
    public void EveryLineOfTheReadmesExamples_IsInTheTestAbove_InOrder()
    {
        string[] readme = ExamplesBlock(File.ReadAllLines(RepositoryPaths.Of(Page)));
        string path = Path.Combine(RepositoryPaths.Root, "tests", "CloudflareSecrets.IntegrationTests", "ReadmeExamplesTests.cs");
        string[] test = [.. File.ReadAllLines(path).Select(l => l.Trim())];

        Assert.That(readme, Has.Length.GreaterThan(30), "the client guide's Examples block");
        int at = 0;
        foreach (string line in readme)
        {
            int found = Array.IndexOf(test, line, at);
            Assert.That(found, Is.Not.EqualTo(-1),
                $"The example line '{line}' of {string.Join('/', Page)} is not in this test after line {at} "
                + "(the page and the test drifted apart).");
            at = found + 1;
        }
    }

    /// <summary>The trimmed, non-empty lines of the first C# block under "## Examples".</summary>
    private static string[] ExamplesBlock(string[] readme)
    {
        int section = Array.IndexOf(readme, "## Examples");
        Assert.That(section, Is.Not.EqualTo(-1), $"{string.Join('/', Page)} has an Examples section");
        int start = Array.IndexOf(readme, "```csharp", section) + 1;
        int end = Array.IndexOf(readme, "```", start);
        return [.. readme[start..end].Select(l => l.Trim()).Where(l => l.Length > 0)];
    }
}
