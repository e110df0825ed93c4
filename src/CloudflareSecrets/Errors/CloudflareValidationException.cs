using System.Net;

namespace CloudflareSecrets;

/// <summary>
/// The request was invalid (HTTP 400 or 422). Cloudflare also answers 400 when an account limit is reached:
/// <see cref="CloudflareApiException.Is"/> with <see cref="SecretsStoreKnownErrors.MaximumStoresExceeded"/> or
/// <see cref="SecretsStoreKnownErrors.MaximumSecretsExceeded"/> says so.
/// </summary>
public sealed class CloudflareValidationException(
    string message,
    HttpStatusCode statusCode,
    IReadOnlyList<CloudflareError>? errors = null,
    IReadOnlyList<CloudflareError>? messages = null,
    string? rayId = null,
    Exception? innerException = null)
    : CloudflareApiException(message, statusCode, errors, messages, rayId, innerException);
