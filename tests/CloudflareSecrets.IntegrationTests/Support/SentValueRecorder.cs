using System.Diagnostics;
using System.Text.Json;

namespace CloudflareSecrets.IntegrationTests.Support;

/// <summary>
/// Records every <c>"value"</c> field of the JSON request bodies this process sends, with the request's URL, from
/// <see cref="HttpClient"/>'s own diagnostic events. It sees what a program sends through an <see cref="HttpClient"/>
/// the test cannot reach (the demo builds its own client and emulator), so the test can tell which secret values exist.
/// </summary>
internal sealed class SentValueRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<(Uri Url, string Value)> _sent = [];
    private readonly HashSet<HttpRequestMessage> _seen = new(ReferenceEqualityComparer.Instance);

    public SentValueRecorder()
    {
        IDisposable all = DiagnosticListener.AllListeners.Subscribe(this);
        lock (_subscriptions)
        {
            _subscriptions.Add(all);
        }
    }

    /// <summary>The values sent so far to URLs that start with <paramref name="baseAddress"/>, oldest first.</summary>
    public IReadOnlyList<string> ValuesSentTo(Uri baseAddress)
    {
        lock (_sent)
        {
            return [.. _sent.Where(s => baseAddress.IsBaseOf(s.Url)).Select(s => s.Value)];
        }
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
            _subscriptions.Clear();
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "HttpHandlerDiagnosticListener")
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> diagnostic)
    {
        // Both the activity's start event and the older request event carry the request; record each request once.
        object? carried = diagnostic.Value?.GetType().GetProperty("Request")?.GetValue(diagnostic.Value);
        if (carried is not HttpRequestMessage { Content: { } content, RequestUri: { } url } request)
        {
            return;
        }

        lock (_sent)
        {
            if (!_seen.Add(request))
            {
                return;
            }
        }

        // The client's bodies are StringContent: reading them again is synchronous and leaves them intact.
        string body = content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (!body.StartsWith('[') && !body.StartsWith('{'))
        {
            return;
        }

        using var json = JsonDocument.Parse(body);
        lock (_sent)
        {
            _sent.AddRange(Values(json.RootElement).Select(value => (url, value)));
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    private static IEnumerable<string> Values(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Values),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name == "value" && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : Values(p.Value)),
        _ => [],
    };
}
