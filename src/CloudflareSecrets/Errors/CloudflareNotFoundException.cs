using System.Net;

namespace CloudflareSecrets;

/// <summary>
/// The account, store or secret does not exist: HTTP 404, or an answer whose token says so
/// (<c>secret_not_found</c>, <c>store_not_found</c>) whatever its status.
/// </summary>
public sealed class CloudflareNotFoundException(
    string message,
    HttpStatusCode statusCode,
    IReadOnlyList<CloudflareError>? errors = null,
    IReadOnlyList<CloudflareError>? messages = null,
    string? rayId = null,
    Exception? innerException = null)
    : CloudflareApiException(message, statusCode, errors, messages, rayId, innerException)
{
    /// <summary>Whether the secret does not exist (<c>secret_not_found</c>): unknown, or already deleted.</summary>
    internal bool IsSecretNotFound => Is(SecretsStoreKnownErrors.SecretNotFound);

    /// <summary>Whether the store does not exist (<c>store_not_found</c>).</summary>
    internal bool IsStoreNotFound => Is(SecretsStoreKnownErrors.StoreNotFound);
}
