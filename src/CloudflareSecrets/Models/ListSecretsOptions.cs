namespace CloudflareSecrets;

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
