using System.Net;
using System.Runtime.CompilerServices;

namespace CloudflareSecrets;

/// <summary>
/// A list that fetches its pages lazily, one request per page, as the caller enumerates. Enumerate it with
/// <c>await foreach</c> for the items, or use <see cref="AsPages"/> for page-level access with <see cref="PageInfo"/>.
/// </summary>
/// <remarks>
/// <para>Enumeration always ends, whatever the server answers. Paging stops, without an error, at the first of:</para>
/// <list type="bullet">
/// <item>the last page: the page number reached <c>result_info.total_pages</c> (also when that is 0);</item>
/// <item>without <c>result_info</c>: a page shorter than the page size asked for;</item>
/// <item>an empty page (yielded only when it is the first);</item>
/// <item>a page holding exactly the ids of a page already yielded in this enumeration, in any order (a server ignoring the
/// page number, cycling through pages or reshuffling one); that page is not yielded, so no item is yielded twice by it.</item>
/// </list>
/// <para>
/// A server that keeps answering new full pages is stopped by a hard ceiling of 10,000 pages, 100 times what the API can
/// hold today (100 secrets and one store per account, so at most 100 pages even at a page size of 1): after yielding the
/// 10,000th page, if the server still claims more, the enumeration throws <see cref="CloudflareApiException"/> rather than
/// end as if the list were complete. A page is remembered only by its item count and a 128-bit hash of its ids, so memory
/// stays one page plus a set entry of about 50 bytes per page seen (half a megabyte at the ceiling).
/// </para>
/// </remarks>
/// <typeparam name="T">The item type.</typeparam>
public class AsyncPageable<T> : IAsyncEnumerable<T>
{
    private readonly Func<int, CancellationToken, Task<Page<T>>>? _fetch;
    private readonly Func<T, string>? _key;
    private readonly int _pageSize;
    private readonly CancellationToken _cancellationToken;

    /// <summary>For mocking: a subclass overrides <see cref="AsPages"/>.</summary>
    protected AsyncPageable()
    {
    }

    internal AsyncPageable(
        Func<int, CancellationToken, Task<Page<T>>> fetch, Func<T, string> key, int pageSize, CancellationToken cancellationToken)
    {
        _fetch = fetch;
        _key = key;
        _pageSize = pageSize;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Creates a pageable over pages already in memory; for tests of code that consumes the client.</summary>
    /// <param name="pages">The pages, in order.</param>
    /// <returns>A pageable that yields <paramref name="pages"/>.</returns>
    public static AsyncPageable<T> FromPages(IEnumerable<Page<T>> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        return new StaticPageable(pages.ToArray());
    }

    /// <summary>Enumerates the pages, fetching each when the caller asks for it.</summary>
    /// <param name="continuationToken">
    /// A <see cref="Page{T}.ContinuationToken"/> from an earlier enumeration, to resume with the page after it, or
    /// <see langword="null"/> to start with the first page.
    /// </param>
    /// <param name="cancellationToken">Cancels the enumeration; passed to every page request.</param>
    /// <returns>The pages in order.</returns>
    /// <exception cref="ArgumentException"><paramref name="continuationToken"/> is not a token this list gave.</exception>
    public virtual IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, CancellationToken cancellationToken = default) =>
        FetchPages(ContinuationTokens.Parse(continuationToken, nameof(continuationToken)), cancellationToken);

    private async IAsyncEnumerable<Page<T>> FetchPages(int first, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_fetch is null || _key is null)
        {
            yield break;
        }

        using CancellationTokenSource? linked = cancellationToken.CanBeCanceled && _cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancellationToken)
            : null;
        CancellationToken token = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : _cancellationToken);

        var seen = new HashSet<PageFingerprint>();
        for (int number = first; ; number++)
        {
            token.ThrowIfCancellationRequested();
            Page<T> page = await _fetch(number, token).ConfigureAwait(false);
            if (page.Values.Count == 0)
            {
                if (number == first)
                {
                    yield return page with { ContinuationToken = null };
                }

                yield break;
            }

            if (!seen.Add(PageFingerprint.Of(page.Values, _key)))
            {
                yield break;
            }

            bool last = page.Info?.TotalPages is { } totalPages
                ? number >= totalPages
                : page.Values.Count < _pageSize;
            yield return page with { ContinuationToken = last ? null : ContinuationTokens.Of(number + 1) };
            if (last)
            {
                yield break;
            }

            if (number == PagingLimits.MaxPages)
            {
                throw new CloudflareApiException(
                    $"The listing still had more pages after {PagingLimits.MaxPages} pages, the most a listing is followed; "
                    + "the server keeps answering new pages. The pages so far were returned.",
                    HttpStatusCode.OK);
            }
        }
    }

    /// <summary>Enumerates the items of every page.</summary>
    /// <param name="cancellationToken">Cancels the enumeration; passed to every page request.</param>
    /// <returns>The item enumerator.</returns>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (Page<T> page in AsPages(null, cancellationToken).ConfigureAwait(false))
        {
            foreach (T item in page.Values)
            {
                yield return item;
            }
        }
    }

    private sealed class StaticPageable(Page<T>[] pages) : AsyncPageable<T>
    {
        public override IAsyncEnumerable<Page<T>> AsPages(
            string? continuationToken = null, CancellationToken cancellationToken = default) =>
            Yield(ContinuationTokens.Parse(continuationToken, nameof(continuationToken)), cancellationToken);

        private async IAsyncEnumerable<Page<T>> Yield(int first, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            for (int i = first - 1; i < pages.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return pages[i];
            }

            await Task.CompletedTask.ConfigureAwait(false);
        }
    }
}
