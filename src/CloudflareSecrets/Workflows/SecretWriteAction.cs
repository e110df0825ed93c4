namespace CloudflareSecrets;

/// <summary>What <see cref="SecretsStoreWorkflows.SetSecretAsync"/> did.</summary>
public enum SecretWriteAction
{
    /// <summary>No secret had the name: it was created.</summary>
    Created,

    /// <summary>A secret had the name: its value (and the scopes or comment given) was replaced.</summary>
    Updated,
}
