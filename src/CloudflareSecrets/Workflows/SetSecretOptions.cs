namespace CloudflareSecrets;

/// <summary>What <see cref="SecretsStoreWorkflows.SetSecretAsync"/> applies besides the value.</summary>
public sealed record SetSecretOptions
{
    /// <summary>
    /// The services that may use the secret (at least one). On create, <see langword="null"/> means
    /// <see cref="SecretScopes.Workers"/>; on update, <see langword="null"/> keeps the current scopes.
    /// </summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>The comment; <see langword="null"/> sets none on create and keeps the current one on update.</summary>
    public string? Comment { get; init; }
}
