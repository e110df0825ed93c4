using System.Net;

namespace CloudflareSecrets.Internal;

/// <summary>
/// The state of one attempt of an operation: what the generated client's hooks need to prepare the request, and what
/// they record of the response (the status and headers the generated code does not hand back on success).
/// </summary>
internal sealed class RequestContext(
    string baseUrl,
    Credentials credentials,
    OperationRoute route,
    RateLimitGate? gate,
    long maxResponseBytes,
    IReadOnlyCollection<string>? captureHeadersMasking)
{
    /// <summary>The response headers that may be logged; nothing else of a response is.</summary>
    private static readonly string[] LoggedHeaders =
        ["CF-Ray", "Retry-After", "retry-after-ms", "Ratelimit", "Ratelimit-Policy", "Content-Type", "Content-Length"];

    public string BaseUrl { get; } = baseUrl;

    public Credentials Credentials { get; } = credentials;

    public OperationRoute Route { get; } = route;

    public OperationInfo Operation => Route.Operation;

    /// <summary>The most bytes a response body may have (<see cref="SecretsStoreClientOptions.MaxResponseBytes"/>).</summary>
    public long MaxResponseBytes { get; } = maxResponseBytes;

    public HttpStatusCode? Status { get; private set; }

    public string? RayId { get; private set; }

    /// <summary>
    /// The allow-listed response headers, when asked for (Trace logging): each value only when it has the shape the real
    /// API gives that header (else its size), with the request's values and the credentials masked.
    /// </summary>
    public string? Headers { get; private set; }

    /// <summary>
    /// Records what the client needs of a response, and refuses a body whose Content-Length is over the limit
    /// (<see cref="PooledRawClient"/> enforces the limit on the bytes actually read).
    /// </summary>
    public void OnResponse(HttpResponseMessage response)
    {
        Status = response.StatusCode;
        RayId = HeaderReader.RayId(response);
        gate?.Observe(response);
        if (captureHeadersMasking is { } masking)
        {
            Headers = string.Join(", ", LoggedHeaders
                .Select(name => (name, values: Raw(response.Headers, name) ?? Raw(response.Content.Headers, name)))
                .Where(h => h.values is not null)
                .Select(h => $"{h.name}: {string.Join(",", h.values!.Select(v => Loggable(h.name, v, masking)))}"));
        }

        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw new ResponseTooLargeException(MaxResponseBytes);
        }
    }

    /// <summary>A header's values as the server sent them (not as a parser rewrote them), or <see langword="null"/>.</summary>
    private static string[]? Raw(System.Net.Http.Headers.HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out System.Net.Http.Headers.HeaderStringValues values) ? [.. values] : null;

    /// <summary>A header value as it may be logged: masked when well-formed, described when not.</summary>
    private static string Loggable(string name, string value, IReadOnlyCollection<string> masking) =>
        ServerText.IsWellFormedHeader(name, value) ? ServerText.Mask(value, masking) : ServerText.Invalid(value);
}
