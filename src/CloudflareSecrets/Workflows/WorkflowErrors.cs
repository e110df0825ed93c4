namespace CloudflareSecrets;

/// <summary>
/// Recognises the failures the workflows recover from. The classification is the client's own (by the known-errors
/// table, <see cref="SecretsStoreKnownErrors"/>, then by status), so the workflows follow the real API's answers
/// wherever the client learns them.
/// </summary>
internal static class WorkflowErrors
{
    /// <summary>A create met a secret of the same name (<c>secret_name_already_exists</c>, 400/1003, or a 409).</summary>
    public static bool IsNameTaken(Exception e) => e is CloudflareConflictException { IsNameConflict: true };

    /// <summary>An update met no secret: it was deleted since it was found. A missing store is not this.</summary>
    public static bool IsSecretGone(Exception e) => e is CloudflareNotFoundException { IsStoreNotFound: false };

    /// <summary>
    /// A store create refused because the account already holds a store (Cloudflare allows one per account:
    /// <c>maximum_stores_exceeded</c>), or because another caller created the same name at the same time (a conflict).
    /// </summary>
    public static bool IsStoreLimitOrTaken(Exception e) =>
        e is CloudflareConflictException || e is CloudflareApiException { IsStoreLimitExceeded: true };
}
