using System.Net;

namespace CloudflareSecrets;

/// <summary>
/// The Secrets Store errors known from public evidence of the real API: the one table the client classifies by and
/// the local emulator answers from. Cloudflare does not publish these codes; where a code or status was never seen it
/// is inferred (the most likely value), and the table in docs/errors.md says where each was seen and which are inferred.
/// </summary>
public static class SecretsStoreKnownErrors
{
    private const string WranglerE2E = "cloudflare/workers-sdk packages/wrangler/e2e/secrets-store.test.ts (runs against the live API)";
    private const string Distilled = "alchemy-run/distilled packages/cloudflare/src/services/secrets-store.ts (error matchers)";
    private const string SameAsStoreLimit = "status as for maximum_stores_exceeded, which shares the code";

    /// <summary>An unknown or deleted secret: <c>secret_not_found</c>, code 1001, HTTP 404 (inferred).</summary>
    public static SecretsStoreKnownError SecretNotFound { get; } = new(
        "unknown or deleted secret", 1001, SecretsStoreErrorTokens.SecretNotFound, HttpStatusCode.NotFound, true, false,
        WranglerE2E + ": `secret_not_found [code: 1001]`");

    /// <summary>An unknown store: <c>store_not_found</c>, code 1001, HTTP 404 (inferred).</summary>
    public static SecretsStoreKnownError StoreNotFound { get; } = new(
        "unknown store", 1001, SecretsStoreErrorTokens.StoreNotFound, HttpStatusCode.NotFound, true, false,
        WranglerE2E + ": `store_not_found [code: 1001]`");

    /// <summary>A second store (one per account): <c>maximum_stores_exceeded</c>, code 1003, HTTP 400.</summary>
    public static SecretsStoreKnownError MaximumStoresExceeded { get; } = new(
        "a second store (one per account)", 1003, SecretsStoreErrorTokens.MaximumStoresExceeded, HttpStatusCode.BadRequest, true, true,
        "cloudflare/workers-sdk#10052 (`maximum_stores_exceeded [code: 1003]`); alchemy-run/alchemy-async#377 (status 400)");

    /// <summary>The account's secrets quota is used up: <c>maximum_secrets_exceeded</c>, code 1003 and HTTP 400 (both inferred).</summary>
    public static SecretsStoreKnownError MaximumSecretsExceeded { get; } = new(
        "more secrets than the account's quota (100)",
        1003,
        SecretsStoreErrorTokens.MaximumSecretsExceeded,
        HttpStatusCode.BadRequest,
        false,
        false,
        "i098/Crewship changelog (#58) and notes (`maximum_secrets_exceeded: max 100`); code and " + SameAsStoreLimit);

    /// <summary>A name already taken in the store: <c>secret_name_already_exists: NAME</c>, code 1003, HTTP 400 (inferred).</summary>
    public static SecretsStoreKnownError SecretNameAlreadyExists { get; } = new(
        "a name already taken in the store (the message goes on with the name)",
        1003,
        SecretsStoreErrorTokens.SecretNameAlreadyExists,
        HttpStatusCode.BadRequest,
        true,
        false,
        Distilled + "; wrangler output quoted in public test fixtures (`secret_name_already_exists: NAME [code: 1003]`); "
            + SameAsStoreLimit);

    /// <summary>A value over 65,536 bytes: <c>secret_value_too_long</c>, code 1001, HTTP 400 (inferred).</summary>
    public static SecretsStoreKnownError SecretValueTooLong { get; } = new(
        "value too long", 1001, SecretsStoreErrorTokens.SecretValueTooLong, HttpStatusCode.BadRequest, true, false,
        "cloudflare/workers-sdk#9707 (`secret_value_too_long [code: 1001]`)");

    /// <summary>An unknown scope: <c>secret_scope_invalid</c>, code 1001, HTTP 400 (inferred).</summary>
    public static SecretsStoreKnownError SecretScopeInvalid { get; } = new(
        "unknown scope", 1001, SecretsStoreErrorTokens.SecretScopeInvalid, HttpStatusCode.BadRequest, true, false, Distilled);

    /// <summary>No scopes: <c>secret_scopes_empty</c>, code 1001, HTTP 400 (inferred).</summary>
    public static SecretsStoreKnownError SecretScopesEmpty { get; } = new(
        "no scopes", 1001, SecretsStoreErrorTokens.SecretScopesEmpty, HttpStatusCode.BadRequest, true, false, Distilled);

    /// <summary>An empty name: <c>secret_name_empty</c>, code 1001, HTTP 400 (inferred).</summary>
    public static SecretsStoreKnownError SecretNameEmpty { get; } = new(
        "empty name", 1001, SecretsStoreErrorTokens.SecretNameEmpty, HttpStatusCode.BadRequest, true, false, Distilled);

    /// <summary>An unreadable body: <c>invalid_json_body</c>, code 1001, HTTP 400 (inferred).</summary>
    public static SecretsStoreKnownError InvalidJsonBody { get; } = new(
        "unreadable request body", 1001, SecretsStoreErrorTokens.InvalidJsonBody, HttpStatusCode.BadRequest, true, false, Distilled);

    /// <summary>
    /// A store that holds secrets, deleted without <c>force=true</c>: <c>store_not_empty</c>, HTTP 409, code 1003
    /// (inferred).
    /// </summary>
    public static SecretsStoreKnownError StoreNotEmpty { get; } = new(
        "a store that holds secrets, deleted without force=true",
        1003,
        SecretsStoreErrorTokens.StoreNotEmpty,
        HttpStatusCode.Conflict,
        false,
        true,
        "Cloudflare's OpenAPI description of secrets-store-delete-by-id (409, `store_not_empty`); "
            + "code inferred from the other state conflicts (1003)");

    /// <summary>Every row, in the order docs/errors.md prints them.</summary>
    public static IReadOnlyList<SecretsStoreKnownError> All { get; } =
    [
        SecretNotFound, StoreNotFound, MaximumStoresExceeded, MaximumSecretsExceeded, SecretNameAlreadyExists,
        SecretValueTooLong, SecretScopeInvalid, SecretScopesEmpty, SecretNameEmpty, InvalidJsonBody, StoreNotEmpty,
    ];

    /// <summary>The row for <paramref name="token"/> , or <see langword="null"/> for a token not in the table.</summary>
    /// <param name="token">A message token such as <c>secret_not_found</c>.</param>
    internal static SecretsStoreKnownError? Find(string? token)
    {
        foreach (SecretsStoreKnownError row in All)
        {
            if (string.Equals(row.Token, token, StringComparison.Ordinal))
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>
    /// The token a message starts with: a run of lowercase letters, digits and underscores holding at least one
    /// underscore, ending the message or followed by ':' or whitespace. <c>"secret_name_already_exists: KEY"</c> gives
    /// <c>secret_name_already_exists</c>; <c>"Authentication error"</c> gives <see langword="null"/>.
    /// </summary>
    internal static string? TokenOf(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return null;
        }

        int end = 0;
        bool underscore = false;
        while (end < message.Length && (char.IsAsciiLetterLower(message[end]) || char.IsAsciiDigit(message[end]) || message[end] == '_'))
        {
            underscore |= message[end] == '_';
            end++;
        }

        bool terminated = end == message.Length || message[end] == ':' || char.IsWhiteSpace(message[end]);
        return end > 0 && underscore && terminated && char.IsAsciiLetterLower(message[0]) ? message[..end] : null;
    }
}
