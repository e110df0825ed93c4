using System.Net;
using CloudflareSecrets.IntegrationTests.Support;

namespace CloudflareSecrets.IntegrationTests;

[TestFixture(ClientKind.Constructed)]
[TestFixture(ClientKind.DependencyInjection)]
public sealed class StoresTests(ClientKind kind) : EmulatorTests(kind)
{
    [Test]
    public async Task ACreatedStore_CanBeRead_Listed_AndDeleted()
    {
        SecretStore created = await Client.CreateStoreAsync("service_x_keys");

        SecretStore read = await Client.GetStoreAsync(created.Id);
        List<SecretStore> listed = await Client.ListStoresAsync().ToListAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.Id, Does.Match("^[0-9a-f]{32}$"));
            Assert.That(created.Name, Is.EqualTo("service_x_keys"));
            Assert.That(created.AccountId, Is.EqualTo(AccountId));
            Assert.That(read, Is.EqualTo(created));
            Assert.That(listed, Is.EqualTo(new[] { created }));
        }

        await Client.DeleteStoreAsync(created.Id);

        Assert.That(await Client.ListStoresAsync().ToListAsync(), Is.Empty);
        Assert.ThrowsAsync<CloudflareNotFoundException>(() => Client.GetStoreAsync(created.Id));
    }

    [Test]
    public async Task ListingStores_HonoursOrderAndDirection()
    {
        foreach (string name in new[] { "beta", "alpha", "gamma" })
        {
            await Client.CreateStoreAsync(name);
        }

        async Task<string[]> NamesAsync(ListStoresOptions? options) =>
            [.. (await Client.ListStoresAsync(options).ToListAsync()).Select(s => s.Name)];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await NamesAsync(null), Is.EqualTo(new[] { "gamma", "alpha", "beta" }), "Cloudflare's default: newest first");
            Assert.That(
                await NamesAsync(new ListStoresOptions { Order = StoreOrder.Name, Direction = SortDirection.Ascending }),
                Is.EqualTo(new[] { "alpha", "beta", "gamma" }));
            Assert.That(
                await NamesAsync(new ListStoresOptions { Order = StoreOrder.Name, Direction = SortDirection.Descending }),
                Is.EqualTo(new[] { "gamma", "beta", "alpha" }));
            Assert.That(
                await NamesAsync(new ListStoresOptions { Order = StoreOrder.Created, Direction = SortDirection.Ascending, PageSize = 1 }),
                Is.EqualTo(new[] { "beta", "alpha", "gamma" }),
                "one per page");
        }
    }

    [Test]
    public async Task DeletingAStoreThatHoldsSecrets_IsAStoreNotEmptyConflict_AndForceDeletesItsSecretsToo()
    {
        SecretStore store = await NewStoreAsync();
        IReadOnlyList<Secret> secrets = await Client.CreateSecretsAsync(store.Id,
        [
            new NewSecret("FIRST", "first-value", [SecretScopes.Workers]),
            new NewSecret("SECOND", "second-value", [SecretScopes.Workers]),
        ]);

        CloudflareConflictException? conflict = Assert.ThrowsAsync<CloudflareConflictException>(() => Client.DeleteStoreAsync(store.Id));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(conflict.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(conflict.Is(SecretsStoreKnownErrors.StoreNotEmpty), Is.True);
            Assert.That(conflict.Is(SecretsStoreKnownErrors.SecretNameAlreadyExists), Is.False);
            Assert.That(conflict.Errors[0].Message, Does.StartWith("store_not_empty"));
            Assert.That(conflict.RayId, Is.EqualTo(LastRayId()));
            Assert.That(await Client.GetStoreAsync(store.Id), Is.EqualTo(store), "the refused delete changed nothing");
            Assert.That(StoredValue(store.Id, secrets[0].Id), Is.EqualTo("first-value"));
        }

        await Client.DeleteStoreAsync(store.Id, force: true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Requests()[^1].PathAndQuery, Does.EndWith($"/stores/{store.Id}?force=true"));
            Assert.ThrowsAsync<CloudflareNotFoundException>(() => Client.GetStoreAsync(store.Id));
            Assert.That(secrets.Select(s => StoredValue(store.Id, s.Id)), Is.All.Null, "the secrets went with the store");
            Assert.That((await Client.GetQuotaAsync()).Usage, Is.Zero);
        }
    }

    [Test]
    public async Task AnUnknownStore_IsNotFound_ForEveryStoreScopedOperation()
    {
        const string unknown = "ffffffffffffffffffffffffffffffff";
        await NewStoreAsync(); // the account exists and has a store; just not this one

        Func<Task>[] calls =
        [
            () => Client.GetStoreAsync(unknown),
            () => Client.DeleteStoreAsync(unknown),
            () => Client.DeleteStoreAsync(unknown, force: true),
            async () => await Client.ListSecretsAsync(unknown).ToListAsync(),
            () => Client.CreateSecretAsync(unknown, "NAME", "value", [SecretScopes.Workers]),
            () => Client.DeleteSecretsAsync(unknown, ["0123456789abcdef0123456789abcdef"]),
        ];

        using (Assert.EnterMultipleScope())
        {
            for (int i = 0; i < calls.Length; i++)
            {
                CloudflareNotFoundException? e = Assert.ThrowsAsync<CloudflareNotFoundException>(() => calls[i](), $"call {i}");
                Assert.That(e?.Is(SecretsStoreKnownErrors.StoreNotFound), Is.True, $"call {i}");
                Assert.That(e?.RayId, Is.EqualTo(LastRayId()), $"call {i}");
            }
        }
    }

    [Test]
    public async Task CreatingMoreStoresThanTheAccountMayHold_IsRefused()
    {
        for (int i = 0; i < 3; i++)
        {
            await Client.CreateStoreAsync($"store_{i}");
        }

        CloudflareValidationException? e = Assert.ThrowsAsync<CloudflareValidationException>(() => Client.CreateStoreAsync("one_too_many"));

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(e.Is(SecretsStoreKnownErrors.MaximumStoresExceeded), Is.True);
        Assert.That(await Client.ListStoresAsync().CountAsync(), Is.EqualTo(3));
    }
}
