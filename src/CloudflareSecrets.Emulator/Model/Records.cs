namespace CloudflareSecrets.Emulator.Model;

internal sealed class AccountRecord(string id)
{
    public string Id { get; } = id;

    public Dictionary<string, StoreRecord> Stores { get; } = new(StringComparer.Ordinal);

    public int SecretCount => Stores.Values.Sum(store => store.Secrets.Count);
}

internal sealed class StoreRecord
{
    public required string Id { get; init; }

    public required string AccountId { get; init; }

    public required string Name { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required DateTimeOffset Modified { get; set; }

    /// <summary>Creation order: timestamps tie when the clock is frozen or coarse, the sequence never does.</summary>
    public required long Sequence { get; init; }

    public Dictionary<string, SecretRecord> Secrets { get; } = new(StringComparer.Ordinal);

    public StoreView ToView() => new(Id, Name, AccountId, Timestamps.Format(Created), Timestamps.Format(Modified));
}

internal sealed class SecretRecord
{
    public const string ActiveStatus = "active";

    public const string PendingStatus = "pending";

    public const string DeletedStatus = "deleted";

    public required string Id { get; init; }

    public required string StoreId { get; init; }

    public required string Name { get; init; }

    public required string Value { get; set; }

    public required IReadOnlyList<string> Scopes { get; set; }

    public string? Comment { get; set; }

    public required DateTimeOffset Created { get; init; }

    public required DateTimeOffset Modified { get; set; }

    public required long Sequence { get; init; }

    /// <summary>
    /// "active", or "pending" until <see cref="ActiveAt"/>, or "deleted" from an accepted delete until <see cref="DeleteAt"/>
    /// (see <see cref="EmulatorOptions.PendingDuration"/> and <see cref="EmulatorOptions.DeleteDelay"/>); advanced by the state.
    /// </summary>
    public string Status { get; set; } = ActiveStatus;

    public DateTimeOffset ActiveAt { get; set; }

    /// <summary>When an accepted delete takes effect; <see langword="null"/> while the secret is not being deleted.</summary>
    public DateTimeOffset? DeleteAt { get; set; }

    public SecretView ToView() =>
        new(Id, Name, StoreId, Timestamps.Format(Created), Timestamps.Format(Modified), Status, Scopes.ToArray()) { Comment = Comment };
}

/// <summary>A validated secret to create (from a create body, a duplicate body with the source's value, or a seed).</summary>
internal sealed record SecretDraft(string Name, string Value, IReadOnlyList<string> Scopes, string? Comment, string? Id = null);

/// <summary>A validated PATCH: <see langword="null"/> members are left unchanged.</summary>
internal sealed record SecretPatch(string? Value, IReadOnlyList<string>? Scopes, string? Comment);

internal sealed record ListQuery(int Page, int PerPage, string Order, bool Descending);

internal sealed record SecretFilter(string? Search, IReadOnlyList<string> Scopes);
