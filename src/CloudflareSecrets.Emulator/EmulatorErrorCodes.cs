namespace CloudflareSecrets.Emulator;

/// <summary>
/// The error codes the emulator uses for conditions outside the Secrets Store's own table. The Secrets Store's known
/// errors (not found, limits, a taken name, invalid values and scopes, an unreadable body, a store that is not empty)
/// come from <see cref="SecretsStoreKnownErrors"/> with the code, token and status Cloudflare answers with. 1015, 6003,
/// 7001, 7003 and 10000 follow the codes Cloudflare's API gateway uses for the same conditions; 1000 and 1009 are the
/// emulator's own choice.
/// </summary>
public static class EmulatorErrorCodes
{
    /// <summary>
    /// 400: a query parameter, account identifier (over 32 characters) or body field breaks a rule the table does not
    /// name (<c>validation_error</c>).
    /// </summary>
    public const int ValidationFailed = 1000;

    /// <summary>500: an unexpected emulator failure, and the default code of an injected <see cref="FaultBody.Envelope"/>.</summary>
    public const int InternalError = 1009;

    /// <summary>429: the request budget is spent (Cloudflare's "you are being rate limited" code).</summary>
    public const int RateLimited = 1015;

    /// <summary>
    /// 400: conflicting or malformed authentication headers (both kinds at once, a key without an e-mail, a non-Bearer
    /// Authorization).
    /// </summary>
    public const int InvalidRequestHeaders = 6003;

    /// <summary>405: the route exists but not for this HTTP method.</summary>
    public const int MethodNotAllowed = 7001;

    /// <summary>404: no route for the URI (also an account that <see cref="EmulatorOptions.Accounts"/> does not list).</summary>
    public const int NoRoute = 7003;

    /// <summary>401: missing or unknown credentials.</summary>
    public const int AuthenticationError = 10000;
}
