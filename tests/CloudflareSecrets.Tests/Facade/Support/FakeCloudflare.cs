using System.Net;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.Facade.Support;

/// <summary>
/// Cloudflare's side of the HTTP boundary: MockHttp answers, and a <see cref="RequestRecorder"/> in front of it records
/// every request that reaches the wire (method, absolute URL, headers, body), so tests assert exact requests and
/// "nothing was sent".
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

    private readonly RequestRecorder _recorder;

    public FakeCloudflare()
    {
        Mock = new MockHttpMessageHandler();
        Mock.Fallback.Throw(new InvalidOperationException("The fake Cloudflare has no answer for this request."));
        _recorder = new RequestRecorder(Mock);
    }

    /// <summary>The MockHttp handler that answers; set answers with <see cref="Answer"/> or directly.</summary>
    public MockHttpMessageHandler Mock { get; }

    /// <summary>Every request that reached the HTTP boundary, in order.</summary>
    public IReadOnlyList<SentRequest> Requests => _recorder.Requests;

    /// <summary>Runs inside the HTTP pipeline for each request, with the token the pipeline was given.</summary>
    public Action<HttpRequestMessage, CancellationToken>? OnSend
    {
        get => _recorder.OnSend;
        set => _recorder.OnSend = value;
    }

    /// <summary>The one request sent; fails the test when there were none or several.</summary>
    public SentRequest SingleRequest
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

    /// <summary>
    /// Sends into the recording pipeline without an <see cref="HttpClient"/> of its own (for another client's primary handler).
    /// </summary>
    public HttpMessageInvoker CreateInvoker() => new(_recorder, disposeHandler: false);

    /// <summary>
    /// Answers every request to <paramref name="method"/> <paramref name="url"/> (query parameters listed must match; others may
    /// be present).
    /// </summary>
    public MockedRequest Answer(
        HttpMethod method,
        string url,
        string body,
        HttpStatusCode status = HttpStatusCode.OK,
        params (string Name, string Value)[] headers)
    {
        MockedRequest request = Mock.When(method, url);
        request.Respond(status, headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)), "application/json", body);
        return request;
    }

    /// <summary>Answers every request, whatever its method and URL.</summary>
    public void AnswerAll(
        string body,
        HttpStatusCode status = HttpStatusCode.OK,
        string mediaType = "application/json",
        params (string Name, string Value)[] headers) =>
        Mock.When("*").Respond(status, headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)), mediaType, body);

    public void Dispose()
    {
        _recorder.Dispose();
    }
}
