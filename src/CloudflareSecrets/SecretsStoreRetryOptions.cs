namespace CloudflareSecrets;

/// <summary>
/// How the client retries. Reads and deletes (GET, DELETE) are retried on 408, 429, 500, 502, 503, 504, timeouts and
/// transient network failures. Writes (POST, PATCH: create, duplicate, update) are retried only when the server certainly
/// did not act: a 429, or a connection that failed before the request was sent; never after a timeout or a 5xx, which
/// could create a secret twice. A 409 or another 4xx is never retried.
/// </summary>
public sealed class SecretsStoreRetryOptions
{
    /// <summary>The most requests one call sends, the first included (1 turns retries off). Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// The longest one attempt may take, the response body included; a wait for the rate-limit reset before sending is
    /// not counted (<see cref="MaxRetryAfter"/> bounds it). Default 60 seconds.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest wait the client accepts from <c>Retry-After</c> (or an exhausted rate-limit budget). A longer one is
    /// not slept through: the call fails at once with <see cref="CloudflareRateLimitException.RetryAfter"/>, so the caller
    /// decides. Default 60 seconds.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The first backoff delay when the server gave no <c>Retry-After</c>; it doubles per retry, with jitter. Default 1
    /// second.
    /// </summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff delay. Default 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    internal IEnumerable<SecretsStoreOptionsProblem> Validate()
    {
        if (MaxAttempts is < 1 or > 10)
        {
            yield return new("Retry.MaxAttempts", $"Retry.MaxAttempts must be from 1 to 10; it is {MaxAttempts}.");
        }

        if (AttemptTimeout <= TimeSpan.Zero || AttemptTimeout > TimeSpan.FromHours(1))
        {
            yield return new(
                "Retry.AttemptTimeout", $"Retry.AttemptTimeout must be more than zero and at most one hour; it is {AttemptTimeout}.");
        }

        if (MaxRetryAfter < TimeSpan.Zero || MaxRetryAfter > TimeSpan.FromHours(1))
        {
            yield return new("Retry.MaxRetryAfter", $"Retry.MaxRetryAfter must be from zero to one hour; it is {MaxRetryAfter}.");
        }

        if (BaseDelay <= TimeSpan.Zero || MaxDelay < BaseDelay || MaxDelay > TimeSpan.FromHours(1))
        {
            yield return new(
                "Retry.BaseDelay",
                "Retry.BaseDelay must be more than zero and Retry.MaxDelay at least BaseDelay and at most one hour; "
                    + $"they are {BaseDelay} and {MaxDelay}.");
        }
    }
}
