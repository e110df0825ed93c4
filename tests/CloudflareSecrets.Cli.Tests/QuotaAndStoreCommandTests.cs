using System.Text.Json;
using CloudflareSecrets.Cli.Tests.Support;

namespace CloudflareSecrets.Cli.Tests;

public sealed class QuotaAndStoreCommandTests : CliEmulatorTests
{
    [Test]
    public async Task QuotaPrintsUsageAndQuotaForPeople()
    {
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "A");

        CliResult result = await RunAsync("quota");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout.Trim(), Is.EqualTo("1 of 100 secrets used (99 left)"));
    }

    [Test]
    public async Task QuotaJsonHasQuotaUsageAndRemaining()
    {
        CliResult result = await RunAsync("quota", "--json");

        JsonElement json = Json.Parse(result.Stdout);
        Assert.That(json.GetProperty("quota").GetInt64(), Is.EqualTo(100));
        Assert.That(json.GetProperty("usage").GetInt64(), Is.EqualTo(0));
        Assert.That(json.GetProperty("remaining").GetInt64(), Is.EqualTo(100));
    }

    [Test]
    public async Task StoreCreateThenListShowsTheStoreInJson()
    {
        CliResult created = await RunAsync("store", "create", "service_x_keys", "--json");
        CliResult listed = await RunAsync("store", "list", "--json");

        Assert.That(created.ExitCode, Is.EqualTo(0), created.ToString());
        string id = Json.Parse(created.Stdout).GetProperty("id").GetString()!;
        JsonElement stores = Json.Parse(listed.Stdout);
        Assert.That(stores.GetArrayLength(), Is.EqualTo(1));
        Assert.That(stores[0].GetProperty("id").GetString(), Is.EqualTo(id));
        Assert.That(stores[0].GetProperty("name").GetString(), Is.EqualTo("service_x_keys"));
        Assert.That(
            DateTimeOffset.Parse(stores[0].GetProperty("created").GetString()!),
            Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5)));
    }

    [Test]
    public async Task StoreListForPeopleIsATableWithTheNameAndId()
    {
        SecretStore store = await NewStoreAsync("team_keys");

        CliResult result = await RunAsync("store", "list");

        Assert.That(result.Stdout, Does.Contain("NAME").And.Contain("team_keys").And.Contain(store.Id));
    }

    [Test]
    public async Task StoreDeleteByNameDeletesIt()
    {
        await NewStoreAsync("doomed");

        CliResult result = await RunAsync("store", "delete", "doomed");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(await Client.ListStoresAsync().CountAsync(), Is.EqualTo(0));
    }

    [Test]
    public async Task StoreDeleteOfANonEmptyStoreIsAConflictUntilForced()
    {
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "KEEP");

        CliResult refused = await RunAsync("store", "delete", store.Id);
        CliResult forced = await RunAsync("store", "delete", store.Id, "--force", "--json");

        Assert.That(refused.ExitCode, Is.EqualTo(5), refused.ToString());
        Assert.That(refused.Stderr, Does.Contain("--force"));
        Assert.That(forced.ExitCode, Is.EqualTo(0), forced.ToString());
        Assert.That(Json.Parse(forced.Stdout).GetProperty("deleted").GetBoolean(), Is.True);
        Assert.That(Requests().Last().PathAndQuery, Does.EndWith("force=true"));
    }

    [Test]
    public async Task StoreCreateBeyondTheAccountLimitExitsWithLimitExceeded()
    {
        await NewStoreAsync("one");
        await NewStoreAsync("two");

        CliResult result = await RunAsync("store", "create", "three");

        Assert.That(result.ExitCode, Is.EqualTo(7), result.ToString());
        Assert.That(result.Stderr, Does.Contain("CF-Ray: ").And.Contain("code 1003: maximum_stores_exceeded"));
    }

    [Test]
    public async Task StoreDeleteOfAnUnknownNameExitsWithNotFoundWithoutDeleting()
    {
        await NewStoreAsync("real");
        MarkSetupDone();

        CliResult result = await RunAsync("store", "delete", "imaginary");

        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.Stderr, Does.Contain("No store named 'imaginary'"));
        Assert.That(Writes(), Is.Empty);
    }
}
