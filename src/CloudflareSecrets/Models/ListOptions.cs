namespace CloudflareSecrets;

/// <summary>The sort direction of a list.</summary>
public enum SortDirection
{
    /// <summary>Cloudflare's default: descending.</summary>
    Descending,

    /// <summary>Ascending.</summary>
    Ascending,
}

/// <summary>The field stores are ordered by.</summary>
public enum StoreOrder
{
    /// <summary>Creation time (Cloudflare's default).</summary>
    Created,

    /// <summary>Name.</summary>
    Name,

    /// <summary>Last modification time.</summary>
    Modified,
}

/// <summary>The field secrets are ordered by.</summary>
public enum SecretOrder
{
    /// <summary>Creation time (Cloudflare's default).</summary>
    Created,

    /// <summary>Name.</summary>
    Name,

    /// <summary>Comment.</summary>
    Comment,

    /// <summary>Last modification time.</summary>
    Modified,

    /// <summary>Status.</summary>
    Status,
}

/// <summary>Options of <see cref="ISecretsStoreClient.ListStoresAsync"/>.</summary>
public sealed record ListStoresOptions
{
    /// <summary>The field to order by; <see langword="null"/> leaves Cloudflare's default (created).</summary>
    public StoreOrder? Order { get; init; }

    /// <summary>The direction; <see langword="null"/> leaves Cloudflare's default (descending).</summary>
    public SortDirection? Direction { get; init; }

    /// <summary>Items per page, 1 to 100; the maximum by default, so that listing takes the fewest requests.</summary>
    public int PageSize { get; init; } = SecretsStoreLimits.MaxPageSize;
}

/// <summary>Options of <see cref="ISecretsStoreClient.ListSecretsAsync"/>.</summary>
public sealed record ListSecretsOptions
{
    /// <summary>A filter over secret names and comments (Cloudflare matches substrings).</summary>
    public string? Search { get; init; }

    /// <summary>Only secrets with these scopes; sent comma-joined.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>The field to order by; <see langword="null"/> leaves Cloudflare's default (created).</summary>
    public SecretOrder? Order { get; init; }

    /// <summary>The direction; <see langword="null"/> leaves Cloudflare's default (descending).</summary>
    public SortDirection? Direction { get; init; }

    /// <summary>Items per page, 1 to 100; the maximum by default, so that listing takes the fewest requests.</summary>
    public int PageSize { get; init; } = SecretsStoreLimits.MaxPageSize;
}
