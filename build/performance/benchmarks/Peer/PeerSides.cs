namespace CloudflareSecrets.Benchmarks.Peer;

/// <summary>The three calls of the workload, made by one client or the other.</summary>
internal interface IPeerClient
{
    string Name { get; }

    Task<string> GetAsync();

    /// <summary>Lists the whole list store; returns the requests made (pages) and the distinct ids seen.</summary>
    Task<(int Pages, HashSet<string> Ids)> ListAllAsync();

    Task<string> CreateAsync(string name);
}

internal sealed class FacadePeer(
    SecretsStoreClient client,
    string listAccount,
    string listStore,
    string getSecret,
    string ownStore) : IPeerClient
{
    private static readonly string[] Scopes = [SecretScopes.Workers];

    public string Name => PeerCommand.ClientName;

    public async Task<string> GetAsync() => (await client.GetSecretAsync(listStore, getSecret, listAccount).ConfigureAwait(false)).Id;

    public async Task<(int Pages, HashSet<string> Ids)> ListAllAsync()
    {
        int pages = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        IAsyncEnumerable<Page<Secret>> listing = client
            .ListSecretsAsync(listStore, new ListSecretsOptions { PageSize = 100 }, listAccount)
            .AsPages();
        await foreach (Page<Secret> page in listing.ConfigureAwait(false))
        {
            pages++;
            foreach (Secret secret in page.Values)
            {
                ids.Add(secret.Id);
            }
        }

        return (pages, ids);
    }

    public async Task<string> CreateAsync(string name) =>
        (await client.CreateSecretAsync(ownStore, name, "peer-benchmark-value", Scopes, "peer").ConfigureAwait(false)).Name;
}

/// <summary>Where a hand-written baseline reads (the shared list store) and writes (its own store).</summary>
internal sealed record Target(
    string BaseUrl,
    string Token,
    string Account,
    string ListAccount,
    string ListStore,
    string GetSecret,
    string OwnStore)
{
    public string Root => BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/";

    /// <summary>A pooled HTTP handler of its own, with no retries, gate, logging or limits on top.</summary>
    public static HttpClient NewHttpClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
}

/// <summary>
/// A hand-written baseline: the three calls of one of the two hand-written clients, which have the same methods but
/// their own DTO types. Listing pages until the last page (or an empty one), 100 per page.
/// </summary>
internal sealed class HandWrittenPeer(
    string name,
    Func<Task<Secret>> get,
    Func<int, Task<(List<Secret> Items, int? TotalPages)>> listPage,
    Func<string, Task<Secret>> create) : IPeerClient
{
    private const string Value = "peer-benchmark-value";
    private static readonly string[] Scopes = [SecretScopes.Workers];

    public string Name => name;

    public static HandWrittenPeer Stj(Target target)
    {
        HttpClient http = Target.NewHttpClient();
        var lists = new HandWrittenClient(http, target.Root, target.Token, target.ListAccount);
        var own = new HandWrittenClient(http, target.Root, target.Token, target.Account);
        return new HandWrittenPeer(
            PeerCommand.StjBaselineName,
            () => lists.GetSecretAsync(target.ListStore, target.GetSecret),
            async page =>
            {
                (List<Secret> items, HandWrittenClient.ResultInfo? info) =
                    await lists.ListSecretsPageAsync(target.ListStore, page, 100).ConfigureAwait(false);
                return (items, info?.TotalPages);
            },
            secretName => own.CreateSecretAsync(target.OwnStore, secretName, Value, Scopes, "peer"));
    }

    public static HandWrittenPeer Newtonsoft(Target target)
    {
        HttpClient http = Target.NewHttpClient();
        var lists = new HandWrittenNewtonsoftClient(http, target.Root, target.Token, target.ListAccount);
        var own = new HandWrittenNewtonsoftClient(http, target.Root, target.Token, target.Account);
        return new HandWrittenPeer(
            PeerCommand.NewtonsoftBaselineName,
            () => lists.GetSecretAsync(target.ListStore, target.GetSecret),
            async page =>
            {
                (List<Secret> items, HandWrittenNewtonsoftClient.ResultInfo? info) =
                    await lists.ListSecretsPageAsync(target.ListStore, page, 100).ConfigureAwait(false);
                return (items, info?.TotalPages);
            },
            secretName => own.CreateSecretAsync(target.OwnStore, secretName, Value, Scopes, "peer"));
    }

    public async Task<string> GetAsync() => (await get().ConfigureAwait(false)).Id;

    public async Task<(int Pages, HashSet<string> Ids)> ListAllAsync()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int page = 1; ; page++)
        {
            (List<Secret> items, int? totalPages) = await listPage(page).ConfigureAwait(false);
            foreach (Secret secret in items)
            {
                ids.Add(secret.Id);
            }

            if (items.Count == 0 || (totalPages is { } total ? page >= total : items.Count < 100))
            {
                return (page, ids);
            }
        }
    }

    public async Task<string> CreateAsync(string name) => (await create(name).ConfigureAwait(false)).Name;
}
