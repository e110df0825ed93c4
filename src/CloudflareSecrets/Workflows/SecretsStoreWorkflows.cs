using CloudflareSecrets.Internal;

namespace CloudflareSecrets;

/// <summary>
/// The jobs people do with a Secrets Store, composed of <see cref="ISecretsStoreClient"/>'s operations: find or set a
/// secret by name, get the account's store, and make a store hold exactly a set of secrets. Every request goes through the
/// client (its retries, rate-limit gate and error mapping), so these work with any implementation of the interface.
/// Values are write-only: they are sent, never read back, and never appear in a result, a message or a
/// <see cref="object.ToString"/>.
/// </summary>
public static class SecretsStoreWorkflows
{
    /// <summary>The name <see cref="GetOrCreateStoreAsync"/> gives a store it creates when no name is asked for.</summary>
    public const string DefaultStoreName = "default_secrets_store";

    /// <summary>How often a race (a name taken or freed between two requests) is met again before the call gives up.</summary>
    private const int MaxRaceRounds = 3;

    /// <summary>
    /// Finds a secret by its exact name: a <see cref="ISecretsStoreClient.ListSecretsAsync"/> search for the name, then
    /// an exact, case-sensitive match, stopping at the first page that holds it.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="storeId">The store id.</param>
    /// <param name="name">The secret name.</param>
    /// <param name="accountId">The account, or <see langword="null"/> for the client's default account.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The secret, or <see langword="null"/> when none has that name.</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; nothing was sent.</exception>
    /// <exception cref="CloudflareApiException">Cloudflare answered with a failure.</exception>
    public static async Task<Secret?> FindSecretByNameAsync(
        this ISecretsStoreClient client,
        string storeId,
        string name,
        string? accountId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        Guard.Name(name, nameof(name));
        Guard.Id(storeId, nameof(storeId));
        AsyncPageable<Secret> matches =
            client.ListSecretsAsync(storeId, new ListSecretsOptions { Search = name }, accountId, cancellationToken);
        await foreach (Secret secret in matches.ConfigureAwait(false))
        {
            if (string.Equals(secret.Name, name, StringComparison.Ordinal))
            {
                return secret;
            }
        }

        return null;
    }

