namespace CloudflareSecrets;

/// <summary>Cloudflare's <c>result_info</c> for one page; any field the response left out is <see langword="null"/>.</summary>
/// <param name="Page">The page number (1-based).</param>
/// <param name="PerPage">The page size asked for.</param>
/// <param name="Count">The number of items on this page.</param>
/// <param name="TotalCount">The number of items in all pages.</param>
/// <param name="TotalPages">The number of pages.</param>
public sealed record PageInfo(int? Page, int? PerPage, int? Count, long? TotalCount, int? TotalPages);

/// <summary>One page of a list.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Values">The items of the page.</param>
/// <param name="Info">The paging information, when the response had it.</param>
/// <param name="ContinuationToken">
/// Where the list goes on: pass it to <see cref="AsyncPageable{T}.AsPages(string?, CancellationToken)"/> to resume with
/// the next page; <see langword="null"/> on the last page. An opaque string: store it, never build one.
/// </param>
public sealed record Page<T>(IReadOnlyList<T> Values, PageInfo? Info, string? ContinuationToken = null);
