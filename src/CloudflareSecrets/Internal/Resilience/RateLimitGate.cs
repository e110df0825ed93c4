using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;

namespace CloudflareSecrets.Internal;

/// <summary>What <see cref="RateLimitGate.WaitAsync"/> decided: how long it waited, or that the wait would be too long.</summary>
/// <param name="Waited">The time spent waiting before the request could go (zero almost always).</param>
/// <param name="RefusedFor">When not null: the wait still needed, longer than the caller accepts; nothing may be sent.</param>
internal readonly record struct GateDecision(TimeSpan Waited, TimeSpan? RefusedFor);

/// <summary>
/// What the client knows of one credential's rate limit, shared by every client in the process that uses it against
/// the same server: the remaining budget and its reset time from Cloudflare's headers, and the optional client-side
/// budgets. Before each request, <see cref="WaitAsync"/> waits for the reset when the budget is spent, so the client
/// does not run into Cloudflare's 5-minute block.
/// </summary>
/// <remarks>
/// The server's headers describe the credential as a whole, so their state is shared by every client using it. A
/// client-side budget (<see cref="SecretsStoreRateLimitOptions.RequestBudget"/>) is shared only by the clients that
/// set the same budget and window (<see cref="Budget"/>): no client's settings change another's, whichever is made first.
/// </remarks>
internal sealed class RateLimitGate
{
    private static readonly ConcurrentDictionary<string, RateLimitGate> Shared = new(StringComparer.Ordinal);

    private static readonly TimeSpan ResetMargin = TimeSpan.FromMilliseconds(100);

    private readonly object _sync = new();
    private readonly ConcurrentDictionary<(int Budget, TimeSpan Window), RateLimiter> _budgets = new();
    private readonly TimeProvider _time;
    private int? _remaining;

    /// <summary>1 while the server's budget is spent (<c>_remaining &lt;= 0</c>), read without the lock by the fast path.</summary>
    private volatile int _spent;
    private DateTimeOffset _resetAt;

    internal RateLimitGate(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>The gate for <paramref name="key"/> (a hash of server and credential).</summary>
    public static RateLimitGate For(string key) => Shared.GetOrAdd(key, static _ => new RateLimitGate(TimeProvider.System));

    /// <summary>
    /// The client-side budget of <paramref name="budget"/> requests per <paramref name="window"/> for this credential,
    /// shared by every client that asks for the same pair; <see langword="null"/> when <paramref name="budget"/> is 0 (off).
    /// </summary>
    public RateLimiter? Budget(int budget, TimeSpan window) => budget <= 0
        ? null
        : _budgets.GetOrAdd((budget, window), static key => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = key.Budget,
            Window = key.Window,
            SegmentsPerWindow = 10,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));

    /// <summary>
    /// Waits until a request may be sent: for the server's reset when <paramref name="respectServer"/> and its budget is
    /// spent, then for a permit of <paramref name="budget"/>. Refuses (without waiting) when the wait would be longer than
    /// <paramref name="maxWait"/>, so the caller fails at once instead of sleeping.
    /// </summary>
    public ValueTask<GateDecision> WaitAsync(
        bool respectServer, RateLimiter? budget, TimeSpan maxWait, CancellationToken cancellationToken) =>
        // Almost every request: the server's budget is not spent and no client-side budget is set; nothing to wait for,
        // no lock to take. (A response read at the same moment may spend the budget: as with the lock, one request can
        // go out before that response is seen.)
        budget is null && (!respectServer || _spent == 0)
            ? ValueTask.FromResult(default(GateDecision))
            : WaitOrRefuseAsync(respectServer, budget, maxWait, cancellationToken);

