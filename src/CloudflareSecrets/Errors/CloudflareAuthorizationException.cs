using System.Net;

namespace CloudflareSecrets;

/// <summary>
/// Forbidden (HTTP 403): the token lacks the permission (Secrets Store Read/Write), or an account limit is reached
/// (such as the number of stores or secrets); <see cref="CloudflareApiException.Errors"/> says which.
/// </summary>
public sealed class CloudflareAuthorizationException(string message, HttpStatusCode statusCode, IReadOnlyList<CloudflareError>? errors = null, IReadOnlyList<CloudflareError>? messages = null, string? rayId = null, Exception? innerException = null)
    : CloudflareApiException(message, statusCode, errors, messages, rayId, innerException);
