using System.Net;

namespace CloudflareSecrets;

/// <summary>
/// Recognises the failures the workflows recover from, by the public exception types and, where Cloudflare's answer
/// differs from what the client maps, by the error's code and message token. Tokens and codes are those the real API
/// was seen to send.
/// </summary>
internal static class WorkflowErrors
{
    /// <summary>Cloudflare's code for a taken name and for the store limit (HTTP 400); see the predicates below.</summary>
    private const int AlreadyExistsCode = 1003;

    /// <summary>
    /// A create met a secret of the same name. Cloudflare answers HTTP 400, code 1003, <c>secret_name_already_exists</c>
    /// (wrangler's output); a 409 says the same. Matched by token too, for clients that map the 400 as a validation failure.
    /// </summary>
    public static bool IsNameTaken(Exception e) =>
        e is CloudflareConflictException { IsNameConflict: true } ||
        (e is CloudflareApiException api && api.HasErrorMessage("secret_name_already_exists"));

    /// <summary>
    /// An update met no secret: it was deleted since it was found. Cloudflare answers <c>secret_not_found</c>, code 1001
    /// (wrangler's e2e tests against the live API). A missing store (<c>store_not_found</c>, same code) is not this.
    /// </summary>
    public static bool IsSecretGone(Exception e) =>
        e is CloudflareApiException api &&
        !api.HasErrorMessage("store_not_found") &&
        (e is CloudflareNotFoundException || api.HasErrorMessage("secret_not_found"));

    /// <summary>
    /// A store create refused because the account already holds a store (Cloudflare allows one per account:
    /// HTTP 400, code 1003, <c>maximum_stores_exceeded</c>, cloudflare/workers-sdk#10052; older answers said 403
    /// <c>quota_exceeded</c>), or because another caller created the same name at the same time (a conflict).
    /// </summary>
    public static bool IsStoreLimitOrTaken(Exception e) =>
        e is CloudflareApiException api &&
        (e is CloudflareConflictException ||
         api.HasErrorMessage("maximum_stores_exceeded") ||
         (api.StatusCode == HttpStatusCode.BadRequest && api.HasErrorCode(AlreadyExistsCode)) ||
         (api.StatusCode == HttpStatusCode.Forbidden && api.HasErrorMessage("quota_exceeded")));
}
