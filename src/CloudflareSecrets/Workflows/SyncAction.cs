namespace CloudflareSecrets;

/// <summary>What a sync does (or, in a dry run, would do) to one secret.</summary>
public enum SyncAction
{
    /// <summary>The name is missing from the store: the secret is created.</summary>
    Create,

    /// <summary>The name exists: its value is replaced (values are write-only, so they cannot be compared first).</summary>
    Update,

    /// <summary>The name is not in the desired set and <see cref="SyncOptions.Prune"/> is on: the secret is deleted.</summary>
    Delete,
}
