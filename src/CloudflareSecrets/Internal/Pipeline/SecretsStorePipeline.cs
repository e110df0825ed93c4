using System.Diagnostics;
using System.Net;
using System.Threading.RateLimiting;
using CloudflareSecrets.Generated;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace CloudflareSecrets.Internal;

/// <summary>
/// Everything between a public method and the wire, for one set of options: the facade validates and maps, then calls
/// <see cref="SendAsync"/> once (through its <see cref="BoundPipeline"/>); this type owns the rest (rate-limit gate,
/// retries through Polly, the per-attempt timeout, the request's credentials and base URL, bounded response reading,
/// error mapping, logs and telemetry). It holds no <see cref="HttpClient"/>: each call brings one, so a pipeline built
/// once serves every client that dependency injection resolves while IHttpClientFactory keeps rotating their handlers.
/// Thread-safe; immutable after construction.
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

    /// <summary>
    /// Builds the pipeline of <paramref name="options"/>, which must be valid (see <see cref="Create"/>); they are
    /// copied.
    /// </summary>
    private SecretsStorePipeline(SecretsStoreClientOptions options, ILoggerFactory? loggerFactory)
    {
        _credentials = Credentials.From(options);
        _baseUrl = options.NormalizedBaseUrl;
        _baseUri = new Uri(_baseUrl);
        _serverAddress = _baseUri.Host;
        _serverPort = _baseUri.Port;
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

    /// <summary>The base URL requests go to.</summary>
    public Uri BaseUri => _baseUri;

    /// <summary>Validates <paramref name="options"/> and builds their pipeline.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public static SecretsStorePipeline Create(SecretsStoreClientOptions options, ILoggerFactory? loggerFactory)
    {
        IReadOnlyList<SecretsStoreOptionsProblem> problems = options.GetProblems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                "Invalid SecretsStoreClientOptions: " + string.Join(" ", problems.Select(problem => problem.Message)), nameof(options));
        }

        return new SecretsStorePipeline(options, loggerFactory);
    }

    /// <summary>The pipeline bound to the <see cref="HttpClient"/> a client sends through.</summary>
    public BoundPipeline Bind(HttpClient http) => new(this, http);

    /// <summary>
    /// Calls one generated operation: one run of the retry pipeline, each attempt of which waits for the rate-limit
    /// budget, then sends under its own timeout (<see cref="AttemptAsync"/>). Every failure comes out as the public
    /// exception for it; a timeout as <see cref="TimeoutException"/>. Each attempt builds its own request and context,
    /// so a retry never reuses a half-read response.
    /// </summary>
    /// <param name="http">Where to send.</param>
    /// <param name="operation">Which operation <paramref name="send"/> is.</param>
    /// <param name="sensitive">Values the request carries that must be masked if a server echoes them.</param>
    /// <param name="targetGone">
    /// For a delete: whether a not-found answer says its target is gone (see <see cref="CallState{TEnvelope}.FoundGoneAfterItActed"/>).
    /// </param>
    /// <param name="send">The generated method, with the mapped arguments.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public async ValueTask<CallResult<TEnvelope>> SendAsync<TEnvelope>(
        HttpClient http,
        OperationInfo operation,
        IReadOnlyCollection<string>? sensitive,
        Func<CloudflareNotFoundException, bool>? targetGone,
        Func<SecretsStoreRawClient, CancellationToken, Task<TEnvelope>> send,
        CancellationToken cancellationToken)
        where TEnvelope : class, IEnvelope
    {
        OperationRoute route = _routes[operation.Ordinal] ??= new OperationRoute(operation, _baseUri);
        // Clock reads cost a system call's worth each: the call is timed only for a duration metric someone collects.
        long started = SecretsStoreTelemetry.OperationDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        Activity? activity = SecretsStoreTelemetry.StartOperation(route, _serverAddress, _serverPort);
        var call = new CallState<TEnvelope>(http, route, send, sensitive, targetGone, _credentials);
        ResilienceContext resilience = ResilienceContextPool.Shared.Get(operation.Name, cancellationToken);
        Exception? failure = null;
        try
        {
            return await (operation.IsWrite ? _writeRetry : _readRetry).ExecuteAsync(
                static (context, s) => s.Pipeline.AttemptAsync(s.Call, context.CancellationToken),
                resilience,
                (Pipeline: this, Call: call)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
            SecretsStoreTelemetry.EndOperation(
                activity, route, _serverAddress, started, call.Attempt, call.LastStatus, call.LastRayId, failure);
        }
    }

    /// <summary>
    /// One attempt: first any wait for the rate-limit reset, then the request under the per-attempt timeout. The wait is
    /// the client's own choice, bounded by Retry.MaxRetryAfter, and no slow answer: counted against the timeout, a reset
    /// further away than AttemptTimeout would end in a TimeoutException for a request that was never sent.
    /// </summary>
    private async ValueTask<CallResult<TEnvelope>> AttemptAsync<TEnvelope>(CallState<TEnvelope> call, CancellationToken callerToken)
        where TEnvelope : class, IEnvelope
    {
        // A cancelled caller sends nothing: HttpClient hands a request to its handlers even with a cancelled token.
        callerToken.ThrowIfCancellationRequested();
        if (_gate is not null)
        {
            await WaitForBudgetAsync(call.Operation, callerToken).ConfigureAwait(false);
        }

        int attempt = ++call.Attempt;
        OperationInfo operation = call.Operation;
        IReadOnlyCollection<string>? maskHeaders = _logger.IsEnabled(LogLevel.Trace) ? call.Sensitive : null;
        var context = new RequestContext(_baseUrl, _credentials, call.Route, _gate, _maxResponseBytes, maskHeaders);
        // Only the log events show an attempt's duration: no clock read when they are off (a failure logs at Warning).
        long started = _logger.IsEnabled(LogLevel.Warning) ? Stopwatch.GetTimestamp() : 0;
        var timeout = AttemptTimeout.Start(_retry.AttemptTimeout, callerToken);
        try
        {
            TEnvelope envelope = await call.Send(new PooledRawClient(call.Http, context), timeout.Token).ConfigureAwait(false);
            if (!envelope.Success)
            {
                HttpStatusCode answered = context.Status ?? HttpStatusCode.OK;
                throw ErrorMapper.FromEnvelope(envelope, operation.Name, answered, context.RayId, call.Sensitive);
            }

            return Succeeded(call, context, envelope, context.Status ?? HttpStatusCode.OK, started);
        }
        catch (SecretsStoreRawException<SecretsStore_apiResponseCommonFailure> raw)
            when (raw.StatusCode is >= 200 and < 300 && raw.Result.Success && typeof(TEnvelope) == typeof(SecretsStore_delete_response))
        {
            // A delete answered with a 2xx the spec does not list (200 where it says 202, or the reverse) and a
            // success envelope: the delete was accepted, and a delete's result is null anyway.
            return Succeeded(call, context, Deleted<TEnvelope>(), (HttpStatusCode)raw.StatusCode, started);
        }
        catch (Exception e)
        {
            Exception failure = Translate(e, call, context, timeout.HasElapsed, callerToken);
            int? status = failure is CloudflareApiException api ? (int)api.StatusCode : (int?)context.Status;
            call.LastStatus = status;
            call.LastRayId = context.RayId;
            bool callersOwn = failure is OperationCanceledException && callerToken.IsCancellationRequested;
            _recorder.Failed(operation, context, status, started, attempt, failure, callersOwn);
            if (call.FoundGoneAfterItActed(failure))
            {
                // The lost attempt deleted it: reporting "not found" would tell the caller its delete failed when it succeeded.
                return new CallResult<TEnvelope>(Deleted<TEnvelope>(), operation, (HttpStatusCode)status!.Value, context.RayId);
            }

            call.HadAmbiguousAttempt |= RetryPolicy.IsAmbiguous(failure, callerToken);
            if (ReferenceEquals(failure, e))
            {
                throw;
            }

            throw failure;
        }
        finally
        {
            timeout.Dispose();
        }
    }

    /// <summary>
    /// Waits until the rate-limit gate lets a request go, or refuses when that would take longer than the caller
    /// accepts.
    /// </summary>
    private async ValueTask WaitForBudgetAsync(OperationInfo operation, CancellationToken callerToken)
    {
        GateDecision gate =
            await _gate!.WaitAsync(_respectServerRateLimit, _budget, _retry.MaxRetryAfter, callerToken).ConfigureAwait(false);
        if (gate.Waited > TimeSpan.Zero)
        {
            SecretsStoreTelemetry.RecordRateLimitWait(operation, _serverAddress, gate.Waited);
        }

        if (gate.RefusedFor is { } wait)
        {
            // Sending now would run into Cloudflare's block; waiting longer than the caller accepts is the caller's decision.
            throw new CloudflareRateLimitException(
                $"{operation.Name} was not sent: the rate-limit budget is spent for another {wait.TotalSeconds:0} s, "
                    + $"longer than Retry.MaxRetryAfter ({_retry.MaxRetryAfter.TotalSeconds:0} s).",
                HttpStatusCode.TooManyRequests,
                retryAfter: wait);
        }
    }

    private CallResult<TEnvelope> Succeeded<TEnvelope>(
        CallState<TEnvelope> call, RequestContext context, TEnvelope envelope, HttpStatusCode status, long started)
    {
        call.LastStatus = (int)status;
        call.LastRayId = context.RayId;
        _recorder.Succeeded(call.Operation, context, (int)status, started, call.Attempt);
        return new CallResult<TEnvelope>(envelope, call.Operation, status, context.RayId);
    }

    /// <summary>
    /// An attempt's failure as the caller may see it: an answer as its public exception, a lost connection as
    /// <see cref="HttpRequestException"/>, and the per-attempt timeout (or a caller's HttpClient.Timeout) as
    /// <see cref="TimeoutException"/>, the one place a timeout is translated. The caller's own cancellation stays as it is.
    /// </summary>
    private Exception Translate<TEnvelope>(
        Exception e, CallState<TEnvelope> call, RequestContext context, bool timedOut, CancellationToken callerToken)
    {
        string name = call.Operation.Name;
        string attempt = $"attempt {call.Attempt} of {_retry.MaxAttempts}";
        return e switch
        {
            CloudflareApiException => e,
            SecretsStoreRawException raw => ErrorMapper.FromRaw(raw, name, call.Sensitive),
            ResponseTooLargeException tooLarge =>
                ErrorMapper.Create(new ApiFailure(name, context.Status ?? HttpStatusCode.OK, context.RayId)
                {
                    Detail = $"the response body exceeded {tooLarge.Limit:N0} bytes (MaxResponseBytes)",
                }),
            IOException io =>
                new HttpRequestException(HttpRequestError.ResponseEnded, $"{name}: the connection failed while the response was read.", io),
            OperationCanceledException when callerToken.IsCancellationRequested => e,
            OperationCanceledException when timedOut =>
                new TimeoutException($"{name} timed out: no answer within {_retry.AttemptTimeout.TotalSeconds:0.###} s ({attempt}).", e),
            TaskCanceledException { InnerException: TimeoutException } =>
                new TimeoutException($"{name} timed out: the HttpClient's Timeout elapsed ({attempt}).", e),
            _ => e,
        };
    }

    /// <summary>A delete's success envelope (a delete's result is null anyway).</summary>
    private static TEnvelope Deleted<TEnvelope>() => (TEnvelope)(object)new SecretsStore_delete_response { Success = true };
}

