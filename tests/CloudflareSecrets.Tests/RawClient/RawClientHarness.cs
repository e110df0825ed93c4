using System.Net;
using System.Text;
using CloudflareSecrets.Generated;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.RawClient;

/// <summary>
/// The generated <see cref="SecretsStoreRawClient"/> over a MockHttp handler that answers every request with one canned
/// response, behind a <see cref="RequestRecorder"/>, so a test can assert the exact method, URL, headers and body.
/// </summary>
internal sealed class RawClientHarness : IDisposable
{
    public const string BaseAddress = "https://api.cloudflare.com/client/v4/";

    private readonly MockHttpMessageHandler _mock = new();
    private readonly RequestRecorder _recorder;
    private readonly HttpClient _http;

    public RawClientHarness(HttpStatusCode status, string responseJson)
        : this(status, "application/json", responseJson)
    {
    }

    public RawClientHarness(HttpStatusCode status, string mediaType, string responseBody)
    {
        _mock.Fallback.Respond(
            _ => new HttpResponseMessage(status) { Content = new StringContent(responseBody, Encoding.UTF8, mediaType) });
        _recorder = new RequestRecorder(_mock);
        _http = new HttpClient(_recorder) { BaseAddress = new Uri(BaseAddress) };
        Client = new SecretsStoreRawClient(_http);
    }

    public SecretsStoreRawClient Client { get; }

    /// <summary>The one request the call sent (a test fails if it sent none or several).</summary>
    public SentRequest Request
    {
        get
        {
            IReadOnlyList<SentRequest> requests = _recorder.Requests;
            Assert.That(requests, Has.Count.EqualTo(1), "number of requests sent");
            return requests[0];
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _recorder.Dispose();
    }
}

/// <summary>Compares JSON by structure: same properties (in any order) with the same values, arrays in order.</summary>
internal static class JsonIs
{
    public static NUnit.Framework.Constraints.EqualConstraint StructurallyEqualTo(string expectedJson) =>
        Is.EqualTo(JToken.Parse(expectedJson)).Using(new JTokenEqualityComparer());
}
