using System.Diagnostics;
using System.Net;
using System.Threading.RateLimiting;
using CloudflareSecrets.Generated;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;

namespace CloudflareSecrets.Internal;

/// <summary>
/// Everything between a public method and the wire, for one set of options: the facade validates and maps, then calls
/// <see cref="SendAsync"/> once; this type owns the rest (rate-limit gate, retries through Polly, the per-attempt timeout,
/// the request's credentials and base URL, bounded response reading, error mapping, logs and telemetry). It holds no
/// <see cref="HttpClient"/>: each call brings one, so a pipeline built once serves every client that dependency
/// injection resolves while IHttpClientFactory keeps rotating their handlers. Thread-safe; immutable after construction.
/// </summary>
internal sealed class SecretsStorePipeline
{
    private readonly Credentials _credentials;
    private readonly string _baseUrl;
    private readonly Uri _baseUri;
    private readonly string _serverAddress;
    private readonly int _serverPort;
    private readonly long _maxResponseBytes;
    private readonly SecretsStoreRetryOptions _retry;
    private readonly bool _respectServerRateLimit;
    private readonly RateLimitGate? _gate;
    private readonly RateLimiter? _budget;
    private readonly ResiliencePipeline _readRetry;
    private readonly ResiliencePipeline _writeRetry;
    private readonly ILogger _logger;
    private readonly AttemptRecorder _recorder;
    private readonly OperationRoute?[] _routes = new OperationRoute?[OperationInfo.Count];

    /// <summary>Builds the pipeline of <paramref name="options"/>, which must be valid (see <see cref="Create"/>); they are copied.</summary>
    private SecretsStorePipeline(SecretsStoreClientOptions options, ILoggerFactory? loggerFactory)
    {
        _credentials = Credentials.From(options);
        _baseUrl = options.NormalizedBaseUrl;
        _baseUri = new Uri(_baseUrl);
        _serverAddress = _baseUri.Host;
        _serverPort = _baseUri.Port;
        DefaultAccountId = options.AccountId;
        CreateBatchSize = options.CreateBatchSize;
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
            _gate = RateLimitGate.For(Credentials.RateLimitKey(options));
            _budget = _gate.Budget(options.RateLimit.RequestBudget, options.RateLimit.BudgetWindow);
        }

