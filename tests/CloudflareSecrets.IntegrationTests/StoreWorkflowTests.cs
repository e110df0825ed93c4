using CloudflareSecrets.Emulator;
using CloudflareSecrets.IntegrationTests.Support;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>
/// <see cref="SecretsStoreWorkflows.GetOrCreateStoreAsync"/> against an emulator that allows one store per account, as
/// Cloudflare does.
/// </summary>
public sealed class StoreWorkflowTests : EmulatorTests
{
    protected override EmulatorOptions CreateEmulatorOptions() => new() { MaxStoresPerAccount = 1 };

    [Test]
    public async Task AnAccountWithoutAStore_GetsTheDefaultStore_AndTheNextCallReadsIt()
    {
        SecretStore created = await Client.GetOrCreateStoreAsync();
        int start = Requests().Count;
        SecretStore again = await Client.GetOrCreateStoreAsync();

        Assert.That(created.Name, Is.EqualTo(SecretsStoreWorkflows.DefaultStoreName));
        Assert.That(again, Is.EqualTo(created));
        Assert.That(Requests().Skip(start).Select(r => r.Method), Is.EqualTo(new[] { "GET" }));
    }

    [Test]
    public async Task ANamedStore_IsCreated_ThenFoundByName()
    {
        SecretStore created = await Client.GetOrCreateStoreAsync("service_x_keys");

        Assert.That(await Client.GetOrCreateStoreAsync("service_x_keys"), Is.EqualTo(created));
        Assert.That(await Client.GetOrCreateStoreAsync(), Is.EqualTo(created), "the account's only store");
    }

    [Test]
    public async Task WhenAnotherClientCreatesTheStoreFirst_TheLimitIsAnsweredByReadingAgain()
    {
        var handler = new InterleavingHandler();
        SecretStore? theirs = null;
        handler.Before(HttpMethod.Post, "/stores", async () => theirs = await Client.CreateStoreAsync("service_x_keys"));
        ISecretsStoreClient racing = CreateClientThrough(handler);

        SecretStore store = await racing.GetOrCreateStoreAsync("service_x_keys");

        Assert.That(handler.AllRan, Is.True);
        Assert.That(store, Is.EqualTo(theirs));
        Assert.That(
            Requests().Select(r => $"{r.Method} {(r.StatusCode < 400 ? "ok" : "refused")}"),
            Is.EqualTo(new[] { "GET ok", "POST ok", "POST refused", "GET ok" }));
    }

    [Test]
    public async Task AskingForASecondStoreName_FailsWithTheAccountsLimit()
    {
        await Client.CreateStoreAsync("production");

        CloudflareApiException? e = Assert.CatchAsync<CloudflareApiException>(() => Client.GetOrCreateStoreAsync("staging"));

        Assert.That(
            e!.StatusCode,
            Is.AnyOf(System.Net.HttpStatusCode.Forbidden, System.Net.HttpStatusCode.BadRequest),
            "the emulator's answer before and after it follows Cloudflare's 400");
        Assert.That(await Client.ListStoresAsync().Select(s => s.Name).ToListAsync(), Is.EqualTo(new[] { "production" }));
    }
}
