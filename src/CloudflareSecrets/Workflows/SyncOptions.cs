namespace CloudflareSecrets;

/// <summary>How <see cref="SecretsStoreWorkflows.SyncSecretsAsync"/> makes a store match the desired secrets.</summary>
public sealed record SyncOptions
{
    /// <summary>The default of <see cref="MaxParallelUpdates"/>.</summary>
    public const int DefaultMaxParallelUpdates = 4;

    /// <summary>The largest <see cref="MaxParallelUpdates"/> accepted.</summary>
    public const int MaxParallelUpdatesLimit = 32;

    /// <summary>
    /// The scopes of new secrets (at least one); <see langword="null"/> for <see cref="SecretScopes.Workers"/>.
    /// Existing secrets keep theirs.
    /// </summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>The comment of new secrets; existing secrets keep theirs.</summary>
    public string? Comment { get; init; }

    /// <summary>
    /// Whether to delete the store's secrets that are not in the desired set (in one bulk request, after the creates
    /// and updates).
    /// </summary>
    public bool Prune { get; init; }

    /// <summary>
    /// Whether to only plan: list the store (and, when the plan creates secrets, read the quota), return the plan, and
    /// send nothing that changes anything. A dry run fails on the quota exactly as the real run would.
    /// </summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// How many updates are in flight at once (1 to <see cref="MaxParallelUpdatesLimit"/>). Each is one request and goes
    /// through the client's retries and rate-limit gate; Cloudflare allows 1,200 requests per 5 minutes.
    /// </summary>
    public int MaxParallelUpdates { get; init; } = DefaultMaxParallelUpdates;

    /// <summary>Receives a report after each change (and one when the plan is made), or <see langword="null"/>.</summary>
    public IProgress<SyncProgress>? Progress { get; init; }
}
