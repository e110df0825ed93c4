using Microsoft.Extensions.Logging;

namespace CloudflareSecrets.Internal;

/// <summary>
/// The client's log events (source-generated): one per attempt with the method, the route template (which groups the
/// events of one operation), status, duration, attempt number and CF-Ray; response headers only from an allow-list;
/// never a body, a secret value or a credential.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Operation} {Method} {Route} answered {Status} in {ElapsedMs:0.0} ms (attempt {Attempt}, CF-Ray {RayId})")]
    public static partial void AttemptSucceeded(ILogger logger, string operation, string method, string route, int status, double elapsedMs, int attempt, string? rayId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Operation} {Method} {Route} failed with {Status} in {ElapsedMs:0.0} ms (attempt {Attempt}, CF-Ray {RayId}): {Failure}")]
    public static partial void AttemptFailed(ILogger logger, string operation, string method, string route, int status, double elapsedMs, int attempt, string? rayId, string failure);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Operation} will retry in {DelayMs:0} ms (attempt {NextAttempt} of {MaxAttempts})")]
    public static partial void Retrying(ILogger logger, string operation, double delayMs, int nextAttempt, int maxAttempts);

    [LoggerMessage(EventId = 4, Level = LogLevel.Trace, Message = "{Operation} response headers: {Headers}")]
    public static partial void ResponseHeaders(ILogger logger, string operation, string headers);
}
