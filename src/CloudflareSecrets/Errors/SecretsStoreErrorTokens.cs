namespace CloudflareSecrets;

/// <summary>
/// The message tokens the Secrets Store puts at the start of <c>errors[].message</c> (for example
/// <c>secret_name_already_exists: MY_KEY</c>). A token says what went wrong more precisely than the status or the
/// code, which Cloudflare shares between conditions (1001, 1003). The public way to test
/// one is <see cref="CloudflareApiException.Is"/> with a row of <see cref="SecretsStoreKnownErrors"/>.
/// </summary>
internal static class SecretsStoreErrorTokens
{
    /// <summary>No secret with that identifier in the store (also a secret already deleted).</summary>
    public const string SecretNotFound = "secret_not_found";

    /// <summary>No store with that identifier in the account.</summary>
    public const string StoreNotFound = "store_not_found";

    /// <summary>The account already holds as many stores as it may (one).</summary>
    public const string MaximumStoresExceeded = "maximum_stores_exceeded";

    /// <summary>The account's secrets quota (100) would be exceeded.</summary>
    public const string MaximumSecretsExceeded = "maximum_secrets_exceeded";

    /// <summary>A secret with that name already exists in the store; the message goes on with the name.</summary>
    public const string SecretNameAlreadyExists = "secret_name_already_exists";

    /// <summary>The value is longer than the 65,536 bytes Cloudflare accepts.</summary>
    public const string SecretValueTooLong = "secret_value_too_long";

    /// <summary>A scope names a service the Secrets Store does not know.</summary>
    public const string SecretScopeInvalid = "secret_scope_invalid";

    /// <summary>A secret was sent without scopes.</summary>
    public const string SecretScopesEmpty = "secret_scopes_empty";

    /// <summary>A secret was sent with an empty name.</summary>
    public const string SecretNameEmpty = "secret_name_empty";

    /// <summary>The request body could not be read as JSON of the expected shape.</summary>
    public const string InvalidJsonBody = "invalid_json_body";

    /// <summary>A store still holds secrets and was deleted without <c>force=true</c>.</summary>
    public const string StoreNotEmpty = "store_not_empty";
}
