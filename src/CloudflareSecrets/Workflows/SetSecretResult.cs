namespace CloudflareSecrets;

/// <summary>
/// The outcome of <see cref="SecretsStoreWorkflows.SetSecretAsync"/>: the secret's metadata (never its value) and what
/// was done.
/// </summary>
/// <param name="Secret">The created or updated secret.</param>
/// <param name="Action">Whether it was created or updated.</param>
public sealed record SetSecretResult(Secret Secret, SecretWriteAction Action);
