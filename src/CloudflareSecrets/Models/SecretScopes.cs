namespace CloudflareSecrets;

/// <summary>
/// The scope names Cloudflare documents today. Scopes are plain strings: Cloudflare adds services over time,
/// and a scope this list does not know is passed through unchanged.
/// </summary>
/// <remarks>
/// The client deliberately does not reject a scope it does not know, so that a service Cloudflare adds works without a
/// new release. Cloudflare itself refuses a scope it does not accept: the call then fails with a
/// <see cref="CloudflareValidationException"/> for which <see cref="CloudflareApiException.Is"/> with
/// <see cref="SecretsStoreKnownErrors.SecretScopeInvalid"/> is true.
/// </remarks>
public static class SecretScopes
{
    /// <summary>Cloudflare Workers.</summary>
    public const string Workers = "workers";

    /// <summary>AI Gateway.</summary>
    public const string AiGateway = "ai_gateway";

    /// <summary>Digital Experience Monitoring.</summary>
    public const string Dex = "dex";

    /// <summary>Cloudflare Access.</summary>
    public const string Access = "access";

    /// <summary>Containers.</summary>
    public const string Containers = "containers";

    /// <summary>Web search.</summary>
    public const string WebSearch = "websearch";
}
