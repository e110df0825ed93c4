using System.Net;

namespace CloudflareSecrets;

/// <summary>The credentials are missing or wrong (HTTP 401).</summary>
public sealed class CloudflareAuthenticationException(
    string message,
    HttpStatusCode statusCode,
    IReadOnlyList<CloudflareError>? errors = null,
    IReadOnlyList<CloudflareError>? messages = null,
    string? rayId = null,
    Exception? innerException = null)
    : CloudflareApiException(message, statusCode, errors, messages, rayId, innerException);