        _logger = loggerFactory?.CreateLogger<SecretsStoreClient>() ?? NullLogger<SecretsStoreClient>.Instance;
        _recorder = new AttemptRecorder(_logger, _serverAddress);
        Action<string, TimeSpan, int> onRetry = (operation, delay, next) =>
        {
            Log.Retrying(_logger, operation, delay.TotalMilliseconds, next, _retry.MaxAttempts);
            SecretsStoreTelemetry.RecordRetry(operation, _serverAddress);
        };
        _readRetry = RetryPolicy.CreateRetry(_retry, forWrites: false, onRetry);
        _writeRetry = RetryPolicy.CreateRetry(_retry, forWrites: true, onRetry);
    }

    /// <summary>The account a call uses when it names none.</summary>
    public string? DefaultAccountId { get; }

    /// <summary>How many secrets one create request carries.</summary>
    public int CreateBatchSize { get; }

    /// <summary>The base URL requests go to.</summary>
    public Uri BaseUri => _baseUri;

    /// <summary>Validates <paramref name="options"/> and builds their pipeline.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public static SecretsStorePipeline Create(SecretsStoreClientOptions options, ILoggerFactory? loggerFactory)
    {
        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid SecretsStoreClientOptions: " + string.Join(" ", problems), nameof(options));
        }

        return new SecretsStorePipeline(options, loggerFactory);
    }

    /// <summary>
    /// Calls one generated operation under the retry policy, and turns every failure into the public exception for it.
    /// Each attempt builds its own request and context, so a retry never reuses a half-read response.
    /// </summary>
    /// <remarks>
    /// The first attempt runs outside Polly: most calls succeed at once and need no retry machinery. Only a failure the
    /// retry policy would repeat enters the retry pipeline, which is handed that failure as its own first outcome (it is
    /// not sent again), so delays, attempt numbers and retry logs are the pipeline's, as if it had run every attempt.
    /// </remarks>
    /// <param name="http">Where to send.</param>
    /// <param name="operation">Which operation <paramref name="call"/> is.</param>
    /// <param name="call">The generated method, with the mapped arguments.</param>
    /// <param name="sensitive">Values the request carries that must be masked if a server echoes them.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public async ValueTask<(TEnvelope Envelope, RequestContext Context)> SendAsync<TEnvelope>(
        HttpClient http,
        OperationInfo operation,
        Func<SecretsStoreRawClient, CancellationToken, Task<TEnvelope>> call,
        IReadOnlyCollection<string>? sensitive,
        CancellationToken cancellationToken)
        where TEnvelope : class, IEnvelope
    {
        OperationRoute route = _routes[operation.Ordinal] ??= new OperationRoute(operation, _baseUri);
        // Clock reads cost a system call's worth each: the call is timed only for a duration metric someone collects.
        long started = SecretsStoreTelemetry.OperationDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        Activity? activity = SecretsStoreTelemetry.StartOperation(route, _serverAddress, _serverPort);

        var state = new AttemptState<TEnvelope>(this, http, route, call, sensitive, _credentials, cancellationToken);
        Exception? failure = null;
        try
        {
            try
            {
                return await WaitThenAttemptAsync(state, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (_retry.MaxAttempts > 1 && RetryPolicy.ShouldRetry(e, operation.IsWrite, _retry.MaxRetryAfter, cancellationToken))
            {
                state.FirstFailure = e;
            }

            return await RetryAsync(state, operation, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException e)
        {
            throw failure = new TimeoutException($"{operation.Name} timed out: no answer within {_retry.AttemptTimeout.TotalSeconds:0.###} s (attempt {state.Attempt} of {_retry.MaxAttempts}).", e);
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            // A caller's HttpClient with its own Timeout: the same failure, the same exception type.
            throw failure = new TimeoutException($"{operation.Name} timed out: the HttpClient's Timeout elapsed (attempt {state.Attempt} of {_retry.MaxAttempts}).", e);
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            SecretsStoreTelemetry.EndOperation(activity, route, _serverAddress, started, state.Attempt, state.LastStatus, state.LastRayId, failure);
        }
    }

    /// <summary>The attempts after a first one that failed with <see cref="AttemptState{TEnvelope}.FirstFailure"/>, under the retry pipeline.</summary>
    private async Task<(TEnvelope Envelope, RequestContext Context)> RetryAsync<TEnvelope>(AttemptState<TEnvelope> state, OperationInfo operation, CancellationToken cancellationToken)
        where TEnvelope : class, IEnvelope
    {
        ResilienceContext resilience = ResilienceContextPool.Shared.Get(operation.Name, cancellationToken);
        try
        {
            return await (operation.IsWrite ? _writeRetry : _readRetry).ExecuteAsync(
                static (context, s) => s.FirstFailure is { } first
                    ? s.ReplayFirstFailure(first)
                    : s.Pipeline.WaitThenAttemptAsync(s, context.CancellationToken),
                resilience,
                state).ConfigureAwait(false);
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
    private async ValueTask<(TEnvelope Envelope, RequestContext Context)> WaitThenAttemptAsync<TEnvelope>(AttemptState<TEnvelope> state, CancellationToken callerToken)
        where TEnvelope : class, IEnvelope
    {
        // A cancelled caller sends nothing: HttpClient hands a request to its handlers even with a cancelled token.
        callerToken.ThrowIfCancellationRequested();
        if (_gate is not null)
        {
            GateDecision gate = await _gate.WaitAsync(_respectServerRateLimit, _budget, _retry.MaxRetryAfter, callerToken).ConfigureAwait(false);
            if (gate.Waited > TimeSpan.Zero)
            {
                SecretsStoreTelemetry.RecordRateLimitWait(state.Route.Operation, _serverAddress, gate.Waited);
            }

            if (gate.RefusedFor is { } wait)
            {
                // Sending now would run into Cloudflare's block; waiting longer than the caller accepts is the caller's decision.
                throw new CloudflareRateLimitException(
                    $"{state.Route.Operation.Name} was not sent: the rate-limit budget is spent for another {wait.TotalSeconds:0} s, longer than Retry.MaxRetryAfter ({_retry.MaxRetryAfter.TotalSeconds:0} s).",
                    HttpStatusCode.TooManyRequests,
                    retryAfter: wait);
            }
        }

        // The per-attempt timeout, as Polly's timeout strategy has it (a TimeoutRejectedException once it elapses), but
        // without entering a second Polly pipeline on every attempt.
        AttemptTimeout timeout = AttemptTimeout.Start(_retry.AttemptTimeout, callerToken);
        try
        {
            return await AttemptAsync(state, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (timeout.HasElapsed && !callerToken.IsCancellationRequested)
        {
            throw new TimeoutRejectedException($"The operation didn't complete within the allowed timeout of '{_retry.AttemptTimeout}'.", _retry.AttemptTimeout, e);
        }
        finally
        {
            timeout.Dispose();
        }
    }

    private async ValueTask<(TEnvelope Envelope, RequestContext Context)> AttemptAsync<TEnvelope>(AttemptState<TEnvelope> state, CancellationToken cancellationToken)
        where TEnvelope : class, IEnvelope
    {
        int attempt = ++state.Attempt;
        OperationInfo operation = state.Route.Operation;
        var context = new RequestContext(_baseUrl, _credentials, state.Route, _gate, _maxResponseBytes, _logger.IsEnabled(LogLevel.Trace) ? state.Sensitive : null);
        // Only the log events show an attempt's duration: no clock read when they are off (a failure logs at Warning).
        long started = _logger.IsEnabled(LogLevel.Warning) ? Stopwatch.GetTimestamp() : 0;
        try
        {
            TEnvelope envelope = await state.Call(new PooledRawClient(state.Http, context), cancellationToken).ConfigureAwait(false);
            if (!envelope.Success)
            {
                throw ErrorMapper.FromEnvelope(envelope, context, operation.Name, state.Sensitive);
            }

            _recorder.Succeeded(state, context, (int?)context.Status ?? 0, started, attempt);
            return (envelope, context);
        }
        catch (SecretsStoreRawException<SecretsStore_apiResponseCommonFailure> raw)
            when (raw.StatusCode is >= 200 and < 300 && raw.Result.Success && typeof(TEnvelope) == typeof(SecretsStore_delete_response))
        {
            // A delete answered with a 2xx the spec does not list (200 where it says 202, or the reverse) and a
            // success envelope: the delete was accepted, and a delete's result is null anyway.
            _recorder.Succeeded(state, context, raw.StatusCode, started, attempt);
            return ((TEnvelope)(object)new SecretsStore_delete_response { Success = true }, context);
        }
        catch (Exception e) when (e is not CloudflareApiException)
        {
            Exception mapped = e switch
            {
                SecretsStoreRawException raw => ErrorMapper.FromRaw(raw, operation.Name, state.Sensitive),
                ResponseTooLargeException tooLarge => ErrorMapper.Create(operation.Name, context.Status ?? HttpStatusCode.OK, [], [], context.RayId, null, $"the response body exceeded {tooLarge.Limit:N0} bytes (MaxResponseBytes)"),
                IOException io => new HttpRequestException(HttpRequestError.ResponseEnded, $"{operation.Name}: the connection failed while the response was read.", io),
                _ => e,
            };
            _recorder.Failed(state, context, started, attempt, mapped);
            if (ReferenceEquals(mapped, e))
            {
                throw;
            }

            throw mapped;
        }
        catch (CloudflareApiException e)
        {
            _recorder.Failed(state, context, started, attempt, e);
            throw;
        }
    }
}
