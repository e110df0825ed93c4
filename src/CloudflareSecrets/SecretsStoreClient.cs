using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using CloudflareSecrets.Generated;
using CloudflareSecrets.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace CloudflareSecrets;

/// <summary>
/// The Secrets Store client. Create it with <c>services.AddCloudflareSecretsStore(...)</c> and inject
/// <see cref="ISecretsStoreClient"/>, or construct it from <see cref="SecretsStoreClientOptions"/>. It is thread-safe;
/// keep one per set of credentials. Every member is virtual, and a protected constructor exists, for mocking.
/// </summary>
public class SecretsStoreClient : ISecretsStoreClient
{
    private static readonly Lazy<HttpMessageHandler> SharedHandler = new(CreatePrimaryHandler);

    private readonly HttpClient _http;
    private readonly Credentials _credentials;
    private readonly string _baseUrl;
    private readonly string? _defaultAccountId;
    private readonly int _createBatchSize;
    private readonly SecretsStoreRetryOptions _retry = null!;
    private readonly bool _respectServerRateLimit;
    private readonly long _maxResponseBytes;
    private readonly RateLimitGate? _gate;
    private readonly ResiliencePipeline _readPipeline = null!;
    private readonly ResiliencePipeline _writePipeline = null!;
    private readonly ResiliencePipeline _attemptTimeout = null!;
    private readonly ILogger _logger = NullLogger.Instance;

    /// <summary>For mocking only: members of an instance made this way must be overridden before use.</summary>
    [ExcludeFromCodeCoverage]
    protected SecretsStoreClient()
    {
        _http = null!;
        _credentials = null!;
        _baseUrl = null!;
    }

    /// <summary>Creates a client without dependency injection, sending through a shared connection pool that does not follow redirects.</summary>
    /// <param name="options">The settings; they are validated now and copied (later changes have no effect).</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public SecretsStoreClient(SecretsStoreClientOptions options)
        : this(options, null, null)
    {
    }

    /// <summary>Creates a client without dependency injection, sending through <paramref name="httpClient"/>.</summary>
    /// <param name="options">The settings; they are validated now and copied (later changes have no effect).</param>
    /// <param name="httpClient">The <see cref="HttpClient"/> to send through (see the three-argument constructor).</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="httpClient"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public SecretsStoreClient(SecretsStoreClientOptions options, HttpClient httpClient)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), null)
    {
    }

