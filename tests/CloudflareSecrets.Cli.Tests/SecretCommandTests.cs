using System.Text.Json;
using CloudflareSecrets.Cli.Tests.Support;

namespace CloudflareSecrets.Cli.Tests;

public sealed class SecretCommandTests : CliEmulatorTests
{
    [Test]
    public async Task ListJsonHasTheDocumentedShapeAndNoValue()
    {
        SecretStore store = await NewStoreAsync();
        await Client.CreateSecretAsync(store.Id, "API_KEY", Sentinel, [SecretScopes.Workers, SecretScopes.AiGateway], "rotated monthly");

        CliResult result = await RunAsync("secret", "list", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        JsonElement secret = Json.Parse(result.Stdout)[0];
        Assert.That(
            secret.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "id", "name", "store_id", "status", "scopes", "comment", "created", "modified" }));
        Assert.That(secret.GetProperty("name").GetString(), Is.EqualTo("API_KEY"));
        Assert.That(secret.GetProperty("store_id").GetString(), Is.EqualTo(store.Id));
        Assert.That(
            secret.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()),
            Is.EqualTo(new[] { "ai_gateway", "workers" }),
            "sorted, as the API answers");
        Assert.That(secret.GetProperty("comment").GetString(), Is.EqualTo("rotated monthly"));
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task ListPassesSearchScopeOrderAndDirection()
    {
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "B_KEY", "v", SecretScopes.Workers, SecretScopes.Dex);
        await NewSecretAsync(store, "A_KEY", "v", SecretScopes.Workers, SecretScopes.Dex);
        await NewSecretAsync(store, "C_KEY", "v", SecretScopes.Workers);
        await NewSecretAsync(store, "OTHER", "v", SecretScopes.Dex);

        CliResult result = await RunAsync(
            "secret", "list", "--search", "key", "--scope", "dex", "--order", "name", "--direction", "asc", "--json");

        Assert.That(Json.Names(Json.Parse(result.Stdout)), Is.EqualTo(new[] { "A_KEY", "B_KEY" }));
        Assert.That(Requests().Last().PathAndQuery, Does.Contain("search=key")
            .And.Contain("scopes=dex")
            .And.Contain("order=name")
            .And.Contain("direction=asc"));
    }

    [Test]
    public async Task ListForPeopleIsATableWithNamesAndScopes()
    {
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "DB_PASSWORD", "v", SecretScopes.Workers, SecretScopes.AiGateway);

        CliResult result = await RunAsync("secret", "list");

        Assert.That(result.Stdout, Does.Contain("SCOPES").And.Contain("DB_PASSWORD").And.Contain("ai_gateway,workers"));
    }

    [Test]
    public async Task AnInvalidOrderIsAUsageErrorNamingItsPositionAndSendsNothing()
    {
        CliResult result = await RunAsync("secret", "list", "--order", "size");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("(argument 4) not recognized. Must be one of:\n\t'name'").And.Not.Contain("size"));
        Assert.That(Requests(), Is.Empty);
    }

    [Test]
    public async Task GetFindsASecretByNameOrById()
    {
        SecretStore store = await NewStoreAsync();
        Secret secret = await NewSecretAsync(store, "WEBHOOK_KEY");

        CliResult byName = await RunAsync("secret", "get", "WEBHOOK_KEY", "--json");
        CliResult byId = await RunAsync("secret", "get", secret.Id, "--json");

        Assert.That(Json.Parse(byName.Stdout).GetProperty("id").GetString(), Is.EqualTo(secret.Id));
        Assert.That(Json.Parse(byId.Stdout).GetProperty("name").GetString(), Is.EqualTo("WEBHOOK_KEY"));
    }

    [Test]
    public async Task GetOfAnUnknownSecretExitsWithNotFound()
    {
        await NewStoreAsync();

        CliResult result = await RunAsync("secret", "get", "NOPE");

        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.Stderr, Does.StartWith("error: No secret 'NOPE'"));
    }

    [Test]
    public async Task GetOfAnUnknownIdTriesItAsANameThenExitsWithNotFound()
    {
        SecretStore store = await NewStoreAsync();

        CliResult result = await RunAsync("secret", "get", "0123456789abcdef0123456789abcdef", "--store", store.Id);

        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.Stderr, Does.StartWith("error: No secret"));
    }

    [Test]
    public async Task CreateWithScopesAndCommentStoresTheValueFromStdin()
    {
        SecretStore store = await NewStoreAsync();

        CliResult result = await RunWithStdinAsync(
            Sentinel + "\n", "secret", "create", "MY_API_KEY", "--scopes", "workers,ai_gateway", "--comment", "info", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        JsonElement json = Json.Parse(result.Stdout);
        Assert.That(json.GetProperty("comment").GetString(), Is.EqualTo("info"));
        Assert.That(json.GetProperty("scopes").GetArrayLength(), Is.EqualTo(2));
        Assert.That(StoredValue(store.Id, json.GetProperty("id").GetString()!), Is.EqualTo(Sentinel));
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task CreateWithoutScopesIsAUsageError()
    {
        await NewStoreAsync();
        MarkSetupDone();

        CliResult result = await RunWithStdinAsync(Sentinel, "secret", "create", "X");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("--scopes"));
        Assert.That(Writes(), Is.Empty);
    }

    [Test]
    public async Task CreateOfATakenNameIsAConflict()
    {
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "TAKEN");

        CliResult result = await RunWithStdinAsync(Sentinel, "secret", "create", "TAKEN", "--scopes", "workers");

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.Stderr, Does.Contain("code 1003: secret_name_already_exists").And.Contain("CF-Ray: "));
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task UpdateWithOnlyACommentLeavesTheValue()
    {
        SecretStore store = await NewStoreAsync();
        Secret secret = await NewSecretAsync(store, "K", "original");

        CliResult result = await RunAsync("secret", "update", "K", "--comment", "now documented", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(Json.Parse(result.Stdout).GetProperty("comment").GetString(), Is.EqualTo("now documented"));
        Assert.That(StoredValue(store.Id, secret.Id), Is.EqualTo("original"));
    }

    [Test]
    public async Task UpdateWithNothingNamedChangesTheValueFromStdin()
    {
        SecretStore store = await NewStoreAsync();
        Secret secret = await NewSecretAsync(store, "K", "original");

        CliResult result = await RunWithStdinAsync(Sentinel, "secret", "update", secret.Id);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.Contain("Updated secret K"));
        Assert.That(StoredValue(store.Id, secret.Id), Is.EqualTo(Sentinel));
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task UpdateReplacesScopes()
    {
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "K");

        CliResult result = await RunAsync("secret", "update", "K", "--scopes", "dex", "--scopes", "access", "--json");

        Assert.That(
            Json.Parse(result.Stdout).GetProperty("scopes").EnumerateArray().Select(s => s.GetString()),
            Is.EqualTo(new[] { "access", "dex" }),
            "sorted, as the API answers");
    }

    [Test]
    public async Task DuplicateCopiesTheValueAndKeepsTheScopesByDefault()
    {
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "ORIGINAL", Sentinel, SecretScopes.Workers, SecretScopes.Dex);

        CliResult result = await RunAsync("secret", "duplicate", "ORIGINAL", "COPY", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        JsonElement copy = Json.Parse(result.Stdout);
        Assert.That(copy.GetProperty("name").GetString(), Is.EqualTo("COPY"));
        Assert.That(copy.GetProperty("scopes").GetArrayLength(), Is.EqualTo(2));
        Assert.That(StoredValue(store.Id, copy.GetProperty("id").GetString()!), Is.EqualTo(Sentinel));
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task DuplicateWithScopesUsesThem()
    {
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "ORIGINAL");

        CliResult result = await RunAsync(
            "secret", "duplicate", "ORIGINAL", "COPY", "--scopes", "access", "--comment", "for access", "--json");

        JsonElement copy = Json.Parse(result.Stdout);
        Assert.That(copy.GetProperty("scopes")[0].GetString(), Is.EqualTo("access"));
        Assert.That(copy.GetProperty("comment").GetString(), Is.EqualTo("for access"));
    }

    [Test]
    public async Task DeleteOfSeveralSecretsSendsOneBulkRequest()
    {
        SecretStore store = await NewStoreAsync();
        Secret a = await NewSecretAsync(store, "A");
        Secret b = await NewSecretAsync(store, "B");
        Secret c = await NewSecretAsync(store, "C");
        await NewSecretAsync(store, "KEEP");
        Emulator.Requests.Clear();

        CliResult result = await RunAsync("secret", "delete", a.Id, b.Id, c.Id, "--store", store.Id, "--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(
            Json.Parse(result.Stdout).GetProperty("deleted").EnumerateArray().Select(e => e.GetString()),
            Is.EqualTo(new[] { a.Id, b.Id, c.Id }));
        Assert.That(
            Requests().Select(r => $"{r.Method} {r.PathAndQuery}"),
            Is.EqualTo(new[] { $"DELETE /client/v4/accounts/{AccountId}/secrets_store/stores/{store.Id}/secrets" }));
        Assert.That(Json.Names(Json.Parse((await RunAsync("secret", "list", "--json")).Stdout)), Is.EqualTo(new[] { "KEEP" }));
    }

    [Test]
    public async Task DeleteOfOneSecretByNameDeletesIt()
    {
        SecretStore store = await NewStoreAsync();
        Secret secret = await NewSecretAsync(store, "GONE");

        CliResult result = await RunAsync("secret", "delete", "GONE");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(Requests().Last().Method, Is.EqualTo("DELETE"));
        Assert.That(Requests().Last().PathAndQuery, Does.EndWith($"/secrets/{secret.Id}"));
    }

    [Test]
    public async Task WithSeveralStoresTheStoreMustBeNamed()
    {
        await NewStoreAsync("one");
        SecretStore two = await NewStoreAsync("two");
        await NewSecretAsync(two, "IN_TWO");

        CliResult ambiguous = await RunAsync("secret", "list");
        CliResult named = await RunAsync("secret", "list", "--store", "two", "--json");

        Assert.That(ambiguous.ExitCode, Is.EqualTo(2), ambiguous.ToString());
        Assert.That(ambiguous.Stderr, Does.Contain("--store"));
        Assert.That(Json.Names(Json.Parse(named.Stdout)), Is.EqualTo(new[] { "IN_TWO" }));
    }

    [Test]
    public async Task WithoutAStoreTheCommandSaysHowToCreateOne()
    {
        CliResult result = await RunAsync("secret", "list");

        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.Stderr, Does.Contain("cfsecrets store create"));
    }
}
