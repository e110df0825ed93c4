using System.Text.Json;
using CloudflareSecrets.Cli.Tests.Support;
using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Cli.Tests;

/// <summary><c>push --from-env</c> and <c>--from-env-prefix</c>: values from CI's environment, never from arguments or a file.</summary>
public sealed class EnvironmentPushTests : CliEmulatorTests
{
    protected override EmulatorOptions CreateEmulatorOptions() => new() { MaxStoresPerAccount = 2, MaxSecretsPerAccount = 100 };

    [Test]
    public async Task FromEnvPushesTheListedVariablesUnderTheirNames()
    {
        SecretStore store = await NewStoreAsync();
        Secret existing = await NewSecretAsync(store, "WEBHOOK_KEY", "old");
        Environment["DB_PASSWORD"] = Sentinel + "-db";
        Environment["WEBHOOK_KEY"] = Sentinel + "-hook";
        Environment["UNLISTED"] = Sentinel + "-unlisted";
        MarkSetupDone();

        CliResult result = await RunAsync("push", "--from-env", "DB_PASSWORD,WEBHOOK_KEY", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        JsonElement json = Json.Parse(result.Stdout);
        Assert.That((json.GetProperty("created").GetInt32(), json.GetProperty("updated").GetInt32()), Is.EqualTo((1, 1)));
        Secret db = (await Client.FindSecretByNameAsync(store.Id, "DB_PASSWORD"))!;
        Assert.That(StoredValue(store.Id, db.Id), Is.EqualTo(Sentinel + "-db"));
        Assert.That(StoredValue(store.Id, existing.Id), Is.EqualTo(Sentinel + "-hook"));
        Assert.That(await Client.FindSecretByNameAsync(store.Id, "UNLISTED"), Is.Null);
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task FromEnvRepeatedAndCommaSeparatedAreOneList()
    {
        SecretStore store = await NewStoreAsync();
        Environment["A"] = Sentinel;
        Environment["B"] = Sentinel;
        Environment["C"] = Sentinel;

        CliResult result = await RunAsync("push", "--from-env", "A, B", "--from-env", "C");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(
            await Client.ListSecretsAsync(store.Id).Select(s => s.Name).OrderBy(n => n).ToListAsync(),
            Is.EqualTo(new[] { "A", "B", "C" }));
    }

    [Test]
    public async Task AnUnsetOrEmptyListedVariableIsAnErrorNamingItBeforeAnyRequest()
    {
        Environment["SET"] = Sentinel;
        Environment["EMPTY"] = "";

        CliResult result = await RunAsync("push", "--from-env", "SET,MISSING,EMPTY");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("not set: --from-env item 2")
            .And.Contain("empty: --from-env item 3")
            .And.Contain("nothing was sent"));
        Assert.That(Requests(), Is.Empty);
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task FromEnvPrefixDropsThePrefixAndKeepPrefixKeepsIt()
    {
        SecretStore store = await NewStoreAsync();
        Environment["CFS_DB_PASSWORD"] = Sentinel + "-db";
        Environment["CFS_API_KEY"] = Sentinel + "-api";
        Environment["cfs_lower"] = Sentinel + "-case";
        Environment["OTHER"] = Sentinel + "-other";

        CliResult stripped = await RunAsync("push", "--from-env-prefix", "CFS_", "--dry-run", "--json");
        CliResult kept = await RunAsync("push", "--from-env-prefix", "CFS_", "--keep-prefix");

        Assert.That(stripped.ExitCode, Is.EqualTo(0), stripped.ToString());
        Assert.That(Json.Names(Json.Parse(stripped.Stdout).GetProperty("changes")), Is.EqualTo(new[] { "API_KEY", "DB_PASSWORD" }));
        Assert.That(kept.ExitCode, Is.EqualTo(0), kept.ToString());
        Secret db = (await Client.FindSecretByNameAsync(store.Id, "CFS_DB_PASSWORD"))!;
        Assert.That(StoredValue(store.Id, db.Id), Is.EqualTo(Sentinel + "-db"));
        Assert.That(
            await Client.ListSecretsAsync(store.Id).Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal).ToListAsync(),
            Is.EqualTo(new[] { "CFS_API_KEY", "CFS_DB_PASSWORD" }));
        Assert.That(stripped.AllOutput + kept.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task FromEnvPrefixWithPruneDeletesWhatTheEnvironmentLacks()
    {
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "STALE");
        Environment["APP_SECRET_TOKEN"] = Sentinel;
        MarkSetupDone();

        CliResult result = await RunAsync("push", "--from-env-prefix", "APP_SECRET_", "--prune");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.Contain("Created 1, updated 0, deleted 1"));
        Assert.That(await Client.ListSecretsAsync(store.Id).Select(s => s.Name).ToListAsync(), Is.EqualTo(new[] { "TOKEN" }));
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task APrefixNoVariableHasIsAnErrorSoAPruneNeverEmptiesTheStore()
    {
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "KEEP");
        MarkSetupDone();

        CliResult result = await RunAsync("push", "--from-env-prefix", "NOPE_", "--prune");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("no environment variable starts with 'NOPE_'"));
        Assert.That(Writes(), Is.Empty);
        Assert.That(await Client.ListSecretsAsync(store.Id).CountAsync(), Is.EqualTo(1));
    }

