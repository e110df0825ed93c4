using System.Net;

namespace CloudflareSecrets;

/// <summary>Too many requests (HTTP 429). Cloudflare blocks a user for up to 5 minutes past its rate limit.</summary>
public sealed class CloudflareRateLimitException(
    string message,
    HttpStatusCode statusCode,
    IReadOnlyList<CloudflareError>? errors = null,
    IReadOnlyList<CloudflareError>? messages = null,
    string? rayId = null,
    Exception? innerException = null,
    TimeSpan? retryAfter = null)
    : CloudflareApiException(message, statusCode, errors, messages, rayId, innerException)
{
    /// <summary>How long Cloudflare asked to wait (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
