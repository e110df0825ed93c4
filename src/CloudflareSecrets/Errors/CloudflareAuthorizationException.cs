using System.Net;

namespace CloudflareSecrets;

/// <summary>
/// Forbidden (HTTP 403): the token lacks the permission (Secrets Store Read/Write). An account limit reported with 403
/// lands here too; <see cref="CloudflareApiException.Is"/> with <see cref="SecretsStoreKnownErrors.MaximumStoresExceeded"/>
/// or <see cref="SecretsStoreKnownErrors.MaximumSecretsExceeded"/> recognises it whatever the status.
/// </summary>
public sealed class CloudflareAuthorizationException(
    string message,
    HttpStatusCode statusCode,
    IReadOnlyList<CloudflareError>? errors = null,
    IReadOnlyList<CloudflareError>? messages = null,
    string? rayId = null,
    Exception? innerException = null)
    : CloudflareApiException(message, statusCode, errors, messages, rayId, innerException);
