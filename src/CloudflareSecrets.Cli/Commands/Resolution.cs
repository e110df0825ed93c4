using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Commands;

/// <summary>Turns what the user typed (an id or a name) into ids, with as few requests as possible.</summary>
internal static class Resolution
{
    /// <summary>Cloudflare's store and secret ids are 32 lowercase hex characters; anything else is a name.</summary>
    public static bool LooksLikeId(string text) => text.Length == 32 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>
    /// The store's id: an id as given (no request), a name looked up in the store list, or, without <paramref name="store"/>,
    /// the account's only store. With <paramref name="createIfNone"/>, an account without stores gets the default one.
    /// </summary>
    public static async Task<string> StoreIdAsync(
        CliSession session, string? store, CancellationToken cancellationToken, bool createIfNone = false)
    {
        if (store is not null && LooksLikeId(store))
        {
            return store;
        }

        var stores = new List<SecretStore>();
        await foreach (SecretStore s in session.Client.ListStoresAsync(cancellationToken: cancellationToken))
        {
            stores.Add(s);
        }

        if (store is not null)
        {
            return stores.FirstOrDefault(s => string.Equals(s.Name, store, StringComparison.Ordinal))?.Id
                ?? throw CliException.NotFound($"No store named '{store}' in account {session.Settings.AccountId}.");
        }

        return stores.Count switch
        {
            1 => stores[0].Id,
            0 when createIfNone => (await session.Client.GetOrCreateStoreAsync(cancellationToken: cancellationToken)).Id,
            0 => throw CliException.NotFound(
                $"Account {session.Settings.AccountId} has no store: create one with 'cfsecrets store create NAME'."),
            _ => throw new CliException(
                $"Account {session.Settings.AccountId} has {stores.Count} stores: choose one with --store ID|NAME."),
        };
    }

    /// <summary>A secret by id (fetched) or by exact name; a 404 on an id-like text falls back to the name.</summary>
    public static async Task<Secret> SecretAsync(CliSession session, string storeId, string idOrName, CancellationToken cancellationToken)
    {
        if (LooksLikeId(idOrName))
        {
            try
            {
                return await session.Client.GetSecretAsync(storeId, idOrName, cancellationToken: cancellationToken);
            }
            catch (CloudflareNotFoundException)
            {
                // A 32-hex name is legal; try it as a name before giving up.
            }
        }

        return await session.Client.FindSecretByNameAsync(storeId, idOrName, cancellationToken: cancellationToken)
            ?? throw CliException.NotFound($"No secret '{idOrName}' in store {storeId}.");
    }

    /// <summary>A secret's id: an id as given (no request), a name looked up.</summary>
    public static async Task<string> SecretIdAsync(
        CliSession session, string storeId, string idOrName, CancellationToken cancellationToken) =>
        LooksLikeId(idOrName) ? idOrName : (await SecretAsync(session, storeId, idOrName, cancellationToken)).Id;
}
