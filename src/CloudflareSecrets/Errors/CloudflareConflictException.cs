using System.Net;

namespace CloudflareSecrets;

/// <summary>
/// The request conflicts with the current state: a name already taken, or a store that still holds secrets.
/// Classified by meaning first: Cloudflare reports a taken name as HTTP 400 with code 1003 and
/// <c>secret_name_already_exists</c>, which arrives here as well as a 409 does. Never retried: repeating it gives the
/// same answer.
/// </summary>
public sealed class CloudflareConflictException(
    string message,
    HttpStatusCode statusCode,
    IReadOnlyList<CloudflareError>? errors = null,
    IReadOnlyList<CloudflareError>? messages = null,
    string? rayId = null,
    Exception? innerException = null)
    : CloudflareApiException(message, statusCode, errors, messages, rayId, innerException)
{
    /// <summary>Whether a store could not be deleted because it holds secrets (delete it with <c>force: true</c> to cascade).</summary>
    internal bool IsStoreNotEmpty =>
        Is(SecretsStoreKnownErrors.StoreNotEmpty) || Errors.Any(e => e.Message.Contains("not empty", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether a name is already taken: the token <c>secret_name_already_exists</c> (with any status), or a 409 that
    /// is neither a store that is not empty nor another known condition (the Secrets Store has no other 409).
    /// </summary>
    internal bool IsNameConflict => Is(SecretsStoreKnownErrors.SecretNameAlreadyExists)
        || ((int)StatusCode == 409 && !IsStoreNotEmpty && KnownError is null);
}
