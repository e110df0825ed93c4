using System.Text.Json;
using CloudflareSecrets.Cli.Tests.Support;

namespace CloudflareSecrets.Cli.Tests;

/// <summary>
/// The tool as a real process against the emulator: every command, as a user's script runs it. The build output, or
/// the installed tool that <see cref="ToolProcess.UnderTestVariable"/> names (CI: the self-contained, trimmed package).
/// </summary>
public sealed class RealProcessTests : CliEmulatorTests
{
    private Task<CliResult> ExecAsync(params string[] args) => ToolProcess.RunAsync(Environment, null, args);

    [Test]
    public async Task EveryStoreAndSecretCommandWorksAsARealProcess()
    {
        CliResult store = await ExecAsync("store", "create", "proc_store", "--json");
        Assert.That(store.ExitCode, Is.EqualTo(0), store.ToString());
        string storeId = Json.Parse(store.Stdout).GetProperty("id").GetString()!;

        CliResult stores = await ExecAsync("store", "list", "--json");
        Assert.That(Json.Names(Json.Parse(stores.Stdout)), Is.EqualTo(new[] { "proc_store" }));

        CliResult created = await ToolProcess.RunAsync(
            Environment, Sentinel + "\n", "secret", "create", "PROC_KEY", "--scopes", "workers", "--comment", "from a pipe", "--json");
        Assert.That(created.ExitCode, Is.EqualTo(0), created.ToString());
        string secretId = Json.Parse(created.Stdout).GetProperty("id").GetString()!;
        Assert.That(StoredValue(storeId, secretId), Is.EqualTo(Sentinel));

        CliResult got = await ExecAsync("secret", "get", "PROC_KEY", "--json");
        Assert.That(Json.Parse(got.Stdout).GetProperty("comment").GetString(), Is.EqualTo("from a pipe"));

        Environment["ROTATED"] = Sentinel + "-2";
        CliResult updated = await ExecAsync("secret", "update", "PROC_KEY", "--value-env", "ROTATED");
        Assert.That(updated.ExitCode, Is.EqualTo(0), updated.ToString());
        Assert.That(StoredValue(storeId, secretId), Is.EqualTo(Sentinel + "-2"));

        CliResult copy = await ExecAsync("secret", "duplicate", "PROC_KEY", "PROC_KEY_COPY", "--json");
        string copyId = Json.Parse(copy.Stdout).GetProperty("id").GetString()!;
        Assert.That(StoredValue(storeId, copyId), Is.EqualTo(Sentinel + "-2"));

        CliResult listed = await ExecAsync("secret", "list", "--order", "name", "--direction", "asc", "--json");
        Assert.That(Json.Names(Json.Parse(listed.Stdout)), Is.EqualTo(new[] { "PROC_KEY", "PROC_KEY_COPY" }));

        CliResult quota = await ExecAsync("quota", "--json");
        Assert.That(Json.Parse(quota.Stdout).GetProperty("usage").GetInt32(), Is.EqualTo(2));

        CliResult deleted = await ExecAsync("secret", "delete", secretId, copyId);
        Assert.That(deleted.ExitCode, Is.EqualTo(0), deleted.ToString());

        CliResult storeDeleted = await ExecAsync("store", "delete", "proc_store");
        Assert.That(storeDeleted.ExitCode, Is.EqualTo(0), storeDeleted.ToString());

        foreach (CliResult run in new[] { store, stores, created, got, updated, copy, listed, quota, deleted, storeDeleted })
        {
            Assert.That(run.AllOutput, Does.Not.Contain(Sentinel));
        }
    }

