using System.Runtime.CompilerServices;

namespace CloudflareSecrets;

/// <summary>
/// A list that fetches its pages lazily, one request per page, as the caller enumerates. Enumerate it with
/// <c>await foreach</c> for the items, or use <see cref="AsPages"/> for page-level access with <see cref="PageInfo"/>.
/// Paging stops at the last page (<c>page &gt;= total_pages</c>), at an empty page, or when a page repeats the previous
/// one (a server ignoring the page number), so enumeration always ends.
/// </summary>
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

    internal AsyncPageable(Func<int, CancellationToken, Task<Page<T>>> fetch, Func<T, string> key, int pageSize, CancellationToken cancellationToken)
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
    /// <param name="cancellationToken">Cancels the enumeration; passed to every page request.</param>
    /// <returns>The pages in order.</returns>
    public virtual async IAsyncEnumerable<Page<T>> AsPages([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_fetch is null || _key is null)
        {
            yield break;
        }

        using CancellationTokenSource? linked = cancellationToken.CanBeCanceled && _cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancellationToken)
            : null;
        CancellationToken token = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : _cancellationToken);

        string[]? previous = null;
        for (int number = 1; ; number++)
        {
            token.ThrowIfCancellationRequested();
            Page<T> page = await _fetch(number, token).ConfigureAwait(false);
            if (page.Items.Count == 0)
            {
                if (number == 1)
                {
                    yield return page;
                }

                yield break;
            }

            string[] keys = new string[page.Items.Count];
            for (int i = 0; i < keys.Length; i++)
            {
                keys[i] = _key(page.Items[i]);
            }

            if (previous is not null && keys.AsSpan().SequenceEqual(previous))
            {
                yield break;
            }

            yield return page;

            bool last = page.Info?.TotalPages is { } totalPages
                ? number >= totalPages
                : page.Items.Count < _pageSize;
            if (last)
            {
                yield break;
            }

            previous = keys;
        }
    }

    /// <summary>Enumerates the items of every page.</summary>
    /// <param name="cancellationToken">Cancels the enumeration; passed to every page request.</param>
    /// <returns>The item enumerator.</returns>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (Page<T> page in AsPages(cancellationToken).ConfigureAwait(false))
        {
            foreach (T item in page.Items)
            {
                yield return item;
            }
        }
    }

    private sealed class StaticPageable(Page<T>[] pages) : AsyncPageable<T>
    {
        public override async IAsyncEnumerable<Page<T>> AsPages([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (Page<T> page in pages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return page;
            }

            await Task.CompletedTask.ConfigureAwait(false);
        }
    }
}
