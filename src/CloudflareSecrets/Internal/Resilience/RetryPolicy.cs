using Polly;
using Polly.Retry;

namespace CloudflareSecrets.Internal;

/// <summary>
/// Builds the Polly retry pipeline (exponential backoff and jitter; each attempt runs under its own
/// <see cref="AttemptTimeout"/>, and comes out of it as a <see cref="TimeoutException"/>) and decides, per failure,
/// whether a repeat is safe: reads and deletes repeat on transient failures; writes only when the server certainly did
/// not act (a 429, or a connection that failed before the request was sent).
/// </summary>
internal static class RetryPolicy
{
    /// <summary>The retries around each attempt (none when MaxAttempts is 1), with the backoff and the safety rules below.</summary>
    public static ResiliencePipeline CreateRetry(
        SecretsStoreRetryOptions options, bool forWrites, Action<string, TimeSpan, int>? onRetry, TimeProvider? time = null)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System };
        if (options.MaxAttempts > 1)
        {
            TimeSpan maxRetryAfter = options.MaxRetryAfter;
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args =>
                    ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, forWrites, maxRetryAfter, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is CloudflareRateLimitException { RetryAfter: { } wait } ? (TimeSpan?)wait : null),
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.Context.OperationKey ?? string.Empty, args.RetryDelay, args.AttemptNumber + 2);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    /// <summary>Whether a failed attempt may be repeated.</summary>
    public static bool ShouldRetry(Exception? failure, bool isWrite, TimeSpan maxRetryAfter, CancellationToken callerToken) =>
        failure switch
    {
        null => false,
        OperationCanceledException when callerToken.IsCancellationRequested => false,

        // 429 means the server did not act: safe for every method, unless the wait asked for is longer than the caller accepts.
        CloudflareRateLimitException limited => limited.RetryAfter is null || limited.RetryAfter <= maxRetryAfter,

        // A 5xx or 408 on a write may have created something: never repeated.
        CloudflareApiException api => !isWrite && (int)api.StatusCode is 408 or 500 or 502 or 503 or 504,
        TimeoutException => !isWrite,
        TaskCanceledException { InnerException: TimeoutException } => !isWrite,
        HttpRequestException http => isWrite ? NotSent(http) : Transient(http),
        IOException and not ResponseTooLargeException => !isWrite,
        _ => false,
    };

    /// <summary>
    /// Whether a failed attempt leaves open whether the server acted: a timeout, a 408 or 5xx, a connection lost after
    /// the request may have been sent. (A 429, a 4xx or a connection that never opened say it did not.)
    /// </summary>
    public static bool IsAmbiguous(Exception failure, CancellationToken callerToken) => failure switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested,
        TimeoutException => true,
        CloudflareRateLimitException => false,
        CloudflareApiException api => (int)api.StatusCode is 408 or >= 500,
        HttpRequestException http => !NotSent(http),
        IOException => true,
        _ => false,
    };

    /// <summary>Failures that happen before any byte of the request was sent.</summary>
    private static bool NotSent(HttpRequestException failure) =>
        failure.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;

    private static bool Transient(HttpRequestException failure) =>
        failure.HttpRequestError is HttpRequestError.ConnectionError
            or HttpRequestError.NameResolutionError
            or HttpRequestError.ResponseEnded
            or HttpRequestError.Unknown;
}
