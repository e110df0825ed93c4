namespace CloudflareSecrets.IntegrationTests.Support;

/// <summary>
/// Sends to the emulator over real HTTP, and runs another client's action just before the first request that matches,
/// so a race (a name created between a find and a create, a secret deleted between a find and an update) happens at
/// exactly that point, every time.
/// </summary>
internal sealed class InterleavingHandler() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
{
    private readonly List<(HttpMethod Method, string PathContains, Func<Task> Action)> _pending = [];

    /// <summary>
    /// Runs <paramref name="action"/> once, before the first <paramref name="method"/> request whose path contains
    /// <paramref name="pathContains"/>.
    /// </summary>
    public void Before(HttpMethod method, string pathContains, Func<Task> action)
    {
        lock (_pending)
        {
            _pending.Add((method, pathContains, action));
        }
    }

    /// <summary>Whether every interleaved action has run (a test whose race never happened proves nothing).</summary>
    public bool AllRan
    {
        get
        {
            lock (_pending)
            {
                return _pending.Count == 0;
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Func<Task>? action = null;
        lock (_pending)
        {
            int index = _pending.FindIndex(
                p => p.Method == request.Method && request.RequestUri!.AbsolutePath.Contains(p.PathContains, StringComparison.Ordinal));
            if (index >= 0)
            {
                action = _pending[index].Action;
                _pending.RemoveAt(index);
            }
        }

        if (action is not null)
        {
            await action().ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
