namespace CloudflareSecrets;

/// <summary>A Secrets Store: the container of an account's secrets.</summary>
/// <param name="Id">The store identifier (at most 32 characters).</param>
/// <param name="Name">The store name.</param>
/// <param name="AccountId">The account that owns the store, when the response says so.</param>
/// <param name="Created">When the store was created.</param>
/// <param name="Modified">When the store was last modified.</param>
public sealed record SecretStore(string Id, string Name, string? AccountId, DateTimeOffset Created, DateTimeOffset Modified);