    private async ValueTask<GateDecision> WaitOrRefuseAsync(
        bool respectServer, RateLimiter? budget, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        long started = 0;
        if (respectServer)
        {
            TimeSpan wait;
            lock (_sync)
            {
                wait = _remaining is <= 0 ? _resetAt - _time.GetUtcNow() : TimeSpan.Zero;
                if (wait <= TimeSpan.Zero && _remaining is <= 0)
                {
                    _remaining = null;
                    _spent = 0;
                }
            }

            if (wait > maxWait)
            {
                return new GateDecision(TimeSpan.Zero, wait);
            }

            if (wait > TimeSpan.Zero)
            {
                started = _time.GetTimestamp();
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                lock (_sync)
                {
                    _remaining = null;
                    _spent = 0;
                }
            }
        }

        if (budget is not null)
        {
            using RateLimitLease lease = budget.AttemptAcquire();
            if (!lease.IsAcquired)
            {
                started = started == 0 ? _time.GetTimestamp() : started;
                using RateLimitLease queued = await AcquireWithinAsync(budget, maxWait, cancellationToken).ConfigureAwait(false);
                if (!queued.IsAcquired)
                {
                    TimeSpan refusedFor = queued.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter)
                        ? retryAfter
                        : maxWait + TimeSpan.FromSeconds(1);
                    return new GateDecision(Elapsed(started), refusedFor);
                }
            }
        }

        return new GateDecision(started == 0 ? TimeSpan.Zero : Elapsed(started), null);
    }

    /// <summary>
    /// Records the budget a response reports: <c>Ratelimit: "default";r=&lt;remaining&gt;;t=&lt;reset s&gt;</c>, or
    /// <c>x-ratelimit-remaining</c>/<c>-reset</c>.
    /// </summary>
    public void Observe(HttpResponseMessage response)
    {
        int? remaining = null;
        double? reset = null;
        if (HeaderReader.First(response.Headers, "Ratelimit") is { } header)
        {
            if (Parameter(header, 'r', fraction: false) is { Length: > 0 } r
                && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out int rv))
            {
                remaining = rv;
            }

            if (Parameter(header, 't', fraction: true) is { Length: > 0 } t
                && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double tv))
            {
                reset = tv;
            }
        }
        else
        {
            string? xRemaining = HeaderReader.First(response.Headers, "x-ratelimit-remaining");
            if (int.TryParse(xRemaining, NumberStyles.None, CultureInfo.InvariantCulture, out int xrv))
            {
                remaining = xrv;
            }

            string? xReset = HeaderReader.First(response.Headers, "x-ratelimit-reset");
            if (double.TryParse(xReset, NumberStyles.Float, CultureInfo.InvariantCulture, out double xtv))
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
            _spent = remaining <= 0 ? 1 : 0;
            // x-ratelimit-reset may read "NaN" (a valid double): Math.Clamp passes NaN through, TimeSpan rejects it.
            // A margin past the reset: the header counts whole seconds, and the server's clock and this timer's differ
            // by a few milliseconds, enough for a request sent on the exact second to land in the old window.
            double untilReset = reset is { } seconds && !double.IsNaN(seconds) ? Math.Clamp(seconds, 0, 3600) : 1;
            _resetAt = _time.GetUtcNow() + TimeSpan.FromSeconds(untilReset) + ResetMargin;
        }
    }

    private TimeSpan Elapsed(long started) => _time.GetElapsedTime(started);

    private static async ValueTask<RateLimitLease> AcquireWithinAsync(
        RateLimiter budget, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(maxWait);
        try
        {
            return await budget.AcquireAsync(1, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return NotAcquired.Instance;
        }
    }

    /// <summary>
    /// The value of the first <c>name=digits</c> parameter of a <c>Ratelimit</c> header whose name starts the header or
    /// follows ';', ',' or white space (<c>r=1199</c>, <c>t=300</c>, with <paramref name="fraction"/> also <c>t=2.5</c>):
    /// the digits, or empty when there is none. Read in place, without a regular expression: this runs on every response.
    /// </summary>
    private static ReadOnlySpan<char> Parameter(string header, char name, bool fraction)
    {
        ReadOnlySpan<char> text = header;
        for (int i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] != name || text[i + 1] != '=' || (i > 0 && text[i - 1] is not (';' or ',') && !char.IsWhiteSpace(text[i - 1])))
            {
                continue;
            }

            int start = i + 2;
            int end = Digits(text, start);
            if (end == start)
            {
                continue;
            }

            if (fraction && end + 1 < text.Length && text[end] == '.' && char.IsAsciiDigit(text[end + 1]))
            {
                end = Digits(text, end + 1);
            }

            return text[start..end];
        }

        return [];
    }

    /// <summary>Where the run of ASCII digits from <paramref name="start"/> ends.</summary>
    private static int Digits(ReadOnlySpan<char> text, int start)
    {
        int end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end;
    }

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
