using System.Net;

namespace CloudflareSecrets;

/// <summary>Cloudflare failed (HTTP 500 or more); the request may or may not have taken effect.</summary>
public sealed class CloudflareServerException(
    string message,
    HttpStatusCode statusCode,
    IReadOnlyList<CloudflareError>? errors = null,
    IReadOnlyList<CloudflareError>? messages = null,
    string? rayId = null,
    Exception? innerException = null)
    : CloudflareApiException(message, statusCode, errors, messages, rayId, innerException);
