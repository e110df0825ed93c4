using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CloudflareSecrets.Emulator.Tests.Support;

/// <summary>A response read to the end: status, headers and the raw body (parsed lazily as JSON).</summary>
public sealed class ApiResponse
{
    private JsonElement? json;

    public ApiResponse(HttpStatusCode status, HttpResponseHeaders headers, HttpContentHeaders contentHeaders, string body)
    {
        Status = status;
        Headers = headers;
        ContentHeaders = contentHeaders;
        Body = body;
    }

    public HttpStatusCode Status { get; }

    public HttpResponseHeaders Headers { get; }

    public HttpContentHeaders ContentHeaders { get; }

    public string Body { get; }

    public JsonElement Json => json ??= JsonDocument.Parse(Body).RootElement.Clone();

    public JsonElement Result => Json.GetProperty("result");

    public JsonElement ResultInfo => Json.GetProperty("result_info");

    public IReadOnlyList<int> ErrorCodes =>
        Json.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetInt32()).ToArray();

    public IReadOnlyList<string> ErrorMessages =>
        Json.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToArray();

    public IReadOnlyList<string?> ErrorPointers => Json.GetProperty("errors").EnumerateArray()
        .Select(e => e.TryGetProperty("source", out JsonElement source) ? source.GetProperty("pointer").GetString() : null).ToArray();

    public string? Header(string name) =>
        Headers.TryGetValues(name, out IEnumerable<string>? values) || ContentHeaders.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;

    public override string ToString() => $"{(int)Status} {Body}";
}
