using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.RateLimiting;

namespace CloudflareSecrets.Internal;

/// <summary>
/// What the client knows of one credential's rate limit, shared by every client in the process that uses it against
/// the same server: the remaining budget and its reset time from Cloudflare's headers, and the optional client-side
/// budget. Before each request, <see cref="WaitAsync"/> waits for the reset when the budget is spent, so the client
/// does not run into Cloudflare's 5-minute block.
/// </summary>
internal sealed partial class RateLimitGate : IDisposable
{
    private static readonly ConcurrentDictionary<string, RateLimitGate> Shared = new(StringComparer.Ordinal);

    private static readonly TimeSpan ResetMargin = TimeSpan.FromMilliseconds(100);

    private readonly object _sync = new();
    private readonly RateLimiter? _budget;
    private readonly TimeProvider _time;
    private int? _remaining;
    private DateTimeOffset _resetAt;

    internal RateLimitGate(int budget, TimeSpan window, TimeProvider time)
    {
        _time = time;
        if (budget > 0)
        {
            _budget = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = budget,
                Window = window,
                SegmentsPerWindow = 10,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }
    }

    /// <summary>The gate for <paramref name="key"/> (a hash of server and credential); the first client's budget settings win.</summary>
    public static RateLimitGate For(string key, SecretsStoreRateLimitOptions options) =>
        Shared.GetOrAdd(key, static (_, o) => new RateLimitGate(o.RequestBudget, o.BudgetWindow, TimeProvider.System), options);

    /// <summary>
    /// Waits until a request may be sent. Returns <see langword="null"/> when it may; returns the wait still needed when
    /// that is longer than <paramref name="maxWait"/> (the caller then fails at once instead of sleeping).
    /// </summary>
    public async ValueTask<TimeSpan?> WaitAsync(bool respectServer, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (respectServer)
        {
            TimeSpan wait;
            lock (_sync)
            {
                wait = _remaining is <= 0 ? _resetAt - _time.GetUtcNow() : TimeSpan.Zero;
                if (wait <= TimeSpan.Zero && _remaining is <= 0)
                {
                    _remaining = null;
                }
            }

            if (wait > maxWait)
            {
                return wait;
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                lock (_sync)
                {
                    _remaining = null;
                }
            }
        }

        if (_budget is not null)
        {
            using RateLimitLease lease = _budget.AttemptAcquire();
            if (!lease.IsAcquired)
            {
                using RateLimitLease queued = await AcquireWithinAsync(maxWait, cancellationToken).ConfigureAwait(false);
                if (!queued.IsAcquired)
                {
                    return queued.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter) ? retryAfter : maxWait + TimeSpan.FromSeconds(1);
                }
            }
        }

        return null;
    }

    /// <summary>Records the budget a response reports: <c>Ratelimit: "default";r=&lt;remaining&gt;;t=&lt;reset s&gt;</c>, or <c>x-ratelimit-remaining</c>/<c>-reset</c>.</summary>
    public void Observe(HttpResponseMessage response)
    {
        int? remaining = null;
        double? reset = null;
        if (HeaderReader.First(response.Headers, "Ratelimit") is { } header)
        {
            if (Parameter(header, Remaining()) is { Length: > 0 } r && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out int rv))
            {
                remaining = rv;
            }

            if (Parameter(header, Reset()) is { Length: > 0 } t && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double tv))
            {
                reset = tv;
            }
        }
        else
        {
            if (int.TryParse(HeaderReader.First(response.Headers, "x-ratelimit-remaining"), NumberStyles.None, CultureInfo.InvariantCulture, out int xrv))
            {
                remaining = xrv;
            }

            if (double.TryParse(HeaderReader.First(response.Headers, "x-ratelimit-reset"), NumberStyles.Float, CultureInfo.InvariantCulture, out double xtv))
            {
                // Some servers send an epoch time, others seconds from now.
                reset = xtv > 1_000_000_000 ? xtv - _time.GetUtcNow().ToUnixTimeSeconds() : xtv;
            }
        }

        if (remaining is null)
        {
            return;
        }

        lock (_sync)
        {
            _remaining = remaining;
            // x-ratelimit-reset may read "NaN" (a valid double): Math.Clamp passes NaN through, TimeSpan rejects it.
            // A margin past the reset: the header counts whole seconds, and the server's clock and this timer's differ
            // by a few milliseconds, enough for a request sent on the exact second to land in the old window.
            _resetAt = _time.GetUtcNow() + TimeSpan.FromSeconds(reset is { } seconds && !double.IsNaN(seconds) ? Math.Clamp(seconds, 0, 3600) : 1) + ResetMargin;
        }
    }

    public void Dispose() => _budget?.Dispose();

    private async ValueTask<RateLimitLease> AcquireWithinAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(maxWait);
        try
        {
            return await _budget!.AcquireAsync(1, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return NotAcquired.Instance;
        }
    }

    /// <summary>
    /// The value of the first match of <paramref name="pattern"/> (<c>[separator]name=value</c>): what follows its first
    /// '=', found without allocating a Match. Empty when nothing matches.
    /// </summary>
    private static ReadOnlySpan<char> Parameter(string header, Regex pattern)
    {
        foreach (ValueMatch match in pattern.EnumerateMatches(header))
        {
            ReadOnlySpan<char> text = header.AsSpan(match.Index, match.Length);
            return text[(text.IndexOf('=') + 1)..];
        }

        return [];
    }

    [GeneratedRegex(@"(?:^|[;,\s])r=(\d+)")]
    private static partial Regex Remaining();

    [GeneratedRegex(@"(?:^|[;,\s])t=(\d+(?:\.\d+)?)")]
    private static partial Regex Reset();

    private sealed class NotAcquired : RateLimitLease
    {
        public static readonly NotAcquired Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
