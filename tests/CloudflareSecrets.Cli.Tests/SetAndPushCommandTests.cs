using System.Text;
using System.Text.Json;
using CloudflareSecrets.Cli.Tests.Support;
using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Cli.Tests;

public sealed class SetAndPushCommandTests : CliEmulatorTests
{
    protected override EmulatorOptions CreateEmulatorOptions() => new() { MaxStoresPerAccount = 2, MaxSecretsPerAccount = 100 };

    [Test]
    public async Task SetCreatesThenUpdatesByName()
    {
        SecretStore store = await NewStoreAsync();

        CliResult first = await RunWithStdinAsync(Sentinel + "-1", "set", "API_KEY", "--json");
        CliResult second = await RunWithStdinAsync(Sentinel + "-2", "set", "API_KEY", "--comment", "rotated", "--json");

        Assert.That(Json.Parse(first.Stdout).GetProperty("action").GetString(), Is.EqualTo("created"));
        JsonElement updated = Json.Parse(second.Stdout);
        Assert.That(updated.GetProperty("action").GetString(), Is.EqualTo("updated"));
        string id = updated.GetProperty("secret").GetProperty("id").GetString()!;
        Assert.That(id, Is.EqualTo(Json.Parse(first.Stdout).GetProperty("secret").GetProperty("id").GetString()));
        Assert.That(StoredValue(store.Id, id), Is.EqualTo(Sentinel + "-2"));
        Assert.That(updated.GetProperty("secret").GetProperty("scopes")[0].GetString(), Is.EqualTo("workers"));
        Assert.That(first.AllOutput + second.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task SetInAnAccountWithoutAStoreCreatesTheDefaultStore()
    {
        Environment["V"] = Sentinel;

        CliResult result = await RunAsync("set", "FIRST", "--value-env", "V", "--scopes", "ai_gateway");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.StartWith("Created secret FIRST"));
        SecretStore store = await Client.ListStoresAsync().SingleAsync();
        Assert.That(store.Name, Is.EqualTo(SecretsStoreWorkflows.DefaultStoreName));
    }

    [Test]
    public async Task PushOfAnEnvFileCreatesUpdatesAndPrunesAndPrintsNoValue()
    {
        SecretStore store = await NewStoreAsync();
        Secret kept = await NewSecretAsync(store, "KEPT", "old");
        Secret stale = await NewSecretAsync(store, "STALE");
        string path = await WriteFileAsync(
            "app.env",
            $"\uFEFF# deploy secrets\r\nexport KEPT=\"{Sentinel}-kept\"\r\nNEW_ONE='{Sentinel}-new' # comment\r\n"
            + $"PEM=\"-----BEGIN-----\n{Sentinel}\n-----END-----\"\r\n");
        MarkSetupDone();

        CliResult result = await RunAsync("push", path, "--prune", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        JsonElement json = Json.Parse(result.Stdout);
        Assert.That(json.GetProperty("dry_run").GetBoolean(), Is.False);
        Assert.That(
            (json.GetProperty("created").GetInt32(), json.GetProperty("updated").GetInt32(), json.GetProperty("deleted").GetInt32()),
            Is.EqualTo((2, 1, 1)));
        Assert.That(StoredValue(store.Id, kept.Id), Is.EqualTo(Sentinel + "-kept"));
        Assert.That(StoredValue(store.Id, stale.Id), Is.Null);
        Secret pem = (await Client.FindSecretByNameAsync(store.Id, "PEM"))!;
        Assert.That(StoredValue(store.Id, pem.Id), Is.EqualTo($"-----BEGIN-----\n{Sentinel}\n-----END-----"));
        Assert.That(Writes().Count(r => r.Method == "POST"), Is.EqualTo(1), "both new secrets in one create request");
        Assert.That(Writes().Count(r => r.Method == "DELETE"), Is.EqualTo(1), "the prune in one bulk delete");
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task PushDryRunPrintsThePlanAndSendsNoWrite()
    {
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "EXISTING");
        await NewSecretAsync(store, "EXTRA");
        MarkSetupDone();

        CliResult result = await RunWithStdinAsync($"EXISTING={Sentinel}\nBRAND_NEW={Sentinel}\n", "push", "-", "--dry-run", "--prune");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.Contain("BRAND_NEW")
            .And.Contain("create")
            .And.Contain("EXISTING")
            .And.Contain("update")
            .And.Contain("EXTRA")
            .And.Contain("delete"));
        Assert.That(result.Stdout, Does.Contain("Dry run: 1 to create, 1 to update, 1 to delete; nothing was written"));
        Assert.That(Writes(), Is.Empty);
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task PushOf250EntriesWithAQuotaOf100FailsBeforeWriting()
    {
        await NewStoreAsync();
        MarkSetupDone();
        var file = new StringBuilder();
        for (int i = 0; i < 250; i++)
        {
            file.Append($"SECRET_{i:D3}={Sentinel}{i}\n");
        }

        CliResult result = await RunWithStdinAsync(file.ToString(), "push", "-");

        Assert.That(result.ExitCode, Is.EqualTo(7), result.ToString());
        Assert.That(result.Stderr, Does.Contain("250").And.Contain("100").And.Contain("Nothing was written"));
        Assert.That(Writes(), Is.Empty);
        Assert.That((await Client.GetQuotaAsync()).Usage, Is.EqualTo(0));
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task PushOfAJsonObjectUsesTheScopesAndCommentForNewSecrets()
    {
        SecretStore store = await NewStoreAsync();
        string path = await WriteFileAsync("secrets.json", $"{{\"DB_PASSWORD\": \"{Sentinel}\", \"TOKEN\": \"t\"}}");

        CliResult result = await RunAsync("push", path, "--scopes", "workers,ai_gateway", "--comment", "from ci", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Secret db = (await Client.FindSecretByNameAsync(store.Id, "DB_PASSWORD"))!;
        Assert.That(db.Scopes, Is.EqualTo(new[] { "ai_gateway", "workers" }), "sorted, as the API answers");
        Assert.That(db.Comment, Is.EqualTo("from ci"));
        Assert.That(StoredValue(store.Id, db.Id), Is.EqualTo(Sentinel));
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task PushOfAFileWithADuplicateNameFailsBeforeAnyRequest()
    {
        CliResult result = await RunWithStdinAsync($"A={Sentinel}\nA=2\n", "push", "-");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("stdin:2:1: this name is already defined on line 1"));
        Assert.That(Requests(), Is.Empty);
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task PushOfAJsonNonStringValueIsAUsageError()
    {
        CliResult result = await RunWithStdinAsync("{\"A\": 1}", "push", "-");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("stdin: entry 1: the value must be a string; it is number"));
    }

    [Test]
    public async Task PushThatFailsPartWaySaysWhatWasNotDone()
    {
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "UPDATED");
        Emulator.Faults.Add(new FaultRule
        {
            Method = "PATCH",
            PathPattern = $"/accounts/{AccountId}/",
            Status = 404,
            Count = 10,
            ErrorCode = 1003,
            ErrorMessage = "secret_not_found",
        });
        Emulator.Faults.Add(new FaultRule { Method = "POST", PathPattern = $"/accounts/{AccountId}/", Status = 500, Count = 10 });

        CliResult result = await RunWithStdinAsync($"UPDATED={Sentinel}\n", "push", "-");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.ToString());
        Assert.That(result.Stderr, Does.Contain("not done: 1 (UPDATED)").And.Contain("CF-Ray: "));
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }
}
