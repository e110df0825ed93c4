namespace CloudflareSecrets.Emulator;

/// <summary>
/// The error codes the emulator puts in <c>errors[].code</c>. Codes below 2000 other than 1015 are the emulator's own
/// choice (Cloudflare does not publish the Secrets Store's codes); 6003, 6007, 7001, 7003 and 10000 follow the codes
/// Cloudflare's API gateway uses for the same conditions. Messages of domain errors start with a stable snake_case token
/// (for example <c>store_not_empty: ...</c>) so that callers can match on text as well as on the code.
/// </summary>
public static class EmulatorErrorCodes
{
    /// <summary>400: a query parameter, path identifier (over 32 characters) or body field breaks a rule (<c>validation_error</c>).</summary>
    public const int ValidationFailed = 1000;

    /// <summary>404: no store with that identifier in the account (<c>store_not_found</c>).</summary>
    public const int StoreNotFound = 1001;

    /// <summary>409: the store still holds secrets and <c>force=true</c> was not given (<c>store_not_empty</c>).</summary>
    public const int StoreNotEmpty = 1002;

    /// <summary>404: no secret with that identifier in the store (<c>secret_not_found</c>); also a bulk delete naming an unknown id.</summary>
    public const int SecretNotFound = 1003;

    /// <summary>409: a secret with that name already exists in the store, or a batch names it twice (<c>secret_name_conflict</c>).</summary>
    public const int SecretNameConflict = 1004;

    /// <summary>403: the account already holds <see cref="EmulatorOptions.MaxStoresPerAccount"/> stores (<c>quota_exceeded</c>).</summary>
    public const int StoreQuotaExceeded = 1006;

    /// <summary>403: the request would take the account past <see cref="EmulatorOptions.MaxSecretsPerAccount"/> secrets (<c>quota_exceeded</c>).</summary>
    public const int SecretQuotaExceeded = 1007;

    /// <summary>500: an unexpected emulator failure, and the default code of an injected <see cref="FaultBody.Envelope"/>.</summary>
    public const int InternalError = 1009;

    /// <summary>429: the request budget is spent (Cloudflare's "you are being rate limited" code).</summary>
    public const int RateLimited = 1015;

    /// <summary>400: conflicting or malformed authentication headers (both kinds at once, a key without an e-mail, a non-Bearer Authorization).</summary>
    public const int InvalidRequestHeaders = 6003;

    /// <summary>400: the request body is not valid JSON.</summary>
    public const int MalformedJson = 6007;

    /// <summary>405: the route exists but not for this HTTP method.</summary>
    public const int MethodNotAllowed = 7001;

    /// <summary>404: no route for the URI (also an account that <see cref="EmulatorOptions.Accounts"/> does not list).</summary>
    public const int NoRoute = 7003;

    /// <summary>401: missing or unknown credentials.</summary>
    public const int AuthenticationError = 10000;
}
