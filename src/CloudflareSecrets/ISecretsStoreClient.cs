namespace CloudflareSecrets;

/// <summary>
/// Cloudflare's Secrets Store API: stores, secrets and quota of an account. Every method checks its arguments
/// before sending anything, and turns every API failure into a <see cref="CloudflareApiException"/> subclass.
/// <c>accountId</c>, when <see langword="null"/>, is <see cref="SecretsStoreClientOptions.AccountId"/>.
/// </summary>
public interface ISecretsStoreClient
{
    /// <summary>Lists the account's stores, fetching pages lazily.</summary>
    /// <param name="options">Order, direction and page size; <see langword="null"/> for the defaults.</param>
    /// <param name="accountId">The account, or <see langword="null"/> for the default account.</param>
    /// <param name="cancellationToken">Cancels every page request.</param>
    /// <returns>The stores.</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; nothing was sent.</exception>
    /// <exception cref="CloudflareApiException">Cloudflare answered with a failure (thrown while enumerating).</exception>
    AsyncPageable<SecretStore> ListStoresAsync(
        ListStoresOptions? options = null, string? accountId = null, CancellationToken cancellationToken = default);

    /// <summary>Creates a store.</summary>
    /// <param name="name">The store name: not empty.</param>
    /// <param name="accountId">The account, or <see langword="null"/> for the default account.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new store.</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; nothing was sent.</exception>
    /// <exception cref="CloudflareApiException">Cloudflare answered with a failure (e.g. the account's store limit).</exception>
    Task<SecretStore> CreateStoreAsync(string name, string? accountId = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a store.</summary>
    /// <param name="storeId">The store id.</param>
    /// <param name="accountId">The account, or <see langword="null"/> for the default account.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The store.</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; nothing was sent.</exception>
    /// <exception cref="CloudflareNotFoundException">There is no such store.</exception>
    /// <exception cref="CloudflareApiException">Cloudflare answered with another failure.</exception>
    Task<SecretStore> GetStoreAsync(string storeId, string? accountId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a store. A store that holds secrets is deleted only with <paramref name="force"/>, which deletes its
    /// secrets too.
    /// </summary>
    /// <param name="storeId">The store id.</param>
    /// <param name="force">Whether to delete the store's secrets as well (sent as <c>force=true</c>).</param>
    /// <param name="accountId">The account, or <see langword="null"/> for the default account.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when Cloudflare accepted the delete.</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; nothing was sent.</exception>
    /// <exception cref="CloudflareConflictException">
    /// The store holds secrets and <paramref name="force"/> is false
    /// (<c>e.Is(SecretsStoreKnownErrors.StoreNotEmpty)</c>, see <see cref="CloudflareApiException.Is"/>).
    /// </exception>
    /// <exception cref="CloudflareApiException">Cloudflare answered with another failure.</exception>
    Task DeleteStoreAsync(string storeId, bool force = false, string? accountId = null, CancellationToken cancellationToken = default);

    /// <summary>Lists a store's secrets (metadata only), fetching pages lazily.</summary>
    /// <param name="storeId">The store id.</param>
    /// <param name="options">Search, scopes filter, order, direction and page size; <see langword="null"/> for the defaults.</param>
    /// <param name="accountId">The account, or <see langword="null"/> for the default account.</param>
    /// <param name="cancellationToken">Cancels every page request.</param>
    /// <returns>The secrets.</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; nothing was sent.</exception>
    /// <exception cref="CloudflareApiException">Cloudflare answered with a failure (thrown while enumerating).</exception>
    AsyncPageable<Secret> ListSecretsAsync(
        string storeId, ListSecretsOptions? options = null, string? accountId = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a secret's metadata (never its value).</summary>
    /// <param name="storeId">The store id.</param>
    /// <param name="secretId">The secret id.</param>
    /// <param name="accountId">The account, or <see langword="null"/> for the default account.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The secret.</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; nothing was sent.</exception>
    /// <exception cref="CloudflareNotFoundException">There is no such store or secret.</exception>
    /// <exception cref="CloudflareApiException">Cloudflare answered with another failure.</exception>
    Task<Secret> GetSecretAsync(string storeId, string secretId, string? accountId = null, CancellationToken cancellationToken = default);

    /// <summary>Creates one secret.</summary>
    /// <param name="storeId">The store id.</param>
    /// <param name="name">The secret name: not empty, no white space.</param>
    /// <param name="value">The value: at most 65,536 bytes in UTF-8. It is sent once and never returned.</param>
    /// <param name="scopes">
    /// The services that may use it: at least one, e.g. <see cref="SecretScopes.Workers"/>. Names the client does not know
    /// are sent as given (Cloudflare adds services); Cloudflare answers one it does not accept with <c>secret_scope_invalid</c>.
    /// </param>
    /// <param name="comment">An optional comment.</param>
    /// <param name="accountId">The account, or <see langword="null"/> for the default account.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new secret's metadata.</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; nothing was sent.</exception>
    /// <exception cref="CloudflareConflictException">
    /// The name is taken (<c>e.Is(SecretsStoreKnownErrors.SecretNameAlreadyExists)</c>, see
    /// <see cref="CloudflareApiException.Is"/>).
    /// </exception>
    /// <exception cref="CloudflareApiException">Cloudflare answered with another failure (e.g. the quota is used up).</exception>
    Task<Secret> CreateSecretAsync(
        string storeId,
        string name,
        string value,
        IEnumerable<string> scopes,
        string? comment = null,
        string? accountId = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates many secrets, in batches of <see cref="SecretsStoreClientOptions.CreateBatchSize"/> per request. All are
    /// checked before the first request; if a batch after the first fails, the batches before it stay created and the
    /// call throws <see cref="SecretsPartiallyCreatedException"/>, which names what was created, what failed and what was
    /// never sent.
    /// </summary>
    /// <param name="storeId">The store id.</param>
    /// <param name="secrets">The secrets to create: at least one, names unique.</param>
    /// <param name="accountId">The account, or <see langword="null"/> for the default account.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The created secrets, in the order given.</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; nothing was sent.</exception>
    /// <exception cref="CloudflareConflictException">A name is taken.</exception>
    /// <exception cref="SecretsPartiallyCreatedException">A batch after the first failed; earlier batches were created.</exception>
    /// <exception cref="CloudflareApiException">Cloudflare answered with another failure.</exception>
    Task<IReadOnlyList<Secret>> CreateSecretsAsync(
        string storeId, IEnumerable<NewSecret> secrets, string? accountId = null, CancellationToken cancellationToken = default);

    /// <summary>Changes a secret's value, scopes or comment (only what <paramref name="update"/> sets).</summary>
    /// <param name="storeId">The store id.</param>
    /// <param name="secretId">The secret id.</param>
    /// <param name="update">What to change: at least one property.</param>
    /// <param name="accountId">The account, or <see langword="null"/> for the default account.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The updated secret's metadata.</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; nothing was sent.</exception>
    /// <exception cref="CloudflareNotFoundException">There is no such store or secret.</exception>
    /// <exception cref="CloudflareApiException">Cloudflare answered with another failure.</exception>
    Task<Secret> UpdateSecretAsync(
        string storeId, string secretId, SecretUpdate update, string? accountId = null, CancellationToken cancellationToken = default);

    /// <summary>Copies a secret (its value included) under a new name, with the given scopes.</summary>
    /// <param name="storeId">The store id.</param>
    /// <param name="secretId">The id of the secret to copy.</param>
    /// <param name="newName">The copy's name: not empty, no white space.</param>
    /// <param name="scopes">
    /// The copy's scopes: at least one; names the client does not know are sent as given (see
    /// <see cref="SecretScopes"/>).
    /// </param>
    /// <param name="comment">An optional comment for the copy.</param>
    /// <param name="accountId">The account, or <see langword="null"/> for the default account.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The copy's metadata.</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; nothing was sent.</exception>
    /// <exception cref="CloudflareConflictException">The new name is taken.</exception>
    /// <exception cref="CloudflareApiException">Cloudflare answered with another failure.</exception>
    Task<Secret> DuplicateSecretAsync(
        string storeId,
        string secretId,
        string newName,
        IEnumerable<string> scopes,
        string? comment = null,
        string? accountId = null,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes a secret. Deletes are asynchronous: Cloudflare accepts them (HTTP 202) and completes them shortly after.</summary>
    /// <remarks>
    /// A delete is retried after a timeout, a 5xx or a lost connection. When such an attempt may have acted and the retry
    /// then answers <c>secret_not_found</c>, the lost attempt did the delete: the call succeeds instead of reporting
    /// "not found" for a delete that happened.
    /// </remarks>
    /// <param name="storeId">The store id.</param>
    /// <param name="secretId">The secret id.</param>
    /// <param name="accountId">The account, or <see langword="null"/> for the default account.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when Cloudflare accepted the delete.</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; nothing was sent.</exception>
    /// <exception cref="CloudflareNotFoundException">There is no such store or secret.</exception>
    /// <exception cref="CloudflareApiException">Cloudflare answered with another failure.</exception>
    Task DeleteSecretAsync(string storeId, string secretId, string? accountId = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes several secrets in one request (sent as <c>{"ids": [...]}</c>).</summary>
    /// <remarks>
    /// Retried like <see cref="DeleteSecretAsync"/>: when an attempt that may have acted is followed by an answer that
    /// every id is <c>secret_not_found</c>, the call succeeds. An answer naming only some ids is true (a bulk delete is all
    /// or nothing, so the lost attempt deleted none) and is thrown as <see cref="CloudflareNotFoundException"/>.
    /// </remarks>
    /// <param name="storeId">The store id.</param>
    /// <param name="secretIds">The ids: at least one.</param>
    /// <param name="accountId">The account, or <see langword="null"/> for the default account.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when Cloudflare accepted the delete.</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; nothing was sent.</exception>
    /// <exception cref="CloudflareApiException">Cloudflare answered with a failure.</exception>
    Task DeleteSecretsAsync(
        string storeId, IEnumerable<string> secretIds, string? accountId = null, CancellationToken cancellationToken = default);

    /// <summary>Gets how many secrets the account may hold and holds now.</summary>
    /// <param name="accountId">The account, or <see langword="null"/> for the default account.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The quota and usage.</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; nothing was sent.</exception>
    /// <exception cref="CloudflareApiException">Cloudflare answered with a failure.</exception>
    Task<SecretsQuota> GetQuotaAsync(string? accountId = null, CancellationToken cancellationToken = default);
}
