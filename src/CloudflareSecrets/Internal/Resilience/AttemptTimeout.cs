namespace CloudflareSecrets.Internal;

/// <summary>
/// The token one attempt runs under: cancelled when <see cref="SecretsStoreRetryOptions.AttemptTimeout"/> elapses or
/// the caller cancels. Its source is reused from attempt to attempt on a thread (reset as Polly's timeout strategy resets
/// its pooled ones), so an attempt that ends in time allocates neither a source nor its timer. The pipeline turns an
/// elapsed timeout into a <see cref="TimeoutException"/>.
/// </summary>
internal readonly struct AttemptTimeout : IDisposable
{
    [ThreadStatic]
    private static CancellationTokenSource? t_spare;

    private readonly CancellationTokenSource? _source;
    private readonly CancellationTokenRegistration _callerLink;

    private AttemptTimeout(CancellationTokenSource? source, CancellationTokenRegistration callerLink, CancellationToken token)
    {
        _source = source;
        _callerLink = callerLink;
        Token = token;
    }

    /// <summary>The token the attempt passes on.</summary>
    public CancellationToken Token { get; }

    /// <summary>Whether the token was cancelled (by the timeout, or by the caller: tell them apart by the caller's token).</summary>
    public bool HasElapsed => _source is { IsCancellationRequested: true };

    /// <summary>Starts the clock; an infinite or zero timeout is none, as in Polly.</summary>
    public static AttemptTimeout Start(TimeSpan timeout, CancellationToken callerToken)
    {
        // Timeout.InfiniteTimeSpan is -1 ms: no clock either.
        if (timeout <= TimeSpan.Zero)
        {
            return new AttemptTimeout(null, default, callerToken);
        }

        CancellationTokenSource source = t_spare ?? new CancellationTokenSource();
        t_spare = null;
        source.CancelAfter(timeout);
        CancellationTokenRegistration link = callerToken.CanBeCanceled
            ? callerToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), source)
            : default;
        return new AttemptTimeout(source, link, source.Token);
    }

    /// <summary>Stops the clock; the source is kept for the next attempt on this thread unless it was cancelled.</summary>
    public void Dispose()
    {
        if (_source is null)
        {
            return;
        }

        _callerLink.Dispose();
        if (_source.TryReset())
        {
            t_spare = _source;
        }
        else
        {
            _source.Dispose();
        }
    }
}
