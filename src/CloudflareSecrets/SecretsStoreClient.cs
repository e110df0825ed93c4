using System.Diagnostics.CodeAnalysis;
using System.Net;
using CloudflareSecrets.Generated;
using CloudflareSecrets.Internal;
using Microsoft.Extensions.Logging;

namespace CloudflareSecrets;

/// <summary>
/// The Secrets Store client. Create it with <c>services.AddCloudflareSecretsStore(...)</c> and inject
/// <see cref="ISecretsStoreClient"/>, or construct it from <see cref="SecretsStoreClientOptions"/>. It is thread-safe;
/// keep one per set of credentials. Every member is virtual, and a protected constructor exists, for mocking.
/// </summary>
/// <remarks>
/// Each method checks its arguments, maps them to the wire, makes one call into the client's internal request
/// pipeline (rate limits, retries, timeouts, response reading, errors, logs and telemetry) and maps the answer back.
/// </remarks>
public class SecretsStoreClient : ISecretsStoreClient
{
    private readonly BoundPipeline _pipeline;
    private readonly string? _defaultAccountId;
    private readonly int _createBatchSize;

    /// <summary>For mocking only: members of an instance made this way must be overridden before use.</summary>
    [ExcludeFromCodeCoverage]
    protected SecretsStoreClient()
    {
        _pipeline = null!;
    }

    /// <summary>Creates a client without dependency injection.</summary>
    /// <param name="options">The settings; they are validated now and copied (later changes have no effect).</param>
    /// <param name="httpClient">
    /// The <see cref="HttpClient"/> to send through, or <see langword="null"/> for a shared connection pool that does not follow
    /// redirects and never sends to a loopback host through a proxy. Yours is refused when its handler chain (delegating
    /// handlers down to an <see cref="HttpClientHandler"/> or <see cref="SocketsHttpHandler"/>) follows redirects
    /// (<c>AllowAutoRedirect</c>: credentials and values must not follow one), or would send a plain-http
    /// <see cref="SecretsStoreClientOptions.BaseUrl"/> through a proxy; a handler of another kind cannot be inspected and must be
    /// configured so by you. Its <see cref="HttpClient.BaseAddress"/>
    /// is not used: <see cref="SecretsStoreClientOptions.BaseUrl"/> is. Retries and timeouts are the client's own; do not add a
    /// retry handler to it as well.
    /// </param>
    /// <param name="loggerFactory">
    /// Where the client logs (one event per attempt; never bodies, values or credentials), or <see langword="null"/>.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The options are invalid (the message lists every problem), or <paramref name="httpClient"/> follows redirects or
    /// would send plain http through a proxy.
    /// </exception>
    public SecretsStoreClient(SecretsStoreClientOptions options, HttpClient? httpClient = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var setup = ClientSetup.From(options, loggerFactory);
        _pipeline = setup.Pipeline.Bind(httpClient is null ? HttpTransport.CreateDefaultClient() : Checked(httpClient, setup.Pipeline));
        _defaultAccountId = setup.DefaultAccountId;
        _createBatchSize = setup.CreateBatchSize;
    }

    /// <summary>A client over parts built once per options name (dependency injection).</summary>
    internal SecretsStoreClient(HttpClient httpClient, ClientSetup setup)
    {
        _pipeline = setup.Pipeline.Bind(Checked(httpClient, setup.Pipeline));
        _defaultAccountId = setup.DefaultAccountId;
        _createBatchSize = setup.CreateBatchSize;
    }

    /// <summary>
    /// A caller's <see cref="HttpClient"/>, refused when its handler chain shows it would follow a redirect or send
    /// plain http through a proxy.
    /// </summary>
    private static HttpClient Checked(HttpClient httpClient, SecretsStorePipeline pipeline) =>
        HttpTransport.Problem(httpClient, pipeline.BaseUri) is { } problem
            ? throw new ArgumentException(problem, nameof(httpClient))
            : httpClient;

    /// <summary>The request pipeline this client sends through.</summary>
    internal SecretsStorePipeline Pipeline => _pipeline.Shared;

    /// <summary>How many secrets one create request carries (<see cref="SecretsStoreClientOptions.CreateBatchSize"/>).</summary>
    internal int CreateBatchSize => _createBatchSize;

