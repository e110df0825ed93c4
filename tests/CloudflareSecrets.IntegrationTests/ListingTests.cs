using CloudflareSecrets.IntegrationTests.Support;

namespace CloudflareSecrets.IntegrationTests;

[TestFixture(ClientKind.Constructed)]
[TestFixture(ClientKind.DependencyInjection)]
public sealed class ListingTests(ClientKind kind) : EmulatorTests(kind)
{
    private static readonly ListSecretsOptions ByName = new() { Order = SecretOrder.Name, Direction = SortDirection.Ascending };

    [Test]
    public async Task AutoPaging_FetchesEveryPageLazily_OneRequestEach_AndYieldsEveryItemInOrder()
    {
        SecretStore store = await NewStoreAsync();
        // Created in reverse, so that name order differs from creation order.
        IReadOnlyList<Secret> created = await Client.CreateSecretsAsync(store.Id,
            [.. Enumerable.Range(1, 70).Reverse().Select(i => new NewSecret($"PAGED_{i:000}", $"value-{i}", [SecretScopes.Workers]))]);
        int before = Requests().Count;

        List<Secret> listed = await Client.ListSecretsAsync(store.Id, ByName with { PageSize = 20 }).ToListAsync();

        string[] queries =
            [.. Requests().Skip(before).Select(r => r.PathAndQuery[r.PathAndQuery.IndexOf('?', StringComparison.Ordinal)..])];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed, Has.Count.EqualTo(70));
            Assert.That(listed.Select(s => s.Name), Is.EqualTo(Enumerable.Range(1, 70).Select(i => $"PAGED_{i:000}")));
            Assert.That(listed, Is.EquivalentTo(created));
            Assert.That(queries, Is.EqualTo(Enumerable.Range(1, 4).Select(page => $"?direction=asc&page={page}&per_page=20&order=name")));
        }
    }

    [Test]
    public async Task AsPages_GivesEachPageWithCloudflaresResultInfo()
    {
        SecretStore store = await NewStoreAsync();
        await Client.CreateSecretsAsync(
            store.Id, [.. Enumerable.Range(1, 70).Select(i => new NewSecret($"PAGED_{i:000}", "value", [SecretScopes.Workers]))]);

        List<Page<Secret>> pages = await Client.ListSecretsAsync(store.Id, ByName with { PageSize = 20 }).AsPages().ToListAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pages.Select(p => p.Values.Count), Is.EqualTo(new[] { 20, 20, 20, 10 }));
            Assert.That(
                pages.Select(p => p.Info), Is.EqualTo(Enumerable.Range(1, 4).Select(n => new PageInfo(n, 20, n < 4 ? 20 : 10, 70, 4))));
            Assert.That(pages[3].Values[^1].Name, Is.EqualTo("PAGED_070"));
        }
    }

    [Test]
    public async Task AnEmptyStore_ListsNothing_InOneRequest()
    {
        SecretStore store = await NewStoreAsync();
        int before = Requests().Count;

        List<Page<Secret>> pages = await Client.ListSecretsAsync(store.Id).AsPages().ToListAsync();

        Assert.That(pages.Single().Values, Is.Empty);
        Assert.That(Requests().Count - before, Is.EqualTo(1));
    }

    [Test]
    public async Task Search_MatchesNamesAndCommentsCaseInsensitively()
    {
        SecretStore store = await SeedAsync();

        Assert.That(
            await NamesAsync(store, ByName with { Search = "key" }), Is.EqualTo(new[] { "DB_PASSWORD", "MY_API_KEY", "WEBHOOK_KEY" }));
        Assert.That(await NamesAsync(store, ByName with { Search = "nothing-matches" }), Is.Empty);
    }

    [Test]
    public async Task TheScopesFilter_KeepsSecretsThatHaveEveryScopeListed()
    {
        SecretStore store = await SeedAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                await NamesAsync(store, ByName with { Scopes = [SecretScopes.Workers] }),
                Is.EqualTo(new[] { "DB_PASSWORD", "MY_API_KEY", "WEBHOOK_KEY" }));
            Assert.That(
                await NamesAsync(store, ByName with { Scopes = [SecretScopes.Workers, SecretScopes.AiGateway] }),
                Is.EqualTo(new[] { "MY_API_KEY" }));
            Assert.That(await NamesAsync(store, ByName with { Scopes = [SecretScopes.Access] }), Is.EqualTo(new[] { "ACCESS_CLIENT" }));
            Assert.That(
                await NamesAsync(store, ByName with { Search = "KEY", Scopes = [SecretScopes.Workers] }),
                Is.EqualTo(new[] { "DB_PASSWORD", "MY_API_KEY", "WEBHOOK_KEY" }));
        }
    }

    [Test]
    public async Task OrderAndDirection_SortTheWholeList()
    {
        SecretStore store = await SeedAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                await NamesAsync(store, null),
                Is.EqualTo(new[] { "ACCESS_CLIENT", "WEBHOOK_KEY", "DB_PASSWORD", "MY_API_KEY" }),
                "Cloudflare's default: newest first");
            Assert.That(
                await NamesAsync(store, new ListSecretsOptions { Order = SecretOrder.Created, Direction = SortDirection.Ascending }),
                Is.EqualTo(new[] { "MY_API_KEY", "DB_PASSWORD", "WEBHOOK_KEY", "ACCESS_CLIENT" }));
            Assert.That(await NamesAsync(store, ByName), Is.EqualTo(new[] { "ACCESS_CLIENT", "DB_PASSWORD", "MY_API_KEY", "WEBHOOK_KEY" }));
            Assert.That(
                await NamesAsync(store, ByName with { Direction = SortDirection.Descending }),
                Is.EqualTo(new[] { "WEBHOOK_KEY", "MY_API_KEY", "DB_PASSWORD", "ACCESS_CLIENT" }));
            Assert.That(
                await NamesAsync(
                    store, new ListSecretsOptions { Order = SecretOrder.Comment, Direction = SortDirection.Ascending, PageSize = 3 }),
                Is.EqualTo(new[] { "ACCESS_CLIENT", "MY_API_KEY", "DB_PASSWORD", "WEBHOOK_KEY" }),
                "comments, across two pages");
        }
    }

    /// <summary>Four secrets, created one by one in this order (their comments sort differently from their names).</summary>
    private async Task<SecretStore> SeedAsync()
    {
        SecretStore store = await NewStoreAsync();
        await Client.CreateSecretAsync(store.Id, "MY_API_KEY", "v1", [SecretScopes.Workers, SecretScopes.AiGateway], "b: the API key");
        await Client.CreateSecretAsync(store.Id, "DB_PASSWORD", "v2", [SecretScopes.Workers], "c: database, not a key... or is it? KEY");
        await Client.CreateSecretAsync(store.Id, "WEBHOOK_KEY", "v3", [SecretScopes.Workers], "d: rotated monthly");
        await Client.CreateSecretAsync(store.Id, "ACCESS_CLIENT", "v4", [SecretScopes.Access], "a: access");
        return store;
    }

    private async Task<string[]> NamesAsync(SecretStore store, ListSecretsOptions? options) =>
        [.. await Client.ListSecretsAsync(store.Id, options).Select(s => s.Name).ToListAsync()];
}
