using System.Net;
using System.Net.Http.Headers;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.Facade.Support;

/// <summary>
/// Cloudflare's side of the HTTP boundary: MockHttp answers, and a handler in front of it records every request that
/// reaches the wire (method, absolute URL, headers, body), so tests assert exact requests and "nothing was sent".
/// The real generated client runs in between.
/// </summary>
internal sealed class FakeCloudflare : IDisposable
{
    public const string BaseUrl = "https://api.cloudflare.com/client/v4/";
    public const string AccountId = "985e105f4ecef8ad9ca31a8372d0c353";
    public const string OtherAccountId = "11111111111111111111111111111111";
    public const string StoreId = "023e105f4ecef8ad9ca31a8372d0c353";
    public const string SecretId = "3fd85f74b32742f1bff64a85009dda07";
    public const string ApiToken = "test-api-token-1234";

    private readonly RecordingHandler _recorder;

    public FakeCloudflare()
    {
        Mock = new MockHttpMessageHandler();
        Mock.Fallback.Throw(new InvalidOperationException("The fake Cloudflare has no answer for this request."));
        _recorder = new RecordingHandler(Mock);
    }

    /// <summary>The MockHttp handler that answers; set answers with <see cref="Answer"/> or directly.</summary>
    public MockHttpMessageHandler Mock { get; }

    /// <summary>Every request that reached the HTTP boundary, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _recorder.Requests;

    /// <summary>Runs inside the HTTP pipeline for each request, with the token the pipeline was given.</summary>
    public Action<HttpRequestMessage, CancellationToken>? OnSend
    {
        get => _recorder.OnSend;
        set => _recorder.OnSend = value;
    }

    /// <summary>The one request sent; fails the test when there were none or several.</summary>
    public RecordedRequest SingleRequest
    {
        get
        {
            Assert.That(Requests, Has.Count.EqualTo(1), "requests sent");
            return Requests[0];
        }
    }

    /// <summary>The URL of the Secrets Store of <paramref name="accountId"/>, followed by <paramref name="path"/>.</summary>
    public static string Url(string path, string accountId = AccountId) => $"{BaseUrl}accounts/{accountId}/secrets_store/{path}";

    public static string StoreUrl(string path = "") => Url($"stores/{StoreId}{path}");

    public static string SecretsUrl(string path = "") => StoreUrl("/secrets" + path);

    /// <summary>A client with an API token and a default account, sending through this fake.</summary>
    public SecretsStoreClient CreateClient(Action<SecretsStoreClientOptions>? configure = null)
    {
        // One attempt per call: these tests pin each request and its mapping; the retry policy has its own suite (Resilience/).
        var options = new SecretsStoreClientOptions { ApiToken = ApiToken, AccountId = AccountId, Retry = { MaxAttempts = 1 } };
        configure?.Invoke(options);
        return new SecretsStoreClient(options, CreateHttpClient());
    }

    public HttpClient CreateHttpClient() => new(_recorder, disposeHandler: false);

    /// <summary>Sends into the recording pipeline without an <see cref="HttpClient"/> of its own (for another client's primary handler).</summary>
    public HttpMessageInvoker CreateInvoker() => new(_recorder, disposeHandler: false);

    /// <summary>Answers every request to <paramref name="method"/> <paramref name="url"/> (query parameters listed must match; others may be present).</summary>
    public MockedRequest Answer(HttpMethod method, string url, string body, HttpStatusCode status = HttpStatusCode.OK, params (string Name, string Value)[] headers)
    {
        MockedRequest request = Mock.When(method, url);
        request.Respond(status, headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)), "application/json", body);
        return request;
    }

    /// <summary>Answers every request, whatever its method and URL.</summary>
    public void AnswerAll(string body, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json", params (string Name, string Value)[] headers) =>
        Mock.When("*").Respond(status, headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)), mediaType, body);

    public void Dispose()
    {
        _recorder.Dispose();
    }

    private sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly List<RecordedRequest> _requests = [];

        public IReadOnlyList<RecordedRequest> Requests
        {
            get
            {
                lock (_requests)
                {
                    return _requests.ToArray();
                }
            }
        }

        public Action<HttpRequestMessage, CancellationToken>? OnSend { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var recorded = new RecordedRequest(
                request.Method,
                request.RequestUri!,
                request.Headers,
                body,
                request.Content?.Headers.ContentType?.MediaType);
            lock (_requests)
            {
                _requests.Add(recorded);
            }

            OnSend?.Invoke(request, cancellationToken);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>One request as it reached the HTTP boundary.</summary>
internal sealed class RecordedRequest
{
    private readonly Dictionary<string, string[]> _headers;

    public RecordedRequest(HttpMethod method, Uri uri, HttpRequestHeaders headers, string? body, string? contentType)
    {
        Method = method;
        Uri = uri;
        Body = body;
        ContentType = contentType;
        _headers = headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    public HttpMethod Method { get; }

    public Uri Uri { get; }

    /// <summary>The absolute URL exactly as sent, query string included.</summary>
    public string Url => Uri.AbsoluteUri;

    public string? Body { get; }

    public string? ContentType { get; }

    public IReadOnlyCollection<string> HeaderNames => _headers.Keys;

    /// <summary>The header's values joined with commas, or <see langword="null"/> when it was not sent.</summary>
    public string? Header(string name) => _headers.TryGetValue(name, out string[]? values) ? string.Join(",", values) : null;

    /// <summary>Asserts that the body is JSON equal to <paramref name="expectedJson"/> (structure and values; property order ignored).</summary>
    public void AssertJsonBody(string expectedJson)
    {
        Assert.That(Body, Is.Not.Null, "request body");
        Assert.That(ContentType, Is.EqualTo("application/json"), "request content type");
        JToken expected = JToken.Parse(expectedJson);
        JToken actual = JToken.Parse(Body!);
        Assert.That(JToken.DeepEquals(actual, expected), Is.True, $"request body{Environment.NewLine}expected: {expected.ToString(Newtonsoft.Json.Formatting.None)}{Environment.NewLine}but was:  {actual.ToString(Newtonsoft.Json.Formatting.None)}");
    }

    public override string ToString() => $"{Method} {Url}";
}
