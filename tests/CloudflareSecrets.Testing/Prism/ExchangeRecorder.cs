using System.Net;

namespace CloudflareSecrets.Testing;

/// <summary>One request the client sent and Prism's answer to it.</summary>
/// <param name="OperationId">The operationId the client set on the request (<c>CloudflareSecrets.OperationId</c>).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Uri">The request URL.</param>
/// <param name="RequestHeaders">The request headers (credentials are the tests' own dummies).</param>
/// <param name="RequestBody">The request body, or <see langword="null"/> when there was none.</param>
/// <param name="Status">Prism's status.</param>
/// <param name="Violations">Prism's <c>sl-violations</c> header, or <see langword="null"/> when it found none.</param>
/// <param name="ResponseBody">Prism's body.</param>
public sealed record Exchange(
    string? OperationId,
    HttpMethod Method,
    Uri Uri,
    IReadOnlyDictionary<string, string> RequestHeaders,
    string? RequestBody,
    HttpStatusCode Status,
    string? Violations,
    string ResponseBody)
{
    public bool IsSuccess => (int)Status is >= 200 and <= 299;

    public string? Header(string name) => RequestHeaders.TryGetValue(name, out string? value) ? value : null;

    public override string ToString() =>
        $"{OperationId ?? "(no operationId)"}: {Method} {Uri.PathAndQuery} -> {(int)Status}"
        + (Violations is null ? string.Empty : " sl-violations: " + Violations);
}

/// <summary>
/// The handler the tests put in the <see cref="HttpClient"/> they give the client when it talks to Prism: it records
/// every exchange, buffering the response so the client still reads it whole. Unlike <see cref="RequestRecorder"/> it
/// sends for real and keeps the answer too (status, Prism's <c>sl-violations</c>, body): Prism's verdict is the point.
/// </summary>
public sealed class ExchangeRecorder : DelegatingHandler
{
    /// <summary>The request option the client sets to the spec's operationId of each request.</summary>
    public static readonly HttpRequestOptionsKey<string> OperationIdKey = new("CloudflareSecrets.OperationId");

    private readonly List<Exchange> _exchanges = [];

    public ExchangeRecorder()
        : base(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
    {
    }

    /// <summary>The exchanges so far, in order.</summary>
    public IReadOnlyList<Exchange> Exchanges
    {
        get
        {
            lock (_exchanges)
            {
                return _exchanges.ToArray();
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? requestBody = request.Content is null
            ? null
            : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        request.Options.TryGetValue(OperationIdKey, out string? operationId);

        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        string responseBody = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? violations = response.Headers.TryGetValues("sl-violations", out IEnumerable<string>? values)
            ? string.Join(", ", values)
            : null;

        lock (_exchanges)
        {
            _exchanges.Add(new Exchange(
                operationId, request.Method, request.RequestUri!, headers, requestBody, response.StatusCode, violations, responseBody));
        }

        return response;
    }
}