    /// <inheritdoc />
    public virtual AsyncPageable<SecretStore> ListStoresAsync(
        ListStoresOptions? options = null, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        options ??= new ListStoresOptions();
        int pageSize = Guard.PageSize(options.PageSize, "options.PageSize");
        Direction? direction = Mapper.ToWire(options.Direction);
        Order? order = Mapper.ToWire(options.Order);

        async Task<Page<SecretStore>> FetchAsync(int page, CancellationToken token)
        {
            CallResult<SecretsStore_stores_response_collection> reply = await _pipeline.SendAsync(
                OperationInfo.ListStores,
                (raw, t) => raw.SecretsStoreListAsync(account, direction, page, pageSize, order, t),
                token).ConfigureAwait(false);
            SecretStore[] items = Mapper.ToStores(reply.Envelope.Result, reply.Malformed);
            return new Page<SecretStore>(items, Mapper.ToPageInfo(reply.Envelope.Result_info));
        }

        return new AsyncPageable<SecretStore>(FetchAsync, s => s.Id, pageSize, cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task<SecretStore> CreateStoreAsync(
        string name, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        var body = new SecretsStore_createStoreObject { Name = Guard.StoreName(name, nameof(name)) };
        CallResult<SecretsStore_store_response> reply = await _pipeline.SendAsync(
            OperationInfo.CreateStore,
            (raw, t) => raw.SecretsStoreCreateAsync(account, body, t),
            cancellationToken).ConfigureAwait(false);
        return Mapper.ToStore(reply.Envelope.Result, reply.Malformed);
    }

    /// <inheritdoc />
    public virtual async Task<SecretStore> GetStoreAsync(
        string storeId, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        string store = Guard.Id(storeId, nameof(storeId));
        CallResult<SecretsStore_store_response> reply = await _pipeline.SendAsync(
            OperationInfo.GetStore,
            (raw, t) => raw.SecretsStoreGetStoreByIdAsync(account, store, t),
            cancellationToken).ConfigureAwait(false);
        return Mapper.ToStore(reply.Envelope.Result, reply.Malformed);
    }

    /// <inheritdoc />
    public virtual async Task DeleteStoreAsync(
        string storeId, bool force = false, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        string store = Guard.Id(storeId, nameof(storeId));
        // force=false is Cloudflare's default: it is sent only when true, so the URL says what is asked.
        bool? forceParameter = force ? true : null;
        await _pipeline.SendAsync(
            OperationInfo.DeleteStore,
            (raw, t) => raw.SecretsStoreDeleteByIdAsync(account, store, forceParameter, t),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual AsyncPageable<Secret> ListSecretsAsync(
        string storeId, ListSecretsOptions? options = null, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        string store = Guard.Id(storeId, nameof(storeId));
        options ??= new ListSecretsOptions();
        int pageSize = Guard.PageSize(options.PageSize, "options.PageSize");
        // An empty list filters nothing, as none does: the generated client sends one scopes parameter per item.
        List<string>? scopes = options.Scopes is null ? null : Guard.Scopes(options.Scopes, "options.Scopes", allowEmpty: true);

        string? search = string.IsNullOrEmpty(options.Search) ? null : options.Search;
        Direction? direction = Mapper.ToWire(options.Direction);
        Order2? order = Mapper.ToWire(options.Order);

        async Task<Page<Secret>> FetchAsync(int page, CancellationToken token)
        {
            CallResult<SecretsStore_secrets_response_collection> reply = await _pipeline.SendAsync(
                OperationInfo.ListSecrets,
                (raw, t) => raw.SecretsStoreSecretsListAsync(account, store, direction, page, pageSize, search, order, scopes, t),
                token).ConfigureAwait(false);
            Secret[] items = Mapper.ToSecrets(reply.Envelope.Result, store, reply.Malformed);
            return new Page<Secret>(items, Mapper.ToPageInfo(reply.Envelope.Result_info));
        }

        return new AsyncPageable<Secret>(FetchAsync, s => s.Id, pageSize, cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task<Secret> GetSecretAsync(
        string storeId, string secretId, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        string store = Guard.Id(storeId, nameof(storeId));
        string secret = Guard.Id(secretId, nameof(secretId));
        CallResult<SecretsStore_secret_response> reply = await _pipeline.SendAsync(
            OperationInfo.GetSecret,
            (raw, t) => raw.SecretsStoreGetByIdAsync(account, store, secret, t),
            cancellationToken).ConfigureAwait(false);
        return Mapper.ToSecret(reply.Envelope.Result, store, reply.Malformed);
    }

    /// <inheritdoc />
    public virtual async Task<Secret> CreateSecretAsync(
        string storeId,
        string name,
        string value,
        IEnumerable<string> scopes,
        string? comment = null,
        string? accountId = null,
        CancellationToken cancellationToken = default)
    {
        Guard.Name(name, nameof(name));
        Guard.Value(value, nameof(value));
        List<string> scopeList = Guard.Scopes(scopes, nameof(scopes));
        string account = Account(accountId);
        string store = Guard.Id(storeId, nameof(storeId));

        // Validated above: one request straight to the pipeline, not through the virtual CreateSecretsAsync (overriding one
        // member of a subclass must not change another) nor through the list validation and batching again.
        List<SecretsStore_createSecretObject> wire = [Mapper.ToWire(name, value, scopeList, comment)];
        CallResult<SecretsStore_secrets_response_collection> reply = await _pipeline.SendAsync(
            OperationInfo.CreateSecrets,
            [value],
            (raw, t) => raw.SecretsStoreSecretCreateAsync(account, store, wire, t),
            cancellationToken).ConfigureAwait(false);
        IReadOnlyList<Secret> created = CreateBatch.InRequestOrder(wire, Mapper.ToSecrets(reply.Envelope.Result, store, reply.Malformed));
        return created.Count == 1
            ? created[0]
            : throw reply.Malformed.Because($"the response listed {created.Count} secrets for one created");
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<Secret>> CreateSecretsAsync(
        string storeId, IEnumerable<NewSecret> secrets, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        string store = Guard.Id(storeId, nameof(storeId));
        ArgumentNullException.ThrowIfNull(secrets);
        List<SecretsStore_createSecretObject> wire = CreateBatch.Validate(secrets, nameof(secrets));
        return await SendCreateAsync(account, store, wire, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates validated secrets, <see cref="SecretsStoreClientOptions.CreateBatchSize"/> per request, results in the
    /// order given.
    /// </summary>
    private async Task<IReadOnlyList<Secret>> SendCreateAsync(
        string account, string store, List<SecretsStore_createSecretObject> wire, CancellationToken cancellationToken)
    {
        var created = new List<Secret>(wire.Count);

        // Every value of the call is masked in every batch's errors and logs: a server may echo an earlier batch's value.
        string[] sensitive = new string[wire.Count];
        for (int i = 0; i < sensitive.Length; i++)
        {
            sensitive[i] = wire[i].Value;
        }

        for (int start = 0; start < wire.Count; start += _createBatchSize)
        {
            // One batch (the loop runs once) sends the list itself rather than a copy of it.
            List<SecretsStore_createSecretObject> batch = wire.Count <= _createBatchSize
                ? wire
                : wire.GetRange(start, Math.Min(_createBatchSize, wire.Count - start));

            try
            {
                CallResult<SecretsStore_secrets_response_collection> reply = await _pipeline.SendAsync(
                    OperationInfo.CreateSecrets,
                    sensitive,
                    (raw, t) => raw.SecretsStoreSecretCreateAsync(account, store, batch, t),
                    cancellationToken).ConfigureAwait(false);
                Secret[] results = Mapper.ToSecrets(reply.Envelope.Result, store, reply.Malformed);
                created.AddRange(CreateBatch.InRequestOrder(batch, results));
            }
            catch (Exception e) when (start > 0 && e is not OperationCanceledException)
            {
                // Earlier batches exist: the caller must learn which, and what was never sent, to finish or roll back.
                throw new SecretsPartiallyCreatedException(
                    created,
                    [.. batch.Select(s => s.Name)],
                    [.. wire.Skip(start + batch.Count).Select(s => s.Name)],
                    RetryPolicy.IsAmbiguous(e, cancellationToken)
                        || e is CloudflareApiException { StatusCode: >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices },
                    e);
            }
        }

        return created;
    }

    /// <inheritdoc />
    public virtual async Task<Secret> UpdateSecretAsync(
        string storeId, string secretId, SecretUpdate update, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        string store = Guard.Id(storeId, nameof(storeId));
        string secret = Guard.Id(secretId, nameof(secretId));
        ArgumentNullException.ThrowIfNull(update);
        if (update.Value is null && update.Scopes is null && update.Comment is null)
        {
            throw new ArgumentException("The update changes nothing: set Value, Scopes or Comment.", nameof(update));
        }

        var body = new SecretsStore_patchSecretObject
        {
            Value = update.Value is null ? null : Guard.Value(update.Value, "update.Value"),
            Scopes = update.Scopes is null ? null : Mapper.ToWireScopes(Guard.Scopes(update.Scopes, "update.Scopes")),
            Comment = update.Comment,
        };
        string[]? sensitive = update.Value is null ? null : [update.Value];
        CallResult<SecretsStore_secret_response> reply = await _pipeline.SendAsync(
            OperationInfo.UpdateSecret,
            sensitive,
            (raw, t) => raw.SecretsStorePatchByIdAsync(account, store, secret, body, t),
            cancellationToken).ConfigureAwait(false);
        return Mapper.ToSecret(reply.Envelope.Result, store, reply.Malformed);
    }

    /// <inheritdoc />
    public virtual async Task<Secret> DuplicateSecretAsync(
        string storeId,
        string secretId,
        string newName,
        IEnumerable<string> scopes,
        string? comment = null,
        string? accountId = null,
        CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        string store = Guard.Id(storeId, nameof(storeId));
        string secret = Guard.Id(secretId, nameof(secretId));
        var body = new SecretsStore_duplicateSecretObject
        {
            Name = Guard.Name(newName, nameof(newName)),
            Scopes = Mapper.ToWireScopes(Guard.Scopes(scopes, nameof(scopes))),
            Comment = comment,
        };
        CallResult<SecretsStore_secret_response> reply = await _pipeline.SendAsync(
            OperationInfo.DuplicateSecret,
            (raw, t) => raw.SecretsStoreDuplicateByIdAsync(account, store, secret, body, t),
            cancellationToken).ConfigureAwait(false);
        return Mapper.ToSecret(reply.Envelope.Result, store, reply.Malformed);
    }

    /// <inheritdoc />
    public virtual async Task DeleteSecretAsync(
        string storeId, string secretId, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        string store = Guard.Id(storeId, nameof(storeId));
        string secret = Guard.Id(secretId, nameof(secretId));
        // A retry that finds the secret gone after an attempt that may have acted: that attempt deleted it.
        await _pipeline.DeleteAsync(
            OperationInfo.DeleteSecret,
            static gone => gone.IsSecretNotFound,
            (raw, t) => raw.SecretsStoreSecretDeleteByIdAsync(account, store, secret, t),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual async Task DeleteSecretsAsync(
        string storeId, IEnumerable<string> secretIds, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        string store = Guard.Id(storeId, nameof(storeId));
        var body = new SecretsStore_deleteSecretsRequest { Ids = Guard.Ids(secretIds, nameof(secretIds)) };
        // As for one secret, when the retry finds every one of them gone.
        await _pipeline.DeleteAsync(
            OperationInfo.DeleteSecrets,
            gone => BulkDelete.AllGone(gone, body.Ids.Count),
            (raw, t) => raw.SecretsStoreDeleteBulkAsync(account, store, body, t),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual async Task<SecretsQuota> GetQuotaAsync(string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        CallResult<SecretsStore_quota_response> reply = await _pipeline.SendAsync(
            OperationInfo.Quota,
            (raw, t) => raw.SecretsStoreQuotaAsync(account, t),
            cancellationToken).ConfigureAwait(false);
        return Mapper.ToQuota(reply.Envelope.Result, reply.Malformed);
    }

    private string Account(string? accountId) => Guard.AccountId(accountId, _defaultAccountId, nameof(accountId));
}