    [TestCase(new[] { "--from-env", "OK,BAD NAME" }, "--from-env item 2 is not a valid secret name")]
    [TestCase(new[] { "--from-env", "A,A" }, "--from-env item 2 names the same variable as --from-env item 1")]
    [TestCase(new[] { "--from-env", "A", "--from-env-prefix", "P_" }, "--from-env item 1 and the variable 'P_A' give the same secret name")]
    [TestCase(new[] { "--from-env-prefix", "P_", "--from-env", "B", "-" }, "Give one source of secrets")]
    [TestCase(new[] { "--from-env", "A", "--from-user-secrets", "some-id" }, "Give one source of secrets")]
    [TestCase(new[] { "--from-env", "A", "--keep-prefix" }, "--keep-prefix applies to --from-env-prefix only")]
    [TestCase(new[] { "--from-env", "A", "--format", "env" }, "--format applies to FILE only")]
    [TestCase(new[] { "--from-env-prefix", "" }, "needs a prefix")]
    [TestCase(new[] { "--from-env-prefix", "P_A" }, "'P_A' is the prefix itself")]
    [TestCase(new string[0], "Nothing to push")]
    public async Task BadEnvironmentSourcesAreUsageErrorsBeforeAnyRequest(string[] args, string message)
    {
        Environment["A"] = Sentinel;
        Environment["P_A"] = Sentinel + "-p";

        CliResult result = await RunAsync(["push", .. args]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain(message));
        Assert.That(Requests(), Is.Empty);
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    // A value typed where a name belongs ('--from-env "$DB_PASSWORD"') is never repeated, whichever check it fails.
    [TestCase("not-a-name", "--from-env item 2 is not a valid secret name")]
    [TestCase("unset", "not set: --from-env item 2")]
    [TestCase("empty", "empty: --from-env item 2")]
    [TestCase("twice", "--from-env item 3 names the same variable as --from-env item 2")]
    public async Task AValueGivenToFromEnvIsReferredToByItsPositionNeverRepeated(string how, string message)
    {
        // A value that is a valid name gets past the name check; one with a space does not.
        string value = how == "not-a-name" ? Sentinel + " x" : Sentinel.Replace("-", "_", StringComparison.Ordinal);
        Environment["A"] = "a";
        if (how == "empty")
        {
            Environment[value] = "";
        }

        string[] list = how == "twice" ? ["A", value, value] : ["A", value];

        CliResult result = await RunAsync("push", "--from-env", string.Join(',', list));

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain(message));
        Assert.That(Requests(), Is.Empty);
        Assert.That(result.AllOutput, Does.Not.Contain(value)
            .And.Not.Contain(Sentinel.Replace("-", "_", StringComparison.Ordinal))
            .And.Not.Contain(Sentinel));
    }

    [Test]
    public async Task APushFromTheEnvironmentPastTheQuotaFailsBeforeWriting()
    {
        await NewStoreAsync();
        MarkSetupDone();
        for (int i = 0; i < 150; i++)
        {
            Environment[$"Q_{i:D3}"] = Sentinel + i;
        }

        CliResult result = await RunAsync("push", "--from-env-prefix", "Q_");

        Assert.That(result.ExitCode, Is.EqualTo(7), result.ToString());
        Assert.That(result.Stderr, Does.Contain("150").And.Contain("Nothing was written"));
        Assert.That(Writes(), Is.Empty);
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }
}
