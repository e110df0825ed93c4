namespace CloudflareSecrets;

/// <summary>The sort direction of a list.</summary>
public enum SortDirection
{
    /// <summary>Cloudflare's default: descending.</summary>
    Descending,

    /// <summary>Ascending.</summary>
    Ascending,
}
