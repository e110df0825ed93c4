namespace CloudflareSecrets.ContractTests.Support;

/// <summary>The two credential kinds the spec accepts on every operation (named after its security schemes).</summary>
public enum AuthScheme
{
    /// <summary><c>api_token</c>: <c>Authorization: Bearer</c>.</summary>
    ApiToken,

    /// <summary><c>api_email</c> + <c>api_key</c>: <c>X-Auth-Email</c> and <c>X-Auth-Key</c> (the global API key).</summary>
    EmailAndGlobalKey,
}
