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
    private readonly HttpClient _http;
    private readonly SecretsStorePipeline _pipeline;

    /// <summary>For mocking only: members of an instance made this way must be overridden before use.</summary>
    [ExcludeFromCodeCoverage]
    protected SecretsStoreClient()
    {
        _http = null!;
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
    /// <param name="loggerFactory">Where the client logs (one event per attempt; never bodies, values or credentials), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem), or <paramref name="httpClient"/> follows redirects or would send plain http through a proxy.</exception>
    public SecretsStoreClient(SecretsStoreClientOptions options, HttpClient? httpClient = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pipeline = SecretsStorePipeline.Create(options, loggerFactory);
        _http = httpClient is null ? HttpTransport.CreateDefaultClient() : Checked(httpClient, _pipeline);
    }

    /// <summary>A client over a pipeline built once per options name (dependency injection).</summary>
    internal SecretsStoreClient(HttpClient httpClient, SecretsStorePipeline pipeline)
    {
        _http = Checked(httpClient, pipeline);
        _pipeline = pipeline;
    }

    /// <summary>A caller's <see cref="HttpClient"/>, refused when its handler chain shows it would follow a redirect or send plain http through a proxy.</summary>
    private static HttpClient Checked(HttpClient httpClient, SecretsStorePipeline pipeline) =>
        HttpTransport.Problem(httpClient, pipeline.BaseUri) is { } problem ? throw new ArgumentException(problem, nameof(httpClient)) : httpClient;

    /// <summary>The request pipeline this client sends through.</summary>
    internal SecretsStorePipeline Pipeline => _pipeline;

    /// <inheritdoc />
    public virtual AsyncPageable<SecretStore> ListStoresAsync(ListStoresOptions? options = null, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        options ??= new ListStoresOptions();
        int pageSize = Guard.PageSize(options.PageSize, "options.PageSize");
        Direction? direction = Mapper.ToWire(options.Direction);
        Order? order = Mapper.ToWire(options.Order);

        async Task<Page<SecretStore>> FetchAsync(int page, CancellationToken token)
        {
            (SecretsStore_stores_response_collection envelope, RequestContext context) = await _pipeline.SendAsync(
                _http, OperationInfo.ListStores, (raw, t) => raw.SecretsStoreListAsync(account, direction, page, pageSize, order, t), null, token).ConfigureAwait(false);
            SecretStore[] items = Mapper.ToStores(envelope.Result, new MalformedResponse(context));
            return new Page<SecretStore>(items, Mapper.ToPageInfo(envelope.Result_info));
        }

        return new AsyncPageable<SecretStore>(FetchAsync, s => s.Id, pageSize, cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task<SecretStore> CreateStoreAsync(string name, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        var body = new SecretsStore_createStoreObject { Name = Guard.StoreName(name, nameof(name)) };
        (SecretsStore_store_response envelope, RequestContext context) = await _pipeline.SendAsync(
            _http, OperationInfo.CreateStore, (raw, t) => raw.SecretsStoreCreateAsync(account, body, t), null, cancellationToken).ConfigureAwait(false);
        return Mapper.ToStore(envelope.Result, new MalformedResponse(context));
    }

    /// <inheritdoc />
    public virtual async Task<SecretStore> GetStoreAsync(string storeId, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        string store = Guard.Id(storeId, nameof(storeId));
        (SecretsStore_store_response envelope, RequestContext context) = await _pipeline.SendAsync(
            _http, OperationInfo.GetStore, (raw, t) => raw.SecretsStoreGetStoreByIdAsync(account, store, t), null, cancellationToken).ConfigureAwait(false);
        return Mapper.ToStore(envelope.Result, new MalformedResponse(context));
    }

    /// <inheritdoc />
    public virtual async Task DeleteStoreAsync(string storeId, bool force = false, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        string store = Guard.Id(storeId, nameof(storeId));
        // force=false is Cloudflare's default: it is sent only when true, so the URL says what is asked.
        bool? forceParameter = force ? true : null;
        await _pipeline.SendAsync(
            _http, OperationInfo.DeleteStore, (raw, t) => raw.SecretsStoreDeleteByIdAsync(account, store, forceParameter, t), null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual AsyncPageable<Secret> ListSecretsAsync(string storeId, ListSecretsOptions? options = null, string? accountId = null, CancellationToken cancellationToken = default)
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
            (SecretsStore_secrets_response_collection envelope, RequestContext context) = await _pipeline.SendAsync(
                _http, OperationInfo.ListSecrets, (raw, t) => raw.SecretsStoreSecretsListAsync(account, store, direction, page, pageSize, search, order, scopes, t), null, token).ConfigureAwait(false);
            Secret[] items = Mapper.ToSecrets(envelope.Result, store, new MalformedResponse(context));
            return new Page<Secret>(items, Mapper.ToPageInfo(envelope.Result_info));
        }

        return new AsyncPageable<Secret>(FetchAsync, s => s.Id, pageSize, cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task<Secret> GetSecretAsync(string storeId, string secretId, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        string store = Guard.Id(storeId, nameof(storeId));
        string secret = Guard.Id(secretId, nameof(secretId));
        (SecretsStore_secret_response envelope, RequestContext context) = await _pipeline.SendAsync(
            _http, OperationInfo.GetSecret, (raw, t) => raw.SecretsStoreGetByIdAsync(account, store, secret, t), null, cancellationToken).ConfigureAwait(false);
        return Mapper.ToSecret(envelope.Result, store, new MalformedResponse(context));
    }

    /// <inheritdoc />
    public virtual async Task<Secret> CreateSecretAsync(string storeId, string name, string value, IEnumerable<string> scopes, string? comment = null, string? accountId = null, CancellationToken cancellationToken = default)
    {
        Guard.Name(name, nameof(name));
        Guard.Value(value, nameof(value));
        List<string> scopeList = Guard.Scopes(scopes, nameof(scopes));
        string account = Account(accountId);
        string store = Guard.Id(storeId, nameof(storeId));

        // Validated above: one request straight to the pipeline, not through the virtual CreateSecretsAsync (overriding one
        // member of a subclass must not change another) nor through the list validation and batching again.
        List<SecretsStore_createSecretObject> wire = [Mapper.ToWire(name, value, scopeList, comment)];
        (SecretsStore_secrets_response_collection envelope, RequestContext context) = await _pipeline.SendAsync(
            _http, OperationInfo.CreateSecrets, (raw, t) => raw.SecretsStoreSecretCreateAsync(account, store, wire, t), [value], cancellationToken).ConfigureAwait(false);
        IReadOnlyList<Secret> created = CreateBatch.InRequestOrder(wire, Mapper.ToSecrets(envelope.Result, store, new MalformedResponse(context)));
        return created.Count == 1
            ? created[0]
            : throw ErrorMapper.Create(OperationInfo.CreateSecrets.Name, HttpStatusCode.OK, [], [], null, null, $"the response listed {created.Count} secrets for one created");
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<Secret>> CreateSecretsAsync(string storeId, IEnumerable<NewSecret> secrets, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        string store = Guard.Id(storeId, nameof(storeId));
        ArgumentNullException.ThrowIfNull(secrets);
        List<SecretsStore_createSecretObject> wire = CreateBatch.Validate(secrets, nameof(secrets));
        return await SendCreateAsync(account, store, wire, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates validated secrets, <see cref="SecretsStoreClientOptions.CreateBatchSize"/> per request, results in the order given.</summary>
    private async Task<IReadOnlyList<Secret>> SendCreateAsync(string account, string store, List<SecretsStore_createSecretObject> wire, CancellationToken cancellationToken)
    {
        var created = new List<Secret>(wire.Count);
        for (int start = 0; start < wire.Count; start += _pipeline.CreateBatchSize)
        {
            // One batch (the loop runs once) sends the list itself rather than a copy of it.
            List<SecretsStore_createSecretObject> batch = wire.Count <= _pipeline.CreateBatchSize ? wire : wire.GetRange(start, Math.Min(_pipeline.CreateBatchSize, wire.Count - start));
            string[] sensitive = new string[batch.Count];
            for (int i = 0; i < sensitive.Length; i++)
            {
                sensitive[i] = batch[i].Value;
            }

            try
            {
                (SecretsStore_secrets_response_collection envelope, RequestContext context) = await _pipeline.SendAsync(
                    _http, OperationInfo.CreateSecrets, (raw, t) => raw.SecretsStoreSecretCreateAsync(account, store, batch, t), sensitive, cancellationToken).ConfigureAwait(false);
                Secret[] results = Mapper.ToSecrets(envelope.Result, store, new MalformedResponse(context));
                created.AddRange(CreateBatch.InRequestOrder(batch, results));
            }
            catch (Exception e) when (start > 0 && e is not OperationCanceledException)
            {
                // Earlier batches exist: the caller must learn which, and what was never sent, to finish or roll back.
                throw new SecretsPartiallyCreatedException(
                    created,
                    [.. batch.Select(s => s.Name)],
                    [.. wire.Skip(start + batch.Count).Select(s => s.Name)],
                    RetryPolicy.IsAmbiguous(e, cancellationToken) || e is CloudflareApiException { StatusCode: >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices },
                    e);
            }
        }

        return created;
    }

    /// <inheritdoc />
    public virtual async Task<Secret> UpdateSecretAsync(string storeId, string secretId, SecretUpdate update, string? accountId = null, CancellationToken cancellationToken = default)
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
        (SecretsStore_secret_response envelope, RequestContext context) = await _pipeline.SendAsync(
            _http, OperationInfo.UpdateSecret, (raw, t) => raw.SecretsStorePatchByIdAsync(account, store, secret, body, t), sensitive, cancellationToken).ConfigureAwait(false);
        return Mapper.ToSecret(envelope.Result, store, new MalformedResponse(context));
    }

    /// <inheritdoc />
    public virtual async Task<Secret> DuplicateSecretAsync(string storeId, string secretId, string newName, IEnumerable<string> scopes, string? comment = null, string? accountId = null, CancellationToken cancellationToken = default)
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
        (SecretsStore_secret_response envelope, RequestContext context) = await _pipeline.SendAsync(
            _http, OperationInfo.DuplicateSecret, (raw, t) => raw.SecretsStoreDuplicateByIdAsync(account, store, secret, body, t), null, cancellationToken).ConfigureAwait(false);
        return Mapper.ToSecret(envelope.Result, store, new MalformedResponse(context));
    }

    /// <inheritdoc />
    public virtual async Task DeleteSecretAsync(string storeId, string secretId, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        string store = Guard.Id(storeId, nameof(storeId));
        string secret = Guard.Id(secretId, nameof(secretId));
        try
        {
            await _pipeline.SendAsync(
                _http, OperationInfo.DeleteSecret, (raw, t) => raw.SecretsStoreSecretDeleteByIdAsync(account, store, secret, t), null, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudflareNotFoundException e) when (e.IsSecretNotFound && e.FollowsAmbiguousAttempt)
        {
            // An earlier attempt was lost after it may have acted, and the retry finds the secret gone: that attempt
            // deleted it. Reporting "not found" would tell the caller its delete failed when it succeeded.
        }
    }

    /// <inheritdoc />
    public virtual async Task DeleteSecretsAsync(string storeId, IEnumerable<string> secretIds, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        string store = Guard.Id(storeId, nameof(storeId));
        var body = new SecretsStore_deleteSecretsRequest { Ids = Guard.Ids(secretIds, nameof(secretIds)) };
        try
        {
            await _pipeline.SendAsync(
                _http, OperationInfo.DeleteSecrets, (raw, t) => raw.SecretsStoreDeleteBulkAsync(account, store, body, t), null, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudflareNotFoundException e) when (e.FollowsAmbiguousAttempt && BulkDelete.AllGone(e, body.Ids.Count))
        {
            // As for one secret: the lost attempt deleted them, and the retry finds every one of them gone.
        }
    }

    /// <inheritdoc />
    public virtual async Task<SecretsQuota> GetQuotaAsync(string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Account(accountId);
        (SecretsStore_quota_response envelope, RequestContext context) = await _pipeline.SendAsync(
            _http, OperationInfo.Quota, (raw, t) => raw.SecretsStoreQuotaAsync(account, t), null, cancellationToken).ConfigureAwait(false);
        return Mapper.ToQuota(envelope.Result, new MalformedResponse(context));
    }

    private string Account(string? accountId) => Guard.AccountId(accountId, _pipeline.DefaultAccountId, nameof(accountId));
}
