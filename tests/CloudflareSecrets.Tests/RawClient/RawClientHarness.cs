using System.Net;
using System.Text;
using CloudflareSecrets.Generated;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.RawClient;

/// <summary>
/// The generated <see cref="SecretsStoreRawClient"/> over a MockHttp handler that answers every request with one canned
/// response and records what was sent, so a test can assert the exact method, URL, headers and body.
/// </summary>
internal sealed class RawClientHarness : IDisposable
{
    public const string BaseAddress = "https://api.cloudflare.com/client/v4/";

    private readonly MockHttpMessageHandler _mock = new();
    private readonly HttpClient _http;
    private readonly List<RecordedRequest> _requests = [];

    public RawClientHarness(HttpStatusCode status, string responseJson)
        : this(status, "application/json", responseJson)
    {
    }

    public RawClientHarness(HttpStatusCode status, string mediaType, string responseBody)
    {
        _mock.Fallback.Respond(async request =>
        {
            // The generated client disposes the request when the call returns: read it while it is alive.
            _requests.Add(await RecordedRequest.FromAsync(request));
            return new HttpResponseMessage(status) { Content = new StringContent(responseBody, Encoding.UTF8, mediaType) };
        });
        _http = new HttpClient(_mock) { BaseAddress = new Uri(BaseAddress) };
        Client = new SecretsStoreRawClient(_http);
    }

    public SecretsStoreRawClient Client { get; }

    /// <summary>The one request the call sent (a test fails if it sent none or several).</summary>
    public RecordedRequest Request
    {
        get
        {
            Assert.That(_requests, Has.Count.EqualTo(1), "number of requests sent");
            return _requests[0];
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _mock.Dispose();
    }
}

/// <summary>What the client put on the wire.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Accept, string? ContentType, string? Body)
{
    /// <summary>The absolute URL, exactly as sent (path and query).</summary>
    public string Url => Uri.AbsoluteUri;

    /// <summary>The body parsed as JSON, for comparison by structure.</summary>
    public JToken Json => Body is null ? throw new AssertionException("The request has no body.") : JToken.Parse(Body);

    public static async Task<RecordedRequest> FromAsync(HttpRequestMessage request) => new(
        request.Method,
        request.RequestUri!,
        request.Headers.Accept.ToString(),
        request.Content?.Headers.ContentType?.ToString(),
        request.Content is null ? null : await request.Content.ReadAsStringAsync());
}

/// <summary>Compares JSON by structure: same properties (in any order) with the same values, arrays in order.</summary>
internal static class JsonIs
{
    public static NUnit.Framework.Constraints.EqualConstraint StructurallyEqualTo(string expectedJson) =>
        Is.EqualTo(JToken.Parse(expectedJson)).Using(new JTokenEqualityComparer());
}
