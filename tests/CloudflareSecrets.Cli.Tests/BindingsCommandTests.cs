using System.Text.Json;
using CloudflareSecrets.Cli.Hosting;
using CloudflareSecrets.Cli.Tests.Support;
using CloudflareSecrets.Cli.Wrangler;
using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Cli.Tests;

/// <summary><c>bindings</c>: printing, <c>--update FILE</c> and <c>--check FILE</c> against the emulator.</summary>
public sealed class BindingsCommandTests : CliEmulatorTests
{
    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "Wrangler", name));

    private async Task<SecretStore> StoreWithSecretsAsync()
    {
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "DB_PASSWORD", Sentinel);
        await NewSecretAsync(store, "webhook-key", Sentinel);
        await NewSecretAsync(store, "GATEWAY_ONLY", Sentinel, "ai_gateway");
        return store;
    }

    [Test]
    public async Task PrintsJsoncTomlAndJsonForTheNamedSecrets()
    {
        SecretStore store = await StoreWithSecretsAsync();

        CliResult jsonc = await RunAsync("bindings", "DB_PASSWORD", "webhook-key", "--binding-name-rule", "upper-snake");
        CliResult toml = await RunAsync("bindings", "DB_PASSWORD", "--format", "toml", "--env", "staging");
        CliResult json = await RunAsync("bindings", "DB_PASSWORD", "--format", "json");
        CliResult data = await RunAsync("bindings", "DB_PASSWORD", "--json");

        Assert.That(jsonc.ExitCode, Is.EqualTo(0), jsonc.ToString());
        Assert.That(jsonc.Stdout, Is.EqualTo(
            $"// top level: store {store.Id}\n\"secrets_store_secrets\": [\n"
            + $"  {{ \"binding\": \"DB_PASSWORD\", \"store_id\": \"{store.Id}\", \"secret_name\": \"DB_PASSWORD\" }},\n"
            + $"  {{ \"binding\": \"WEBHOOK_KEY\", \"store_id\": \"{store.Id}\", \"secret_name\": \"webhook-key\" }}\n]\n"));
        Assert.That(toml.Stdout, Is.EqualTo(
            $"[[env.staging.secrets_store_secrets]]\nbinding = \"DB_PASSWORD\"\n"
            + $"store_id = \"{store.Id}\"\nsecret_name = \"DB_PASSWORD\"\n"));
        JsonElement parsed = Json.Parse(json.Stdout).GetProperty("secrets_store_secrets")[0];
        Assert.That(parsed.GetProperty("store_id").GetString(), Is.EqualTo(store.Id));
        Assert.That(Json.Parse(data.Stdout)[0].GetProperty("secret_name").GetString(), Is.EqualTo("DB_PASSWORD"));
    }

    [Test]
    public async Task WithoutNamesEverySecretWithTheWorkersScopeIsBoundAndTheOthersNamed()
    {
        await StoreWithSecretsAsync();

        CliResult result = await RunAsync("bindings", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(
            Json.Parse(result.Stdout).EnumerateArray().Select(e => e.GetProperty("binding").GetString()),
            Is.EqualTo(new[] { "DB_PASSWORD", "webhook-key" }));
        Assert.That(result.Stderr, Does.Contain("left out 1 secret(s) without the workers scope: GATEWAY_ONLY"));
    }

    [Test]
    public async Task ANameNotInTheStoreFailsAndTheFileIsNotTouched()
    {
        await StoreWithSecretsAsync();
        string path = await WriteFileAsync("wrangler.jsonc", Fixture("wrangler.jsonc"));

        CliResult result = await RunAsync("bindings", "DB_PASSWORD", "DB_PASWORD", "NOPE", "--update", path);

        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.Stderr, Does.Contain("DB_PASWORD, NOPE"));
        Assert.That(File.ReadAllText(path), Is.EqualTo(Fixture("wrangler.jsonc")));
    }

    [Test]
    public async Task ANamedSecretWithoutTheWorkersScopeFails()
    {
        await StoreWithSecretsAsync();

        CliResult result = await RunAsync("bindings", "GATEWAY_ONLY");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stderr, Does.Contain("Without the workers scope, a Worker cannot read GATEWAY_ONLY"));
    }

    [Test]
    public async Task BindingNamesThatCollideUnderTheRuleFail()
    {
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "api-key", Sentinel);
        await NewSecretAsync(store, "API_KEY", Sentinel);

        CliResult result = await RunAsync("bindings", "--binding-name-rule", "upper-snake");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure), result.ToString());
        Assert.That(result.Stderr, Does.Contain("both get the binding name API_KEY"));
        Assert.That(Requests().Last().Method, Is.EqualTo("GET"), "the store was listed: the usage code (2) would say nothing was sent");
    }

    [TestCase("wrangler.jsonc")]
    [TestCase("wrangler.toml")]
    public async Task UpdateOfAnEnvironmentRewritesOnlyItsArray(string name)
    {
        SecretStore store = await StoreWithSecretsAsync();
        string original = Fixture(name);
        string path = await WriteFileAsync(name, original);

        CliResult result = await RunAsync("bindings", "DB_PASSWORD", "--update", path, "--env", "production");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.Contain("env.production.secrets_store_secrets holds 1 binding(s): DB_PASSWORD"));
        string updated = File.ReadAllText(path);
        string oldEntry = name.EndsWith(".toml", StringComparison.Ordinal)
            ? "binding = \"PROD_KEY\"\nstore_id = \"11111111111111111111111111111111\"\nsecret_name = \"PROD_KEY\""
            : "// kept as it is unless --env production\n        { \"binding\": \"PROD_KEY\", "
                + "\"store_id\": \"11111111111111111111111111111111\", \"secret_name\": \"PROD_KEY\" }";
        string newEntry = name.EndsWith(".toml", StringComparison.Ordinal)
            ? $"binding = \"DB_PASSWORD\"\nstore_id = \"{store.Id}\"\nsecret_name = \"DB_PASSWORD\""
            : $"{{ \"binding\": \"DB_PASSWORD\", \"store_id\": \"{store.Id}\", \"secret_name\": \"DB_PASSWORD\" }}";
        Assert.That(updated, Is.EqualTo(original.Replace(oldEntry, newEntry, StringComparison.Ordinal)));
        Assert.That(updated, Does.Contain("OLD_KEY"), "the top level's array is not the target");
    }

    [Test]
    public async Task UpdateOfAnEnvironmentTheFileLacksFailsBeforeAnyRequest()
    {
        string path = await WriteFileAsync("wrangler.toml", Fixture("wrangler.toml"));

        CliResult result = await RunAsync("bindings", "--update", path, "--env", "prod");

        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.Stderr, Does.Contain("defines no environment 'prod'"));
        Assert.That(Requests(), Is.Empty);
    }

    [Test]
    public async Task CheckOfAConfigurationThatMatchesTheStoreSucceeds()
    {
        await StoreWithSecretsAsync();
        string path = await WriteFileAsync("wrangler.toml", "name = \"w\"\n[env.staging]\nname = \"w-staging\"\n");
        Assert.That((await RunAsync("bindings", "DB_PASSWORD", "--update", path)).ExitCode, Is.EqualTo(0));
        Assert.That((await RunAsync("bindings", "webhook-key", "--update", path, "--env", "staging")).ExitCode, Is.EqualTo(0));
        int before = Requests().Count;

        CliResult result = await RunAsync("bindings", "--check", path);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.Contain("secrets_store_secrets[0]").And.Contain("env.staging.secrets_store_secrets[0]"));
        Assert.That(result.Stdout.Split('\n').Count(l => l.TrimEnd().EndsWith(" ok", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(
            Requests().Skip(before).Select(r => r.Method),
            Is.EqualTo(new[] { "GET", "GET" }),
            "one store listing, one secret listing for the one store");
    }

    [Test]
    public async Task CheckReportsEveryMissingStoreAndSecretWithExitCode4()
    {
        SecretStore store = await StoreWithSecretsAsync();
        string path = await WriteFileAsync("wrangler.jsonc", $$"""
            {
              "name": "w", // a Worker
              "secrets_store_secrets": [
                { "binding": "DB", "store_id": "{{store.Id}}", "secret_name": "DB_PASSWORD" },
                { "binding": "TYPO", "store_id": "{{store.Id}}", "secret_name": "DB_PASWORD" },
                { "binding": "GATEWAY", "store_id": "{{store.Id}}", "secret_name": "GATEWAY_ONLY" },
              ],
              "env": { "staging": { "secrets_store_secrets": [
                { "binding": "DB", "store_id": "ffffffffffffffffffffffffffffffff", "secret_name": "DB_PASSWORD" }
              ] } }
            }
            """);

        CliResult table = await RunAsync("bindings", "--check", path);
        CliResult json = await RunAsync("bindings", "--check", path, "--json");

        Assert.That(table.ExitCode, Is.EqualTo(4), table.ToString());
        Assert.That(table.Stdout, Does.Contain("no such secret in the store")
            .And.Contain("no such store in the account")
            .And.Contain("the secret lacks the workers scope"));
        Assert.That(table.Stderr, Does.Contain("3 of 4 binding(s)")
            .And.Contain("2 point at a store or secret that does not exist")
            .And.Contain("1 at a secret without the workers scope"));
        string?[] entries = Json.Parse(json.Stdout).GetProperty("entries").EnumerateArray()
            .Select(e => e.GetProperty("status").GetString())
            .ToArray();
        Assert.That(entries, Is.EqualTo(new[] { "ok", "secret_not_found", "missing_workers_scope", "store_not_found" }));
        Assert.That(json.ExitCode, Is.EqualTo(4));
    }

    [Test]
    public async Task CheckWithOnlyAScopeProblemExitsWith1()
    {
        SecretStore store = await StoreWithSecretsAsync();
        string path = await WriteFileAsync(
            "wrangler.toml",
            $"[[secrets_store_secrets]]\nbinding = \"G\"\nstore_id = \"{store.Id}\"\nsecret_name = \"GATEWAY_ONLY\"\n");

        CliResult result = await RunAsync("bindings", "--check", path);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stderr, Does.Contain("1 of 1 binding(s)"));
    }

    [Test]
    public async Task CheckOfABrokenFileIsAUsageErrorBeforeAnyRequest()
    {
        string path = await WriteFileAsync("wrangler.toml", "[[secrets_store_secrets]]\nbinding = \"G\"\n");

        CliResult result = await RunAsync("bindings", "--check", path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("secrets_store_secrets[0] has no store_id string"));
        Assert.That(Requests(), Is.Empty);
    }

    // ---- The server's names, the file's size and the options --check takes. Bindings never sees a value: what it shows
    // and writes is the server's names, so those are what a hostile server aims at the terminal and the file.

    [Test]
    public async Task ServerNamesWithControlAndBidiCharactersAreEscapedOnTheTerminalAndInTheFile()
    {
        // ESC sequences (clear, retitle), CSI as C1, DEL, and a right-to-left override and an isolate.
        const string Bound = "BOUND\\u001b[2J\\u009b31m\\u007f\\u202eX\\u2066";
        const string Skipped = "SKIPPED\\u001b]0;owned\\u0007\\u0085\\u202a";
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "PLAIN_BOUND");
        await NewSecretAsync(store, "PLAIN_SKIPPED", "v", "ai_gateway");
        string hostile = (await RawAsync($"secrets_store/stores/{store.Id}/secrets"))
            .Replace("PLAIN_BOUND", Bound, StringComparison.Ordinal)
            .Replace("PLAIN_SKIPPED", Skipped, StringComparison.Ordinal);
        Assume.That(hostile, Does.Contain("BOUND").And.Contain("SKIPPED"));
        Emulator.Faults.Add(new FaultRule
        {
            Method = "GET",
            PathPattern = $"/stores/{store.Id}/secrets",
            Status = 200,
            Body = FaultBody.Custom,
            CustomBody = hostile,
            Count = 4,
        });
        string path = await WriteFileAsync("wrangler.jsonc", "{\n  \"name\": \"w\"\n}\n");
        string boundName = JsonSerializer.Deserialize<string>($"\"{Bound}\"")!;

        CliResult jsonc = await RunAsync("bindings");
        CliResult json = await RunAsync("bindings", "--format", "json");
        CliResult toml = await RunAsync("bindings", "--format", "toml");
        CliResult update = await RunAsync("bindings", "--update", path);
        string updated = File.ReadAllText(path);

        Assert.That(new[] { jsonc, json, toml, update }.Select(r => r.ExitCode), Is.All.EqualTo(0), jsonc.ToString() + update);
        string everything = string.Concat(jsonc.AllOutput, json.AllOutput, toml.AllOutput, update.AllOutput, updated);
        foreach (char c in "\u001b\u009b\u0007\u007f\u0085\u202e\u202a\u2066")
        {
            Assert.That(everything, Does.Not.Contain(c.ToString()), $"U+{(int)c:X4} reached the terminal or the file");
        }

        Assert.That(jsonc.Stdout, Does.Contain("BOUND\\u001b[2J\\u009b31m\\u007f\\u202eX\\u2066"));
        Assert.That(toml.Stdout, Does.Contain("secret_name = \"BOUND\\u001b[2J\\u009b31m\\u007f\\u202eX\\u2066\""));
        Assert.That(jsonc.Stderr, Does.Contain("left out 1 secret(s)").And.Contain("SKIPPED\\x1B]0;owned\\x07\\x85\\u202A"));
        using var printed = JsonDocument.Parse(json.Stdout);
        using var file = JsonDocument.Parse(updated);
        Assert.That(
            printed.RootElement.GetProperty("secrets_store_secrets")[0].GetProperty("secret_name").GetString(),
            Is.EqualTo(boundName),
            "the escapes spell the same name");
        Assert.That(file.RootElement.GetProperty("secrets_store_secrets")[0].GetProperty("secret_name").GetString(), Is.EqualTo(boundName));
    }

    [TestCase("wrangler.jsonc", "--update")]
    [TestCase("wrangler.toml", "--check")]
    public async Task AConfigurationOverTheCeilingIsRefusedWithItsSizeBeforeAnyRequest(string name, string option)
    {
        await StoreWithSecretsAsync();
        string path = await WriteFileAsync(name, "");
        await using (FileStream stream = File.OpenWrite(path))
        {
            stream.SetLength(WranglerConfig.MaxFileBytes + 1L);
        }

        int before = Requests().Count;

        CliResult result = await RunAsync("bindings", option, path);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
        Assert.That(result.Stderr, Does.Contain($"larger than {WranglerConfig.MaxFileBytes:N0} bytes"));
        Assert.That(Requests().Count, Is.EqualTo(before), "nothing was sent");
    }

    [Test]
    public async Task CheckRefusesStoreAsItReadsEachEntrysStoreFromTheFile()
    {
        SecretStore store = await StoreWithSecretsAsync();
        string path = await WriteFileAsync("wrangler.toml", "name = \"w\"\n");
        int before = Requests().Count;

        CliResult result = await RunAsync("bindings", "--check", path, "--store", store.Id);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
        Assert.That(result.Stderr, Does.Contain("--check").And.Contain("--store"));
        Assert.That(Requests().Count, Is.EqualTo(before), "nothing was sent");
    }
}
