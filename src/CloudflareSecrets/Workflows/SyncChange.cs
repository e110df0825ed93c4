namespace CloudflareSecrets;

/// <summary>One change of a sync: a name and an action, never a value, so it is safe to log and print.</summary>
/// <param name="Name">The secret name.</param>
/// <param name="Action">The action.</param>
/// <param name="SecretId">
/// The secret's id: known for updates and deletes, and for creates once done; <see langword="null"/> for a planned
/// create.
/// </param>
public sealed record SyncChange(string Name, SyncAction Action, string? SecretId);
