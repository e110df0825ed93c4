using System.Globalization;

namespace CloudflareSecrets;

/// <summary>
/// What a sync did (or, in a dry run, would do): names and actions, never a value. <see cref="Changes"/> lists them;
/// <see cref="ToString"/> is a one-line summary. Presenting them (a table, JSON) is the caller's choice.
/// </summary>
public sealed class SyncResult
{
    /// <summary>Creates a result; for tests of code that consumes the workflows.</summary>
    /// <param name="changes">The changes, in the order they were (or would be) made.</param>
    /// <param name="dryRun">Whether the changes are a plan only.</param>
    /// <param name="requestCount">The requests the sync sent.</param>
    public SyncResult(IEnumerable<SyncChange> changes, bool dryRun, int requestCount)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentOutOfRangeException.ThrowIfNegative(requestCount);
        Changes = [.. changes];
        DryRun = dryRun;
        RequestCount = requestCount;
        foreach (SyncChange change in Changes)
        {
            switch (change.Action)
            {
                case SyncAction.Create: Created++; break;
                case SyncAction.Update: Updated++; break;
                case SyncAction.Delete: Deleted++; break;
            }
        }
    }

    /// <summary>The changes: the plan of a dry run, otherwise what was done; creates first, then updates, then deletes.</summary>
    public IReadOnlyList<SyncChange> Changes { get; }

    /// <summary>Whether <see cref="Changes"/> is a plan only (nothing was changed).</summary>
    public bool DryRun { get; }

    /// <summary>
    /// The requests the sync sent through the client: one per page listed, the quota read, one per create request (the
    /// client's <see cref="SecretsStoreClientOptions.CreateBatchSize"/> secrets each), one per update and one bulk delete.
    /// Retries inside the client are not counted.
    /// </summary>
    public int RequestCount { get; }

    /// <summary>Secrets created (or, in a dry run, to create).</summary>
    public int Created { get; }

    /// <summary>Secrets updated (or to update).</summary>
    public int Updated { get; }

    /// <summary>Secrets deleted (or to delete).</summary>
    public int Deleted { get; }

    /// <summary>A one-line summary, such as <c>created 2, updated 5, deleted 1 (9 requests)</c>; no names, no values.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        string requests =
            string.Create(CultureInfo.InvariantCulture, $"({RequestCount} request{(RequestCount == 1 ? string.Empty : "s")})");
        return DryRun
            ? string.Create(CultureInfo.InvariantCulture, $"dry run: would create {Created}, update {Updated}, delete {Deleted} {requests}")
            : string.Create(CultureInfo.InvariantCulture, $"created {Created}, updated {Updated}, deleted {Deleted} {requests}");
    }
}
