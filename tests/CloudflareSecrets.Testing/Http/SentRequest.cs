using System.Net.Http.Headers;

namespace CloudflareSecrets.Testing;

/// <summary>
/// One request as the client put it on the wire (recorded by <see cref="RequestRecorder"/>). Not the emulator's
/// <c>RecordedRequest</c>, which is what a server received and how it answered.
/// </summary>
public sealed class SentRequest
{
    private readonly Dictionary<string, string[]> _headers;

    private SentRequest(HttpMethod method, Uri uri, HttpRequestHeaders headers, string? body, MediaTypeHeaderValue? contentType)
    {
        Method = method;
        Uri = uri;
        Body = body;
        Accept = headers.Accept.ToString();
        ContentType = contentType?.ToString();
        MediaType = contentType?.MediaType;
        _headers = headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    public HttpMethod Method { get; }

    public Uri Uri { get; }

    /// <summary>The absolute URL exactly as sent, query string included.</summary>
    public string Url => Uri.AbsoluteUri;

    /// <summary>The body, or <see langword="null"/> when there was none.</summary>
    public string? Body { get; }

    /// <summary>The <c>Accept</c> header as sent (empty when none).</summary>
    public string Accept { get; }

    /// <summary>The body's whole <c>Content-Type</c> header (parameters such as charset included), or <see langword="null"/>.</summary>
    public string? ContentType { get; }

    /// <summary>The media type of <see cref="ContentType"/> alone, or <see langword="null"/>.</summary>
    public string? MediaType { get; }

    public IReadOnlyCollection<string> HeaderNames => _headers.Keys;

    /// <summary>The header's values joined with commas, or <see langword="null"/> when it was not sent.</summary>
    public string? Header(string name) => _headers.TryGetValue(name, out string[]? values) ? string.Join(",", values) : null;

    public static async Task<SentRequest> FromAsync(HttpRequestMessage request, CancellationToken cancellationToken = default) => new(
        request.Method,
        request.RequestUri!,
        request.Headers,
        request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false),
        request.Content?.Headers.ContentType);

    public override string ToString() => $"{Method} {Url}";
}
