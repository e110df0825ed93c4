namespace CloudflareSecrets;

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
