using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CloudflareSecrets.Internal;

/// <summary>
/// What an attempt leaves behind once it has ended: its log event (and the allow-listed response headers at Trace), the
/// attempt metric, and on the call's state the last status and CF-Ray (for the operation's activity) and whether an
/// attempt so far left open whether the server acted. One per pipeline; thread-safe.
/// </summary>
internal sealed class AttemptRecorder(ILogger logger, string serverAddress)
{
    private readonly ILogger _logger = logger;
    private readonly string _serverAddress = serverAddress;

    public void Succeeded<TEnvelope>(AttemptState<TEnvelope> state, RequestContext context, int status, long started, int attempt)
    {
        OperationInfo operation = state.Route.Operation;
        state.LastStatus = status;
        state.LastRayId = context.RayId;
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.AttemptSucceeded(_logger, operation.Name, operation.Method, operation.Route, status, Elapsed(started), attempt, context.RayId);
        }

        LogHeaders(context);
        SecretsStoreTelemetry.RecordAttempt(operation, _serverAddress, status, null);
    }

    public void Failed<TEnvelope>(AttemptState<TEnvelope> state, RequestContext context, long started, int attempt, Exception failure)
    {
        OperationInfo operation = state.Route.Operation;
        int? status = failure is CloudflareApiException api ? (int)api.StatusCode : (int?)context.Status;
        state.LastStatus = status;
        state.LastRayId = context.RayId;
        if (failure is CloudflareApiException answered && state.HadAmbiguousAttempt)
        {
            answered.FollowsAmbiguousAttempt = true;
        }

        state.HadAmbiguousAttempt |= RetryPolicy.IsAmbiguous(failure, state.CallerToken);
        SecretsStoreTelemetry.RecordAttempt(operation, _serverAddress, status, failure);

        // The caller's own cancellation ends the call; it is no failure of the attempt. Any other cancellation is the
        // per-attempt timeout (or HttpClient's), and a timed-out attempt is one an operator most needs to see.
        if (failure is OperationCanceledException && state.CallerToken.IsCancellationRequested)
        {
            return;
        }

        string what = failure switch
        {
            CloudflareApiException => failure.GetType().Name,
            OperationCanceledException => "timed out",
            _ => $"{failure.GetType().Name} ({(failure as HttpRequestException)?.HttpRequestError})",
        };
        Log.AttemptFailed(_logger, operation.Name, operation.Method, operation.Route, status ?? 0, Elapsed(started), attempt, context.RayId, what);
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
