using System.Diagnostics;
using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.Resilience.Support;

/// <summary>
/// One scripted answer of the fake server: a response, or a transport failure thrown where the network would throw it.
/// </summary>
public sealed class Reply
{
    private readonly Func<HttpRequestMessage, Task<HttpResponseMessage>> _produce;

    private Reply(string label, bool provesNotActed, Func<HttpRequestMessage, Task<HttpResponseMessage>> produce)
    {
        Label = label;
        ProvesNotActed = provesNotActed;
        _produce = produce;
    }

    /// <summary>What the reply is, for assertion messages.</summary>
    public string Label { get; }

    /// <summary>
    /// Whether the reply proves the server did not act on the request (a 429, or a connection that failed before anything
    /// was sent): only then may a write be sent again.
    /// </summary>
    public bool ProvesNotActed { get; }

    /// <summary>A response with a JSON (or any text) body.</summary>
    public static Reply Status(int status, string? body, params (string Name, string Value)[] headers) =>
        Content(status, () => new StringContent(body ?? string.Empty, Encoding.UTF8, "application/json"), $"{status}", headers);

    /// <summary>The operation's documented success answer.</summary>
    public static Reply Success(ApiOperation operation, params (string Name, string Value)[] headers) =>
        Status((int)operation.SuccessStatus, operation.SuccessBody, headers);

    /// <summary>A response with a body of any kind (streams that stall, bodies that never end).</summary>
    public static Reply Content(int status, Func<HttpContent> content, string label, params (string Name, string Value)[] headers) =>
        Content(status, content, label, () => headers);

    /// <summary>A response whose headers are computed when it is sent (such as an HTTP date relative to now).</summary>
    public static Reply Content(int status, Func<HttpContent> content, string label, Func<(string Name, string Value)[]> headers) =>
        new(label, status == 429, _ => Task.FromResult(Build(status, content(), headers())));

    /// <summary>
    /// A failure thrown by the transport. MockHttp only passes on exceptions thrown synchronously, so this throws at
    /// once.
    /// </summary>
    public static Reply Throws(Func<Exception> failure, string label, bool notSent = false) =>
        new(label, notSent, _ => throw failure());

    /// <summary>Answers <paramref name="then"/> after <paramref name="delay"/>; a cancelled request stops waiting for it at once.</summary>
    public static Reply Slow(TimeSpan delay, Reply then) =>
        new($"slow {then.Label}", false, async request =>
        {
            await Task.Delay(delay).ConfigureAwait(false);
            return await then.Produce(request).ConfigureAwait(false);
        });

    public Task<HttpResponseMessage> Produce(HttpRequestMessage request) => _produce(request);

    public override string ToString() => Label;

    private static HttpResponseMessage Build(int status, HttpContent content, (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = content };
        foreach ((string name, string value) in headers)
        {
            // As a real transport does: headers arrive unvalidated, whatever they hold.
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }
}

/// <summary>
/// A request the scripted server received, numbered, with the reply it was given and when it arrived: unlike
/// <see cref="SentRequest"/> it records the server's side (which reply, at what time), as the fault suite needs.
/// </summary>
public sealed record ScriptedRequest(int Number, HttpMethod Method, Uri Uri, string? Body, Reply Reply, long Timestamp);

/// <summary>
/// A MockHttp server that answers every request from a script (the last reply repeats), and records what it received.
/// </summary>
public sealed class ScriptedServer : IDisposable
{
    private readonly MockHttpMessageHandler _mock = new();
    private readonly List<ScriptedRequest> _requests = [];
    private readonly object _sync = new();
    private Func<HttpRequestMessage, int, Reply> _choose;

    public ScriptedServer(IReadOnlyList<Reply> script)
    {
        _choose = Sequence(script);
        _mock.When("*").Respond(Handle);
    }

    public ScriptedServer(Func<HttpRequestMessage, int, Reply> choose)
    {
        _choose = choose;
        _mock.When("*").Respond(Handle);
    }

    /// <summary>Called with the number of each request as it arrives, before it is answered.</summary>
    public Action<int>? OnRequest { get; set; }

    public HttpMessageHandler Handler => _mock;

    public IReadOnlyList<ScriptedRequest> Requests
    {
        get
        {
            lock (_sync)
            {
                return _requests.ToArray();
            }
        }
    }

    public HttpClient CreateClient() => new(_mock, disposeHandler: false);

    /// <summary>Answers the next requests from <paramref name="script"/>, counting requests from zero again.</summary>
    public void Script(params Reply[] script)
    {
        lock (_sync)
        {
            _requests.Clear();
            _choose = Sequence(script);
        }
    }

    /// <summary>Forgets the requests received so far; the answers go on as before.</summary>
    public void ClearRequests()
    {
        lock (_sync)
        {
            _requests.Clear();
        }
    }

    public void Dispose() => _mock.Dispose();

    private static Func<HttpRequestMessage, int, Reply> Sequence(IReadOnlyList<Reply> script) =>
        (_, index) => script[Math.Min(index, script.Count - 1)];

    private Task<HttpResponseMessage> Handle(HttpRequestMessage request)
    {
        string? body = request.Content?.ReadAsStringAsync().GetAwaiter().GetResult();
        Reply reply;
        int number;
        lock (_sync)
        {
            number = _requests.Count + 1;
            reply = _choose(request, _requests.Count);
            _requests.Add(new ScriptedRequest(number, request.Method, request.RequestUri!, body, reply, Stopwatch.GetTimestamp()));
        }

        OnRequest?.Invoke(number);
        return reply.Produce(request);
    }
}
