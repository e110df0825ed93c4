using System.Net;

namespace CloudflareSecrets;

/// <summary>The account, store or secret does not exist (HTTP 404).</summary>
public sealed class CloudflareNotFoundException(string message, HttpStatusCode statusCode, IReadOnlyList<CloudflareError>? errors = null, IReadOnlyList<CloudflareError>? messages = null, string? rayId = null, Exception? innerException = null)
    : CloudflareApiException(message, statusCode, errors, messages, rayId, innerException);
