using CloudflareSecrets.Emulator;
using CloudflareSecrets.IntegrationTests.Support;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>
/// <see cref="SecretsStoreWorkflows.SetSecretAsync"/> against the emulator: what it sends, what the store holds after,
/// and races.
/// </summary>
public sealed class SetSecretWorkflowTests : EmulatorTests
{
    private const string Sentinel = "SENTINEL-set-4b8e";

    protected override EmulatorOptions CreateEmulatorOptions() => new() { MaxSecretsPerAccount = 300 };

    /// <summary>
    /// The requests since <paramref name="start"/>, as method and outcome (the statuses of refusals follow
    /// Cloudflare's, which the emulator may change).
    /// </summary>
    private string[] MethodsSince(int start) =>
        [.. Requests().Skip(start).Select(r => $"{r.Method} {(r.StatusCode < 400 ? "ok" : "refused")}")];

    [Test]
    public async Task InAnEmptyStore_ItCreatesTheSecret_WithOneSearchAndOneCreate()
    {
        SecretStore store = await NewStoreAsync();
        int start = Requests().Count;

        SetSecretResult result = await Client.SetSecretAsync(store.Id, "API_KEY", Sentinel);

        Assert.That(result.Action, Is.EqualTo(SecretWriteAction.Created));
        Assert.That(StoredValue(store.Id, result.Secret.Id), Is.EqualTo(Sentinel));
        Assert.That(result.Secret.Scopes, Is.EqualTo(new[] { SecretScopes.Workers }));
        Assert.That(MethodsSince(start), Is.EqualTo(new[] { "GET ok", "POST ok" }));
    }

    [Test]
    public async Task ForAnExistingName_ItReplacesTheValue_WithOneSearchAndOnePatch()
    {
        SecretStore store = await NewStoreAsync();
        Secret existing = await Client.CreateSecretAsync(store.Id, "API_KEY", "old-value", [SecretScopes.Workers], "keep me");
        int start = Requests().Count;

        SetSecretResult result = await Client.SetSecretAsync(store.Id, "API_KEY", Sentinel);

        Assert.That(result.Action, Is.EqualTo(SecretWriteAction.Updated));
        Assert.That(result.Secret.Id, Is.EqualTo(existing.Id));
        Assert.That(result.Secret.Comment, Is.EqualTo("keep me"), "only the value was sent");
        Assert.That(StoredValue(store.Id, existing.Id), Is.EqualTo(Sentinel));
        Assert.That(MethodsSince(start), Is.EqualTo(new[] { "GET ok", "PATCH ok" }));
    }

    [Test]
    public async Task ANameBeyondTheFirstPageOfSearchResults_IsFoundAndUpdated_NotCreatedAgain()
    {
        SecretStore store = await NewStoreAsync();
        Secret target = await Client.CreateSecretAsync(store.Id, "API_KEY", "old-value", [SecretScopes.Workers]);

        // Newer secrets come first in the emulator's default order, so 150 names containing "API_KEY" push it to page 2.
        await Client.CreateSecretsAsync(
            store.Id, [.. Enumerable.Range(0, 150).Select(i => new NewSecret($"API_KEY_{i:D3}", "v", [SecretScopes.Workers]))]);
        int start = Requests().Count;

        SetSecretResult result = await Client.SetSecretAsync(store.Id, "API_KEY", Sentinel);

        Assert.That(result.Action, Is.EqualTo(SecretWriteAction.Updated));
        Assert.That(result.Secret.Id, Is.EqualTo(target.Id));
        Assert.That(StoredValue(store.Id, target.Id), Is.EqualTo(Sentinel));
        Assert.That(MethodsSince(start), Is.EqualTo(new[] { "GET ok", "GET ok", "PATCH ok" }));
    }

    [Test]
    public async Task WhenAnotherClientCreatesTheNameBetweenTheFindAndTheCreate_ItFindsAndUpdatesThatSecret()
    {
        SecretStore store = await NewStoreAsync();
        var handler = new InterleavingHandler();
        Secret? theirs = null;
        handler.Before(
            HttpMethod.Post,
            "/secrets",
            async () => theirs = await Client.CreateSecretAsync(store.Id, "API_KEY", "their-value", [SecretScopes.Workers]));
        ISecretsStoreClient racing = CreateClientThrough(handler);
        int start = Requests().Count;

        SetSecretResult result = await racing.SetSecretAsync(store.Id, "API_KEY", Sentinel);
        string[] sent = MethodsSince(start);

        Assert.That(handler.AllRan, Is.True);
        Assert.That(result.Action, Is.EqualTo(SecretWriteAction.Updated));
        Assert.That(result.Secret.Id, Is.EqualTo(theirs!.Id));
        Assert.That(StoredValue(store.Id, theirs.Id), Is.EqualTo(Sentinel));
        Assert.That(sent, Is.EqualTo(new[] { "GET ok", "POST ok", "POST refused", "GET ok", "PATCH ok" }), "their create, then ours");
        Assert.That(await Client.ListSecretsAsync(store.Id).CountAsync(), Is.EqualTo(1), "no second secret of the name");
    }

    [Test]
    public async Task WhenAnotherClientDeletesTheSecretBetweenTheFindAndTheUpdate_ItCreatesIt()
    {
        SecretStore store = await NewStoreAsync();
        Secret existing = await Client.CreateSecretAsync(store.Id, "API_KEY", "old-value", [SecretScopes.Workers]);
        var handler = new InterleavingHandler();
        handler.Before(HttpMethod.Patch, "/secrets/", () => Client.DeleteSecretAsync(store.Id, existing.Id));
        ISecretsStoreClient racing = CreateClientThrough(handler);
        int start = Requests().Count;

        SetSecretResult result = await racing.SetSecretAsync(store.Id, "API_KEY", Sentinel);

        Assert.That(handler.AllRan, Is.True);
        Assert.That(result.Action, Is.EqualTo(SecretWriteAction.Created));
        Assert.That(result.Secret.Id, Is.Not.EqualTo(existing.Id));
        Assert.That(StoredValue(store.Id, result.Secret.Id), Is.EqualTo(Sentinel));
        Assert.That(MethodsSince(start), Is.EqualTo(new[] { "GET ok", "DELETE ok", "PATCH refused", "POST ok" }));
    }

    [Test]
    public async Task TheResultShowsNoValue()
    {
        SecretStore store = await NewStoreAsync();

        SetSecretResult created = await Client.SetSecretAsync(store.Id, "API_KEY", Sentinel);
        SetSecretResult updated = await Client.SetSecretAsync(store.Id, "API_KEY", Sentinel + "-2");

        Assert.That(created + " " + updated, Does.Contain("API_KEY").And.Not.Contain(Sentinel));
    }
}