    /// <summary>Creates a client without dependency injection.</summary>
    /// <param name="options">The settings; they are validated now and copied (later changes have no effect).</param>
    /// <param name="httpClient">
    /// The <see cref="HttpClient"/> to send through, or <see langword="null"/> for a shared connection pool that does not follow
    /// redirects (turn redirects off in yours too: credentials must not follow one). Its <see cref="HttpClient.BaseAddress"/>
    /// is not used: <see cref="SecretsStoreClientOptions.BaseUrl"/> is. Retries and timeouts are the client's own; do not add a
    /// retry handler to it as well.
    /// </param>
    /// <param name="loggerFactory">Where the client logs (one event per attempt; never bodies, values or credentials), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public SecretsStoreClient(SecretsStoreClientOptions options, HttpClient? httpClient, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid SecretsStoreClientOptions: " + string.Join(" ", problems), nameof(options));
        }

        _http = httpClient ?? CreateDefaultHttpClient();
        _credentials = Credentials.From(options);
        _baseUrl = options.NormalizedBaseUrl;
        _defaultAccountId = options.AccountId;
        _createBatchSize = options.CreateBatchSize;
        _maxResponseBytes = options.MaxResponseBytes;
        _retry = new SecretsStoreRetryOptions
        {
            MaxAttempts = options.Retry.MaxAttempts,
            AttemptTimeout = options.Retry.AttemptTimeout,
            MaxRetryAfter = options.Retry.MaxRetryAfter,
            BaseDelay = options.Retry.BaseDelay,
            MaxDelay = options.Retry.MaxDelay,
        };
        _respectServerRateLimit = options.RateLimit.RespectServerHeaders;
        if (options.RateLimit.RespectServerHeaders || options.RateLimit.RequestBudget > 0)
        {
            _gate = RateLimitGate.For(Credentials.RateLimitKey(options), options.RateLimit);
        }

        _logger = loggerFactory?.CreateLogger<SecretsStoreClient>() ?? NullLogger<SecretsStoreClient>.Instance;
        Action<string, TimeSpan, int> onRetry = (operation, delay, next) => Log.Retrying(_logger, operation, delay.TotalMilliseconds, next, _retry.MaxAttempts);
        _readPipeline = RetryPolicy.CreateRetry(_retry, forWrites: false, onRetry);
        _writePipeline = RetryPolicy.CreateRetry(_retry, forWrites: true, onRetry);
        _attemptTimeout = RetryPolicy.CreateAttemptTimeout(_retry);
    }

    /// <summary>Creates a client for dependency injection (a typed client of <c>IHttpClientFactory</c>).</summary>
    /// <param name="httpClient">The factory's client.</param>
    /// <param name="options">The validated options.</param>
    /// <param name="loggerFactory">Where the client logs.</param>
    [ActivatorUtilitiesConstructor]
    public SecretsStoreClient(HttpClient httpClient, IOptions<SecretsStoreClientOptions> options, ILoggerFactory loggerFactory)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), loggerFactory)
    {
    }

    /// <inheritdoc />
    public virtual AsyncPageable<SecretStore> ListStoresAsync(ListStoresOptions? options = null, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Guard.AccountId(accountId, _defaultAccountId, nameof(accountId));
        options ??= new ListStoresOptions();
        int pageSize = Guard.PageSize(options.PageSize, "options.PageSize");
        Direction? direction = Mapper.ToWire(options.Direction);
        Order? order = Mapper.ToWire(options.Order);

        async Task<Page<SecretStore>> FetchAsync(int page, CancellationToken token)
        {
            (SecretsStore_stores_response_collection envelope, RequestContext context) = await SendAsync(
                OperationInfo.ListStores, (raw, t) => raw.SecretsStoreListAsync(account, direction, page, pageSize, order, t), null, token).ConfigureAwait(false);
            SecretStore[] items = Mapper.ToStores(envelope.Result, Malformed(context, "ListStores"));
            return new Page<SecretStore>(items, Mapper.ToPageInfo(envelope.Result_info));
        }

        return new AsyncPageable<SecretStore>(FetchAsync, s => s.Id, pageSize, cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task<SecretStore> CreateStoreAsync(string name, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Guard.AccountId(accountId, _defaultAccountId, nameof(accountId));
        var body = new SecretsStore_createStoreObject { Name = Guard.StoreName(name, nameof(name)) };
        (SecretsStore_store_response envelope, RequestContext context) = await SendAsync(
            OperationInfo.CreateStore, (raw, t) => raw.SecretsStoreCreateAsync(account, body, t), null, cancellationToken).ConfigureAwait(false);
        return Mapper.ToStore(envelope.Result, Malformed(context, "CreateStore"));
    }

    /// <inheritdoc />
    public virtual async Task<SecretStore> GetStoreAsync(string storeId, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Guard.AccountId(accountId, _defaultAccountId, nameof(accountId));
        string store = Guard.Id(storeId, nameof(storeId));
        (SecretsStore_store_response envelope, RequestContext context) = await SendAsync(
            OperationInfo.GetStore, (raw, t) => raw.SecretsStoreGetStoreByIdAsync(account, store, t), null, cancellationToken).ConfigureAwait(false);
        return Mapper.ToStore(envelope.Result, Malformed(context, "GetStore"));
    }

    /// <inheritdoc />
    public virtual async Task DeleteStoreAsync(string storeId, bool force = false, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Guard.AccountId(accountId, _defaultAccountId, nameof(accountId));
        string store = Guard.Id(storeId, nameof(storeId));
        // force=false is Cloudflare's default: it is sent only when true, so the URL says what is asked.
        bool? forceParameter = force ? true : null;
        await SendAsync(
            OperationInfo.DeleteStore, (raw, t) => raw.SecretsStoreDeleteByIdAsync(account, store, forceParameter, t), null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual AsyncPageable<Secret> ListSecretsAsync(string storeId, ListSecretsOptions? options = null, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Guard.AccountId(accountId, _defaultAccountId, nameof(accountId));
        string store = Guard.Id(storeId, nameof(storeId));
        options ??= new ListSecretsOptions();
        int pageSize = Guard.PageSize(options.PageSize, "options.PageSize");
        List<string>? scopes = options.Scopes is null ? null : Guard.Scopes(options.Scopes, "options.Scopes", allowEmpty: true);
        if (scopes is { Count: 0 })
        {
            scopes = null;
        }

        string? search = string.IsNullOrEmpty(options.Search) ? null : options.Search;
        Direction? direction = Mapper.ToWire(options.Direction);
        Order2? order = Mapper.ToWire(options.Order);

        async Task<Page<Secret>> FetchAsync(int page, CancellationToken token)
        {
            (SecretsStore_secrets_response_collection envelope, RequestContext context) = await SendAsync(
                OperationInfo.ListSecrets, (raw, t) => raw.SecretsStoreSecretsListAsync(account, store, direction, page, pageSize, search, order, scopes, t), null, token).ConfigureAwait(false);
            Secret[] items = Mapper.ToSecrets(envelope.Result, store, Malformed(context, "ListSecrets"));
            return new Page<Secret>(items, Mapper.ToPageInfo(envelope.Result_info));
        }

        return new AsyncPageable<Secret>(FetchAsync, s => s.Id, pageSize, cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task<Secret?> FindSecretByNameAsync(string storeId, string name, string? accountId = null, CancellationToken cancellationToken = default)
    {
        Guard.Name(name, nameof(name));
        await foreach (Secret secret in ListSecretsAsync(storeId, new ListSecretsOptions { Search = name }, accountId, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(secret.Name, name, StringComparison.Ordinal))
            {
                return secret;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public virtual async Task<Secret> GetSecretAsync(string storeId, string secretId, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Guard.AccountId(accountId, _defaultAccountId, nameof(accountId));
        string store = Guard.Id(storeId, nameof(storeId));
        string secret = Guard.Id(secretId, nameof(secretId));
        (SecretsStore_secret_response envelope, RequestContext context) = await SendAsync(
            OperationInfo.GetSecret, (raw, t) => raw.SecretsStoreGetByIdAsync(account, store, secret, t), null, cancellationToken).ConfigureAwait(false);
        return Mapper.ToSecret(envelope.Result, store, Malformed(context, "GetSecret"));
    }

    /// <inheritdoc />
    public virtual async Task<Secret> CreateSecretAsync(string storeId, string name, string value, IEnumerable<string> scopes, string? comment = null, string? accountId = null, CancellationToken cancellationToken = default)
    {
        Guard.Name(name, nameof(name));
        Guard.Value(value, nameof(value));
        List<string> scopeList = Guard.Scopes(scopes, nameof(scopes));
        string account = Guard.AccountId(accountId, _defaultAccountId, nameof(accountId));
        string store = Guard.Id(storeId, nameof(storeId));

        // Validated above: straight to the shared sending core, not through the virtual CreateSecretsAsync (overriding one
        // member of a subclass must not change another) nor through the list validation again.
        IReadOnlyList<Secret> created = await SendCreateAsync(account, store, [Mapper.ToWire(name, value, scopeList, comment)], cancellationToken).ConfigureAwait(false);
        return created.Count == 1
            ? created[0]
            : throw ErrorMapper.Create(OperationInfo.CreateSecrets.Name, HttpStatusCode.OK, [], [], null, null, $"the response listed {created.Count} secrets for one created");
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<Secret>> CreateSecretsAsync(string storeId, IEnumerable<NewSecret> secrets, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Guard.AccountId(accountId, _defaultAccountId, nameof(accountId));
        string store = Guard.Id(storeId, nameof(storeId));
        ArgumentNullException.ThrowIfNull(secrets);
        List<SecretsStore_createSecretObject> wire = ValidateNewSecrets(secrets, nameof(secrets));
        return await SendCreateAsync(account, store, wire, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates validated secrets, <see cref="SecretsStoreClientOptions.CreateBatchSize"/> per request, results in the order given.</summary>
    private async Task<IReadOnlyList<Secret>> SendCreateAsync(string account, string store, List<SecretsStore_createSecretObject> wire, CancellationToken cancellationToken)
    {
        var created = new List<Secret>(wire.Count);
        for (int start = 0; start < wire.Count; start += _createBatchSize)
        {
            List<SecretsStore_createSecretObject> batch = start == 0 && wire.Count <= _createBatchSize ? wire : wire.GetRange(start, Math.Min(_createBatchSize, wire.Count - start));
            string[] sensitive = new string[batch.Count];
            for (int i = 0; i < sensitive.Length; i++)
            {
                sensitive[i] = batch[i].Value;
            }

            (SecretsStore_secrets_response_collection envelope, RequestContext context) = await SendAsync(
                OperationInfo.CreateSecrets, (raw, t) => raw.SecretsStoreSecretCreateAsync(account, store, batch, t), sensitive, cancellationToken).ConfigureAwait(false);
            Secret[] results = Mapper.ToSecrets(envelope.Result, store, Malformed(context, "CreateSecrets"));
            created.AddRange(InRequestOrder(batch, results));
        }

        return created;
    }

    /// <inheritdoc />
    public virtual async Task<Secret> UpdateSecretAsync(string storeId, string secretId, SecretUpdate update, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Guard.AccountId(accountId, _defaultAccountId, nameof(accountId));
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
        (SecretsStore_secret_response envelope, RequestContext context) = await SendAsync(
            OperationInfo.UpdateSecret, (raw, t) => raw.SecretsStorePatchByIdAsync(account, store, secret, body, t), sensitive, cancellationToken).ConfigureAwait(false);
        return Mapper.ToSecret(envelope.Result, store, Malformed(context, "UpdateSecret"));
    }

    /// <inheritdoc />
    public virtual async Task<Secret> DuplicateSecretAsync(string storeId, string secretId, string newName, IEnumerable<string> scopes, string? comment = null, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Guard.AccountId(accountId, _defaultAccountId, nameof(accountId));
        string store = Guard.Id(storeId, nameof(storeId));
        string secret = Guard.Id(secretId, nameof(secretId));
        var body = new SecretsStore_duplicateSecretObject
        {
            Name = Guard.Name(newName, nameof(newName)),
            Scopes = Mapper.ToWireScopes(Guard.Scopes(scopes, nameof(scopes))),
            Comment = comment,
        };
        (SecretsStore_secret_response envelope, RequestContext context) = await SendAsync(
            OperationInfo.DuplicateSecret, (raw, t) => raw.SecretsStoreDuplicateByIdAsync(account, store, secret, body, t), null, cancellationToken).ConfigureAwait(false);
        return Mapper.ToSecret(envelope.Result, store, Malformed(context, "DuplicateSecret"));
    }

    /// <inheritdoc />
    public virtual async Task DeleteSecretAsync(string storeId, string secretId, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Guard.AccountId(accountId, _defaultAccountId, nameof(accountId));
        string store = Guard.Id(storeId, nameof(storeId));
        string secret = Guard.Id(secretId, nameof(secretId));
        await SendAsync(
            OperationInfo.DeleteSecret, (raw, t) => raw.SecretsStoreSecretDeleteByIdAsync(account, store, secret, t), null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual async Task DeleteSecretsAsync(string storeId, IEnumerable<string> secretIds, string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Guard.AccountId(accountId, _defaultAccountId, nameof(accountId));
        string store = Guard.Id(storeId, nameof(storeId));
        var body = new SecretsStore_deleteSecretsRequest { Ids = Guard.Ids(secretIds, nameof(secretIds)) };
        await SendAsync(
            OperationInfo.DeleteSecrets, (raw, t) => raw.SecretsStoreDeleteBulkAsync(account, store, body, t), null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual async Task<SecretsQuota> GetQuotaAsync(string? accountId = null, CancellationToken cancellationToken = default)
    {
        string account = Guard.AccountId(accountId, _defaultAccountId, nameof(accountId));
        (SecretsStore_quota_response envelope, RequestContext context) = await SendAsync(
            OperationInfo.Quota, (raw, t) => raw.SecretsStoreQuotaAsync(account, t), null, cancellationToken).ConfigureAwait(false);
        return Mapper.ToQuota(envelope.Result, Malformed(context, "GetQuota"));
    }

    /// <summary>
    /// Calls one generated operation under the retry policy, and turns every failure into the public exception for it.
    /// Each attempt builds its own request and context, so a retry never reuses a half-read response.
    /// </summary>
    private async Task<(TEnvelope Envelope, RequestContext Context)> SendAsync<TEnvelope>(
        OperationInfo operation,
        Func<SecretsStoreRawClient, CancellationToken, Task<TEnvelope>> call,
        IReadOnlyCollection<string>? sensitive,
        CancellationToken cancellationToken)
        where TEnvelope : class, IEnvelope
    {
        ResilienceContext resilience = ResilienceContextPool.Shared.Get(operation.Name, cancellationToken);

        // A server (or a proxy before it) may echo the credentials it rejected: they are masked like secret values.
        IReadOnlyCollection<string> masked = sensitive is null ? _credentials.Masked : [.. sensitive, .. _credentials.Masked];
        var state = new AttemptState<TEnvelope>(this, operation, call, masked, cancellationToken);
        try
        {
            return await (operation.IsWrite ? _writePipeline : _readPipeline).ExecuteAsync(
                static (context, s) => new ValueTask<(TEnvelope, RequestContext)>(s.Client.WaitThenAttemptAsync(s, context)),
                resilience,
                state).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException e)
        {
            throw new TimeoutException($"{operation.Name} timed out: no answer within {_retry.AttemptTimeout.TotalSeconds:0.###} s (attempt {state.Attempt} of {_retry.MaxAttempts}).", e);
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            // A caller's HttpClient with its own Timeout: the same failure, the same exception type.
            throw new TimeoutException($"{operation.Name} timed out: the HttpClient's Timeout elapsed (attempt {state.Attempt} of {_retry.MaxAttempts}).", e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    /// <summary>
    /// One attempt: first any wait for the rate-limit reset, then the request under the per-attempt timeout. The wait is
    /// the client's own choice, bounded by Retry.MaxRetryAfter, and no slow answer: counted against the timeout, a reset
    /// further away than AttemptTimeout would end in a TimeoutException for a request that was never sent.
    /// </summary>
    private async Task<(TEnvelope Envelope, RequestContext Context)> WaitThenAttemptAsync<TEnvelope>(AttemptState<TEnvelope> state, ResilienceContext resilience)
        where TEnvelope : class, IEnvelope
    {
        if (_gate is not null && await _gate.WaitAsync(_respectServerRateLimit, _retry.MaxRetryAfter, resilience.CancellationToken).ConfigureAwait(false) is { } wait)
        {
            // Sending now would run into Cloudflare's block; waiting longer than the caller accepts is the caller's decision.
            throw new CloudflareRateLimitException(
                $"{state.Operation.Name} was not sent: the rate-limit budget is spent for another {wait.TotalSeconds:0} s, longer than Retry.MaxRetryAfter ({_retry.MaxRetryAfter.TotalSeconds:0} s).",
                HttpStatusCode.TooManyRequests,
                retryAfter: wait);
        }

        ResilienceContext timed = ResilienceContextPool.Shared.Get(resilience.OperationKey, resilience.CancellationToken);
        try
        {
            return await _attemptTimeout.ExecuteAsync(
                static (context, s) => new ValueTask<(TEnvelope, RequestContext)>(s.Client.AttemptAsync(s, context.CancellationToken)),
                timed,
                state).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(timed);
        }
    }

    private async Task<(TEnvelope Envelope, RequestContext Context)> AttemptAsync<TEnvelope>(AttemptState<TEnvelope> state, CancellationToken cancellationToken)
        where TEnvelope : class, IEnvelope
    {
        int attempt = ++state.Attempt;
        OperationInfo operation = state.Operation;
        var context = new RequestContext(_baseUrl, _credentials, operation, _gate, _maxResponseBytes, _logger.IsEnabled(LogLevel.Trace));
        long started = Stopwatch.GetTimestamp();
        try
        {
            TEnvelope envelope = await state.Call(new PooledRawClient(_http, context), cancellationToken).ConfigureAwait(false);
            if (!envelope.Success)
            {
                throw ErrorMapper.FromEnvelope(envelope, context, operation.Name, state.Sensitive);
            }

            Log.AttemptSucceeded(_logger, operation.Name, operation.Method, operation.Route, (int?)context.Status ?? 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds, attempt, context.RayId);
            LogHeaders(context);
            return (envelope, context);
        }
        catch (SecretsStoreRawException<SecretsStore_apiResponseCommonFailure> raw)
            when (raw.StatusCode is >= 200 and < 300 && raw.Result.Success && typeof(TEnvelope) == typeof(SecretsStore_delete_response))
        {
            // A delete answered with a 2xx the spec does not list (200 where it says 202, or the reverse) and a
            // success envelope: the delete was accepted, and a delete's result is null anyway.
            Log.AttemptSucceeded(_logger, operation.Name, operation.Method, operation.Route, raw.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, attempt, context.RayId);
            return ((TEnvelope)(object)new SecretsStore_delete_response { Success = true }, context);
        }
        catch (Exception e) when (e is not CloudflareApiException)
        {
            Exception mapped = e switch
            {
                SecretsStoreRawException raw => ErrorMapper.FromRaw(raw, operation.Name, state.Sensitive),
                ResponseTooLargeException tooLarge => ErrorMapper.Create(operation.Name, context.Status ?? HttpStatusCode.OK, [], [], context.RayId, null, $"the response body exceeded {tooLarge.Limit:N0} bytes (MaxResponseBytes)"),
                Newtonsoft.Json.JsonException => ErrorMapper.Malformed(context, operation.Name, "the response could not be read as JSON"),
                IOException io => new HttpRequestException(HttpRequestError.ResponseEnded, $"{operation.Name}: the connection failed while the response was read.", io),
                _ => e,
            };
            LogFailure(operation, context, started, attempt, mapped, state.CallerToken);
            if (ReferenceEquals(mapped, e))
            {
                throw;
            }

            throw mapped;
        }
        catch (CloudflareApiException e)
        {
            LogFailure(operation, context, started, attempt, e, state.CallerToken);
            throw;
        }
    }

    private void LogFailure(OperationInfo operation, RequestContext context, long started, int attempt, Exception failure, CancellationToken callerToken)
    {
        // The caller's own cancellation ends the call; it is no failure of the attempt. Any other cancellation is the
        // per-attempt timeout (or HttpClient's), and a timed-out attempt is one an operator most needs to see.
        if (failure is OperationCanceledException && callerToken.IsCancellationRequested)
        {
            return;
        }

        int status = failure is CloudflareApiException api ? (int)api.StatusCode : (int?)context.Status ?? 0;
        string what = failure switch
        {
            CloudflareApiException => failure.GetType().Name,
            OperationCanceledException => "timed out",
            _ => $"{failure.GetType().Name} ({(failure as HttpRequestException)?.HttpRequestError})",
        };
        Log.AttemptFailed(_logger, operation.Name, operation.Method, operation.Route, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds, attempt, context.RayId, what);
        LogHeaders(context);
    }

    private void LogHeaders(RequestContext context)
    {
        if (context.Headers is { Length: > 0 } headers)
        {
            Log.ResponseHeaders(_logger, context.Operation.Name, headers);
        }
    }

    private sealed class AttemptState<TEnvelope>(SecretsStoreClient client, OperationInfo operation, Func<SecretsStoreRawClient, CancellationToken, Task<TEnvelope>> call, IReadOnlyCollection<string>? sensitive, CancellationToken callerToken)
    {
        public SecretsStoreClient Client { get; } = client;

        public OperationInfo Operation { get; } = operation;

        public Func<SecretsStoreRawClient, CancellationToken, Task<TEnvelope>> Call { get; } = call;

        public IReadOnlyCollection<string>? Sensitive { get; } = sensitive;

        /// <summary>The caller's token, to tell its cancellation from the per-attempt timeout's.</summary>
        public CancellationToken CallerToken { get; } = callerToken;

        public int Attempt { get; set; }
    }

    private static MalformedResponse Malformed(RequestContext context, string operation) => new(context, operation);

    private static List<SecretsStore_createSecretObject> ValidateNewSecrets(IEnumerable<NewSecret> secrets, string paramName)
    {
        var wire = secrets is IReadOnlyCollection<NewSecret> known ? new List<SecretsStore_createSecretObject>(known.Count) : [];
        HashSet<string>? names = null;
        foreach (NewSecret? secret in secrets)
        {
            // The parameter names ("secrets[3].Name") are built only for an exception.
            if (secret is null)
            {
                throw new ArgumentException($"{paramName}[{wire.Count}] is null.", paramName);
            }

            Guard.Name(secret.Name, new ParamName(paramName, wire.Count, "Name"));
            Guard.Value(secret.Value, new ParamName(paramName, wire.Count, "Value"));
            List<string> scopes = Guard.Scopes(secret.Scopes, new ParamName(paramName, wire.Count, "Scopes"));

            if (wire.Count > 0)
            {
                names ??= new HashSet<string>(StringComparer.Ordinal) { wire[0].Name };
                if (!names.Add(secret.Name))
                {
                    throw new ArgumentException($"{paramName}[{wire.Count}].Name repeats a name given earlier in the list (names are unique in a store).", paramName);
                }
            }

            wire.Add(Mapper.ToWire(secret.Name, secret.Value, scopes, secret.Comment));
        }

        if (wire.Count == 0)
        {
            throw new ArgumentException("At least one secret is required; the list is empty.", paramName);
        }

        return wire;
    }

    /// <summary>Puts the created secrets in the order they were asked for (by name, unique within a batch).</summary>
    private static IReadOnlyList<Secret> InRequestOrder(List<SecretsStore_createSecretObject> batch, Secret[] results)
    {
        // Usually the server answers in request order already: nothing to reorder.
        if (results.Length == batch.Count)
        {
            int i = 0;
            while (i < results.Length && string.Equals(results[i].Name, batch[i].Name, StringComparison.Ordinal))
            {
                i++;
            }

            if (i == results.Length)
            {
                return results;
            }
        }

        var byName = new Dictionary<string, Secret>(results.Length, StringComparer.Ordinal);
        foreach (Secret secret in results)
        {
            byName.TryAdd(secret.Name, secret);
        }

        if (byName.Count != results.Length)
        {
            return results;
        }

        var ordered = new Secret[batch.Count];
        for (int i = 0; i < ordered.Length; i++)
        {
            if (!byName.TryGetValue(batch[i].Name, out Secret? secret))
            {
                return results;
            }

            ordered[i] = secret;
        }

        return ordered;
    }

    // The client's own per-attempt timeout governs; HttpClient's would cut retries short.
    private static HttpClient CreateDefaultHttpClient() => new(SharedHandler.Value, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The transport: pooled connections renewed every few minutes (DNS changes), no redirects (credentials never follow one).</summary>
    internal static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };
}
