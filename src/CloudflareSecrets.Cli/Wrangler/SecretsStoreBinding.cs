namespace CloudflareSecrets.Cli.Wrangler;

/// <summary>
/// One entry of wrangler's <c>secrets_store_secrets</c> array: the name the Worker sees (<c>env.BINDING</c>), the store's
/// id and the secret's name in that store. Wrangler's configuration holds no value, only these three names.
/// </summary>
internal sealed record SecretsStoreBinding(string Binding, string StoreId, string SecretName);

/// <summary>A binding read from a configuration file: its environment (<see langword="null"/> for the top level) and position.</summary>
internal sealed record ConfiguredBinding(string? Environment, int Index, SecretsStoreBinding Binding)
{
    /// <summary>Where the entry is, as a reader of the file would look for it: <c>env.staging.secrets_store_secrets[1]</c>.</summary>
    public string Location => $"{(Environment is null ? "" : $"env.{Environment}.")}{WranglerConfig.ArrayName}[{Index}]";
}
