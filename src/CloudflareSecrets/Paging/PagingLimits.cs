namespace CloudflareSecrets;

/// <summary>The bound that makes every listing end, whatever the server answers.</summary>
internal static class PagingLimits
{
    /// <summary>
    /// The most pages one enumeration of a listing fetches: 10,000.
    /// </summary>
    /// <remarks>
    /// Derived from what the API can hold: Cloudflare allows 100 secrets and one store per account (Cloudflare docs,
    /// Secrets Store limits), so a complete listing needs at most 100 pages, at the smallest page size (1). The ceiling
    /// is 100 times that, so it holds even if the limits grow a hundredfold and the caller asks for pages of one; at the
    /// default page size (100) it is a million items. At Cloudflare's rate limit (1,200 requests per 5 minutes) reaching
    /// it takes over 40 minutes, so no real listing meets it; only a server that keeps answering new full pages does.
    /// </remarks>
    public const int MaxPages = 10_000;
}
