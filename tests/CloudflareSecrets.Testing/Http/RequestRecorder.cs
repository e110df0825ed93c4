namespace CloudflareSecrets.Testing;

/// <summary>
/// A handler in front of a fake server (MockHttp, or any handler) that records every request reaching the HTTP boundary
/// before passing it on, so tests assert exact requests and "nothing was sent".
/// </summary>
public sealed class RequestRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly List<SentRequest> _requests = [];

    /// <summary>Every request recorded so far, in order.</summary>
    public IReadOnlyList<SentRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Runs for each request after it is recorded, with the token the pipeline was given.</summary>
    public Action<HttpRequestMessage, CancellationToken>? OnSend { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Read now: the generated client disposes the request (and its body) when the call returns.
        SentRequest sent = await SentRequest.FromAsync(request, cancellationToken).ConfigureAwait(false);
        lock (_requests)
        {
            _requests.Add(sent);
        }

        OnSend?.Invoke(request, cancellationToken);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