    [Test]
    public async Task AValueFileReachesTheEmulatorFromARealProcess()
    {
        SecretStore store = await NewStoreAsync();
        string path = await WriteFileAsync("value", Sentinel);

        CliResult result = await ExecAsync("secret", "create", "FROM_FILE", "--scopes", "workers", "--value-file", path, "--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(StoredValue(store.Id, Json.Parse(result.Stdout).GetProperty("id").GetString()!), Is.EqualTo(Sentinel));
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task SetAndPushWorkAsARealProcess()
    {
        CliResult set = await ToolProcess.RunAsync(Environment, Sentinel, "set", "FIRST", "--json");
        Assert.That(set.ExitCode, Is.EqualTo(0), set.ToString());
        JsonElement created = Json.Parse(set.Stdout).GetProperty("secret");
        string storeId = created.GetProperty("store_id").GetString()!;
        Assert.That(StoredValue(storeId, created.GetProperty("id").GetString()!), Is.EqualTo(Sentinel));

        string path = await WriteFileAsync("deploy.env", $"FIRST={Sentinel}-2\nSECOND=\"{Sentinel}-3\"\n");
        CliResult dryRun = await ExecAsync("push", path, "--dry-run", "--json");
        Assert.That(dryRun.ExitCode, Is.EqualTo(0), dryRun.ToString());
        Assert.That(Json.Parse(dryRun.Stdout).GetProperty("dry_run").GetBoolean(), Is.True);
        Assert.That(StoredValue(storeId, created.GetProperty("id").GetString()!), Is.EqualTo(Sentinel));

        CliResult push = await ExecAsync("push", path);
        Assert.That(push.ExitCode, Is.EqualTo(0), push.ToString());
        Assert.That(push.Stdout, Does.Contain("Created 1, updated 1, deleted 0"));
        Assert.That(StoredValue(storeId, created.GetProperty("id").GetString()!), Is.EqualTo(Sentinel + "-2"));
        Assert.That(set.AllOutput + dryRun.AllOutput + push.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task PushFromStdinWithPruneWorksAsARealProcess()
    {
        SecretStore store = await NewStoreAsync();
        Secret stale = await NewSecretAsync(store, "STALE");

        CliResult push = await ToolProcess.RunAsync(
            Environment, $"PIPED_ONE={Sentinel}-1\nPIPED_TWO=\"{Sentinel}-2\"\n", "push", "-", "--prune", "--json");

        Assert.That(push.ExitCode, Is.EqualTo(0), push.ToString());
        JsonElement json = Json.Parse(push.Stdout);
        Assert.That(
            (json.GetProperty("created").GetInt32(), json.GetProperty("updated").GetInt32(), json.GetProperty("deleted").GetInt32()),
            Is.EqualTo((2, 0, 1)));
        Secret two = (await Client.FindSecretByNameAsync(store.Id, "PIPED_TWO"))!;
        Assert.That(StoredValue(store.Id, two.Id), Is.EqualTo(Sentinel + "-2"));
        Assert.That(StoredValue(store.Id, stale.Id), Is.Null);
        CliResult listed = await ExecAsync("secret", "list", "--order", "name", "--direction", "asc", "--json");
        Assert.That(Json.Names(Json.Parse(listed.Stdout)), Is.EqualTo(new[] { "PIPED_ONE", "PIPED_TWO" }));
        Assert.That(push.AllOutput + listed.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task ExitCodesReachTheShell()
    {
        await NewStoreAsync();

        CliResult usage = await ExecAsync("secret", "frobnicate");
        CliResult refused = await ExecAsync("secret", "create", "X", "--scopes", "workers", "--value", Sentinel);
        CliResult notFound = await ExecAsync("secret", "get", "MISSING");
        Environment["CLOUDFLARE_API_TOKEN"] = "bad";
        CliResult unauthenticated = await ExecAsync("quota");

        Assert.That(
            new[] { usage.ExitCode, refused.ExitCode, notFound.ExitCode, unauthenticated.ExitCode },
            Is.EqualTo(new[] { 2, 2, 4, 3 }));
        Assert.That(refused.AllOutput, Does.Not.Contain(Sentinel));
        Assert.That(unauthenticated.Stderr, Does.Contain("CF-Ray: "));
    }

    [Test]
    public async Task RedirectedOutputHasNoColourOrFrame()
    {
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "PLAIN");

        CliResult result = await ExecAsync("secret", "list");

        Assert.That(result.Stdout, Does.Contain("PLAIN"));
        Assert.That(result.Stdout, Does.Not.Contain("\u001b[").And.Not.Contain("│").And.Not.Contain("─"));
    }
}
