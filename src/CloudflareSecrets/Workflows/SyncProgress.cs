namespace CloudflareSecrets;

/// <summary>Progress of a sync, reported through <see cref="SyncOptions.Progress"/> after each change is done.</summary>
/// <param name="Completed">Changes done so far.</param>
/// <param name="Total">Changes planned (a race may turn a create into an update or the reverse, never add one).</param>
/// <param name="Last">The change just done, or <see langword="null"/> for the report sent when the plan is made.</param>
public sealed record SyncProgress(int Completed, int Total, SyncChange? Last);