    /// <summary>
    /// Sets a secret by name: updates the secret of that name, or creates it when there is none. Two requests: a
    /// search for the name (more only when over 100 names contain it), then one PATCH or one create. Race-safe: a
    /// create that meets a secret created meanwhile finds and updates it; an update whose secret was deleted meanwhile
    /// creates it.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="storeId">The store id.</param>
    /// <param name="name">The secret name: not empty, no white space.</param>
    /// <param name="value">The value: at most 65,536 bytes in UTF-8.</param>
    /// <param name="options">Scopes and comment; on create, the scopes default to <see cref="SecretScopes.Workers"/>.</param>
    /// <param name="accountId">The account, or <see langword="null"/> for the client's default account.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The secret's metadata and whether it was created or updated.</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; nothing was sent.</exception>
    /// <exception cref="CloudflareApiException">
    /// Cloudflare answered with a failure that is not a race (or the race went on for three rounds).
    /// </exception>
    public static async Task<SetSecretResult> SetSecretAsync(
        this ISecretsStoreClient client,
        string storeId,
        string name,
        string value,
        SetSecretOptions? options = null,
        string? accountId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        Guard.Id(storeId, nameof(storeId));
        Guard.Name(name, nameof(name));
        Guard.Value(value, nameof(value));
        List<string> createScopes = options?.Scopes is { } scopes ? Guard.Scopes(scopes, "options.Scopes") : [SecretScopes.Workers];
        var update = new SecretUpdate { Value = value, Scopes = options?.Scopes, Comment = options?.Comment };

        Secret? existing = await client.FindSecretByNameAsync(storeId, name, accountId, cancellationToken).ConfigureAwait(false);
        for (int round = 1; ; round++)
        {
            if (existing is null)
            {
                try
                {
                    Secret created = await client.CreateSecretAsync(
                        storeId, name, value, createScopes, options?.Comment, accountId, cancellationToken).ConfigureAwait(false);
                    return new SetSecretResult(created, SecretWriteAction.Created);
                }
                catch (CloudflareApiException e) when (round < MaxRaceRounds && WorkflowErrors.IsNameTaken(e))
                {
                    existing = await client.FindSecretByNameAsync(storeId, name, accountId, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                try
                {
                    Secret updated = await client.UpdateSecretAsync(
                        storeId, existing.Id, update, accountId, cancellationToken).ConfigureAwait(false);
                    return new SetSecretResult(updated, SecretWriteAction.Updated);
                }
                catch (CloudflareApiException e) when (round < MaxRaceRounds && WorkflowErrors.IsSecretGone(e))
                {
                    existing = null;
                }
            }
        }
    }

    /// <summary>
    /// Returns the account's store named <paramref name="name"/> or, with no name, the account's only store; creates it
    /// when the account has none. Cloudflare allows <b>one store per account</b>: asking for a name other than the
    /// existing store's fails with Cloudflare's <c>maximum_stores_exceeded</c> error. A store created meanwhile by
    /// another caller (the create then fails with that error or a conflict) is found by reading again.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="name">
    /// The store name, or <see langword="null"/> for the account's only store (created as
    /// <see cref="DefaultStoreName"/>).
    /// </param>
    /// <param name="accountId">The account, or <see langword="null"/> for the client's default account.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The store.</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">
    /// <paramref name="name"/> is <see langword="null"/> and the account has several stores.
    /// </exception>
    /// <exception cref="CloudflareApiException">
    /// Cloudflare answered with a failure (for example the store limit, when the account's store has another name).
    /// </exception>
    public static async Task<SecretStore> GetOrCreateStoreAsync(
        this ISecretsStoreClient client, string? name = null, string? accountId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (name is not null)
        {
            Guard.StoreName(name, nameof(name));
        }

        if (await FindStoreAsync(client, name, accountId, cancellationToken).ConfigureAwait(false) is { } found)
        {
            return found;
        }

        try
        {
            return await client.CreateStoreAsync(name ?? DefaultStoreName, accountId, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudflareApiException e) when (WorkflowErrors.IsStoreLimitOrTaken(e))
        {
            if (await FindStoreAsync(client, name, accountId, cancellationToken).ConfigureAwait(false) is { } raced)
            {
                return raced;
            }

            throw;
        }
    }

    /// <summary>
    /// Makes the store hold the <paramref name="desired"/> secrets: creates the missing names (through
    /// <see cref="ISecretsStoreClient.CreateSecretsAsync"/>, which batches them), updates
    /// every existing one (values cannot be compared, so one PATCH each, <see cref="SyncOptions.MaxParallelUpdates"/> at
    /// a time), and with <see cref="SyncOptions.Prune"/> deletes every other secret in one request. It lists the store
    /// once; before the first write, it reads the quota (when there is something to create) and refuses a sync that would
    /// exceed it. With <see cref="SyncOptions.DryRun"/> it only reads and returns the plan. Races are handled as in
    /// <see cref="SetSecretAsync"/>.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="storeId">The store id.</param>
    /// <param name="desired">
    /// NAME → value pairs: names unique, not empty, no white space; values not null or empty, at most 65,536 bytes in
    /// UTF-8. An empty set with <see cref="SyncOptions.Prune"/> empties the store.
    /// </param>
    /// <param name="options">Scopes and comment of new secrets, prune, dry run, parallelism and progress.</param>
    /// <param name="accountId">The account, or <see langword="null"/> for the client's default account.</param>
    /// <param name="cancellationToken">
    /// Cancels the requests; once a write was sent, cancelling ends in <see cref="SecretsSyncException"/>.
    /// </param>
    /// <returns>What was done (or, in a dry run, would be done), and the requests sent.</returns>
    /// <exception cref="ArgumentException">An argument or entry breaks a rule; nothing was sent.</exception>
    /// <exception cref="SecretsSyncException">
    /// The quota check refused the sync (nothing was written), or a write failed part-way: the exception says what was
    /// done and what was not.
    /// </exception>
    /// <exception cref="CloudflareApiException">The listing or the quota read failed; nothing was written.</exception>
    public static Task<SyncResult> SyncSecretsAsync(
        this ISecretsStoreClient client,
        string storeId,
        IEnumerable<KeyValuePair<string, string>> desired,
        SyncOptions? options = null,
        string? accountId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        Guard.Id(storeId, nameof(storeId));
        options ??= new SyncOptions();
        IReadOnlyList<KeyValuePair<string, string>> entries = SyncInput.Validate(desired, nameof(desired));
        List<string> scopes = SyncInput.Validate(options);
        return new SyncRunner(client, storeId, accountId, options, scopes, cancellationToken).RunAsync(entries);
    }

    private static async Task<SecretStore?> FindStoreAsync(
        ISecretsStoreClient client, string? name, string? accountId, CancellationToken cancellationToken)
    {
        var stores = new List<SecretStore>();
        await foreach (SecretStore store in client.ListStoresAsync(null, accountId, cancellationToken).ConfigureAwait(false))
        {
            if (name is not null && string.Equals(store.Name, name, StringComparison.Ordinal))
            {
                return store;
            }

            stores.Add(store);
        }

        return name is not null || stores.Count == 0
            ? null
            : stores.Count == 1
                ? stores[0]
                : throw new InvalidOperationException(
                    $"The account has {stores.Count} stores ({string.Join(", ", stores.Select(s => s.Name))}): "
                    + "pass the name of the one to use.");
    }
}
