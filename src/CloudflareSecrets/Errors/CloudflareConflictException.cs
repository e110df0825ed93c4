using System.Net;

namespace CloudflareSecrets;

/// <summary>
/// The request conflicts with the current state (HTTP 409): a name already taken, or a store that still
/// holds secrets. Never retried: repeating it gives the same answer.
/// </summary>
public sealed class CloudflareConflictException(string message, HttpStatusCode statusCode, IReadOnlyList<CloudflareError>? errors = null, IReadOnlyList<CloudflareError>? messages = null, string? rayId = null, Exception? innerException = null)
    : CloudflareApiException(message, statusCode, errors, messages, rayId, innerException)
{
    /// <summary>Whether a store could not be deleted because it holds secrets (delete it with <c>force: true</c> to cascade).</summary>
    public bool IsStoreNotEmpty => HasErrorMessage("store_not_empty") || HasErrorMessage("not empty");

    /// <summary>
    /// Whether a name is already taken. The Secrets Store answers 409 for two reasons only: a store that is
    /// not empty, and a name in use; so every other conflict is a name conflict.
    /// </summary>
    public bool IsNameConflict => !IsStoreNotEmpty;
}
