using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CloudflareSecrets.Internal;

/// <summary>
/// What an attempt leaves behind once it has ended: its log event (and the allow-listed response headers at Trace) and
/// the attempt metric. It only logs and measures; one per pipeline; thread-safe.
/// </summary>
internal sealed class AttemptRecorder(ILogger logger, string serverAddress)
{
    private readonly ILogger _logger = logger;
    private readonly string _serverAddress = serverAddress;

    public void Succeeded(OperationInfo operation, RequestContext context, int status, long started, int attempt)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.AttemptSucceeded(
                _logger, operation.Name, operation.Method, operation.Route, status, Elapsed(started), attempt, context.RayId);
        }

        LogHeaders(context);
        SecretsStoreTelemetry.RecordAttempt(operation, _serverAddress, status, null);
    }

    /// <param name="operation">The operation.</param>
    /// <param name="context">The attempt's request context.</param>
    /// <param name="status">The status of the answer, if there was one.</param>
    /// <param name="started">When the attempt started (0 when not timed).</param>
    /// <param name="attempt">The attempt's number.</param>
    /// <param name="failure">The failure as the caller sees it.</param>
    /// <param name="callersOwn">
    /// Whether the failure is the caller's own cancellation, which ends the call and is no failure of the attempt.
    /// </param>
    public void Failed(
        OperationInfo operation, RequestContext context, int? status, long started, int attempt, Exception failure, bool callersOwn)
    {
        SecretsStoreTelemetry.RecordAttempt(operation, _serverAddress, status, failure);
        if (callersOwn)
        {
            return;
        }

        // Any cancellation but the caller's is the per-attempt timeout (or HttpClient's), and a timed-out attempt is one
        // an operator most needs to see.
        string what = failure switch
        {
            CloudflareApiException => failure.GetType().Name,
            TimeoutException or OperationCanceledException => "timed out",
            _ => $"{failure.GetType().Name} ({(failure as HttpRequestException)?.HttpRequestError})",
        };
        Log.AttemptFailed(
            _logger, operation.Name, operation.Method, operation.Route, status ?? 0, Elapsed(started), attempt, context.RayId, what);
        LogHeaders(context);
    }

    /// <summary>Milliseconds since <paramref name="started"/>; 0 when the attempt was not timed (logging was off when it began).</summary>
    private static double Elapsed(long started) => started == 0 ? 0 : Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private void LogHeaders(RequestContext context)
    {
        if (context.Headers is { Length: > 0 } headers)
        {
            Log.ResponseHeaders(_logger, context.Operation.Name, headers);
        }
    }
}

/// <summary>
/// The client's log events (source-generated): one per attempt with the method, the route template (which groups the
/// events of one operation), status, duration, attempt number and CF-Ray; response headers only from an allow-list;
/// never a body, a secret value or a credential.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(
        EventId = 1,
        Level = LogLevel.Debug,
        Message = "{Operation} {Method} {Route} answered {Status} in {ElapsedMs:0.0} ms (attempt {Attempt}, CF-Ray {RayId})")]
    public static partial void AttemptSucceeded(
        ILogger logger, string operation, string method, string route, int status, double elapsedMs, int attempt, string? rayId);

    [LoggerMessage(
        EventId = 2,
        Level = LogLevel.Warning,
        Message = "{Operation} {Method} {Route} failed with {Status} in {ElapsedMs:0.0} ms (attempt {Attempt}, CF-Ray {RayId}): {Failure}")]
    public static partial void AttemptFailed(
        ILogger logger,
        string operation,
        string method,
        string route,
        int status,
        double elapsedMs,
        int attempt,
        string? rayId,
        string failure);

    [LoggerMessage(
        EventId = 3,
        Level = LogLevel.Information,
        Message = "{Operation} will retry in {DelayMs:0} ms (attempt {NextAttempt} of {MaxAttempts})")]
    public static partial void Retrying(ILogger logger, string operation, double delayMs, int nextAttempt, int maxAttempts);

    [LoggerMessage(EventId = 4, Level = LogLevel.Trace, Message = "{Operation} response headers: {Headers}")]
    public static partial void ResponseHeaders(ILogger logger, string operation, string headers);
}