/// <summary>
/// One call's state across its attempts: what to send, what to mask, and what the attempts so far left behind (the
/// last status and CF-Ray for the operation's activity, and whether one of them may have acted unseen).
/// </summary>
internal sealed class CallState<TEnvelope>(
    HttpClient http,
    OperationRoute route,
    Func<SecretsStoreRawClient, CancellationToken, Task<TEnvelope>> send,
    IReadOnlyCollection<string>? sensitive,
    Func<CloudflareNotFoundException, bool>? targetGone,
    Credentials credentials)
{
    private IReadOnlyCollection<string>? _masked;

    public HttpClient Http { get; } = http;

    public OperationRoute Route { get; } = route;

    public OperationInfo Operation => Route.Operation;

    public Func<SecretsStoreRawClient, CancellationToken, Task<TEnvelope>> Send { get; } = send;

    /// <summary>
    /// What must be masked if a server echoes it: the request's sensitive values, those of the workflow the call is part
    /// of (<see cref="SensitiveScope"/>) and the credentials (a server, or a proxy before it, may echo the credentials it
    /// rejected). Put together only when a failure or Trace logging needs it.
    /// </summary>
    public IReadOnlyCollection<string> Sensitive => _masked ??= (sensitive, SensitiveScope.Current) switch
    {
        (null, null) => credentials.Masked,
        (null, { } scope) => [.. scope, .. credentials.Masked],
        ({ } own, null) => [.. own, .. credentials.Masked],
        ({ } own, { } scope) => [.. own, .. scope, .. credentials.Masked],
    };

    public int Attempt { get; set; }

    public int? LastStatus { get; set; }

    public string? LastRayId { get; set; }

    /// <summary>
    /// Whether an attempt so far failed without saying whether the server acted (see
    /// <see cref="RetryPolicy.IsAmbiguous"/>).
    /// </summary>
    public bool HadAmbiguousAttempt { get; set; }

    /// <summary>
    /// Whether a delete's not-found answer is that attempt's doing: a lost attempt before it may have deleted the target.
    /// The one place this is decided: such an answer ends the call as the success it was.
    /// </summary>
    public bool FoundGoneAfterItActed(Exception failure) =>
        HadAmbiguousAttempt && failure is CloudflareNotFoundException notFound && targetGone is not null && targetGone(notFound);
}
