using System.Net;
using System.Net.Http.Headers;

namespace CloudflareSecrets.Benchmarks.Canned;

/// <summary>
/// An in-memory transport: answers every request with the same bytes and the headers Cloudflare sends, after reading
/// the request body (as a socket handler would, so the cost of producing the body is counted).
/// </summary>
public class CannedHandler : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
    private readonly byte[] _body;

    public CannedHandler(byte[] body) => _body = body;

    protected CannedHandler() => _body = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Content is null ? Task.FromResult(Respond(request)) : DrainThenRespondAsync(request, cancellationToken);

    /// <summary>The body to answer <paramref name="request"/> with.</summary>
    protected virtual ReadOnlyMemory<byte> BodyFor(HttpRequestMessage request) => _body;

    private async Task<HttpResponseMessage> DrainThenRespondAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await request.Content!.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        return Respond(request);
    }

    private HttpResponseMessage Respond(HttpRequestMessage request)
    {
        var content = new ReadOnlyMemoryContent(BodyFor(request));
        content.Headers.ContentType = Json;
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        response.Headers.TryAddWithoutValidation("CF-Ray", "8c5a1e2b3d4f6a7b-EMU");
        response.Headers.TryAddWithoutValidation("Ratelimit", "\"default\";r=1199;t=300");
        response.Headers.TryAddWithoutValidation("Ratelimit-Policy", "\"burst\";q=1200;w=300");
        return response;
    }
}

/// <summary>
/// Answers list requests for a long list: page N (from the <c>page</c> query parameter) is made on the fly from one
/// template by writing N into it, into one reused buffer. Nothing grows with the number of pages, so any memory growth
/// seen while paging is the client's. Requests must be sequential (as paging is).
/// </summary>
public sealed class PagingHandler : CannedHandler
{
    private readonly byte[] _template;
    private readonly byte[] _buffer;
    private readonly int[] _stringOffsets;
    private readonly int[] _numberOffsets;

    public PagingHandler(long totalItems, int pageSize)
    {
        int totalPages = checked((int)((totalItems + pageSize - 1) / pageSize));
        if (totalItems % pageSize != 0)
        {
            throw new ArgumentException("The item count must be a multiple of the page size.", nameof(totalItems));
        }

        _template = Payloads.PageTemplate(pageSize, totalItems, totalPages);
        _buffer = new byte[_template.Length];
        _stringOffsets = Find(_template, Payloads.PageStringMarker);
        _numberOffsets = Find(_template, Payloads.PageNumberMarker);
        TotalPages = totalPages;
    }

    public int TotalPages { get; }

    public int Requests { get; private set; }

    protected override ReadOnlyMemory<byte> BodyFor(HttpRequestMessage request)
    {
        int page = PageOf(request.RequestUri!.Query);
        if (page < 1 || page > TotalPages)
        {
            throw new InvalidOperationException($"page {page} asked for; the list has {TotalPages}.");
        }

        Requests++;
        _template.CopyTo(_buffer, 0);
        Span<byte> digits = stackalloc byte[9];
        Span<byte> padded = stackalloc byte[9];
        int n = page;
        for (int i = 8; i >= 0; i--)
        {
            digits[i] = (byte)('0' + (n % 10));
            n /= 10;
        }

        padded.Fill((byte)' ');
        int length = 1;
        for (int rest = page / 10; rest > 0; rest /= 10)
        {
            length++;
        }

        digits[(9 - length)..].CopyTo(padded[(9 - length)..]);
        foreach (int offset in _stringOffsets)
        {
            digits.CopyTo(_buffer.AsSpan(offset));
        }

        foreach (int offset in _numberOffsets)
        {
            padded.CopyTo(_buffer.AsSpan(offset));
        }

        return _buffer;
    }

    /// <summary>The <c>page</c> query parameter (not <c>per_page</c>); 1 when absent.</summary>
    internal static int PageOf(string query)
    {
        ReadOnlySpan<char> rest = query.AsSpan().TrimStart('?');
        while (!rest.IsEmpty)
        {
            int amp = rest.IndexOf('&');
            ReadOnlySpan<char> pair = amp < 0 ? rest : rest[..amp];
            if (pair.StartsWith("page="))
            {
                return int.Parse(pair[5..], System.Globalization.CultureInfo.InvariantCulture);
            }

            rest = amp < 0 ? [] : rest[(amp + 1)..];
        }

        return 1;
    }

    private static int[] Find(byte[] haystack, string marker)
    {
        byte[] needle = System.Text.Encoding.ASCII.GetBytes(marker);
        var found = new List<int>();
        int from = 0;
        while (from < haystack.Length)
        {
            int at = haystack.AsSpan(from).IndexOf(needle);
            if (at < 0)
            {
                break;
            }

            found.Add(from + at);
            from += at + needle.Length;
        }

        return [.. found];
    }
}
