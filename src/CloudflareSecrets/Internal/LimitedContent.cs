using System.Net;

namespace CloudflareSecrets.Internal;

/// <summary>Thrown when a response body is larger than <see cref="SecretsStoreClientOptions.MaxResponseBytes"/>.</summary>
internal sealed class ResponseTooLargeException(long limit) : IOException($"The response body exceeded {limit:N0} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>
/// Wraps a response body so that reading more than a set number of bytes fails, whatever Content-Length said:
/// a multi-megabyte or endless body ends in a clean error instead of exhausting memory.
/// </summary>
/// <remarks>
/// The body is read here, asynchronously and under the attempt's cancellation token, and then parsed from memory. The
/// generated code parses with Newtonsoft, which reads its stream with blocking reads; a blocking read of a network
/// stream sees neither the per-attempt timeout nor the caller's token, so a server that stalled mid-body would hold the
/// call (and a thread) for as long as the connection lived. A reset mid-body also surfaces here as the transport's
/// <see cref="IOException"/>, before the parser could mistake it for malformed JSON.
/// </remarks>
internal sealed class LimitedContent : HttpContent
{
    private const int ChunkSize = 16 * 1024;

    private readonly HttpContent _inner;
    private readonly long _limit;

    public LimitedContent(HttpContent inner, long limit)
    {
        _inner = inner;
        _limit = limit;
        foreach (KeyValuePair<string, IEnumerable<string>> header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using Stream source = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
    {
        long? declared = _inner.Headers.ContentLength;
        var buffer = new MemoryStream(declared is > 0 and var length && length <= _limit ? (int)length : 0);
        byte[] chunk = new byte[ChunkSize];
        await using (Stream source = await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > _limit)
                {
                    throw new ResponseTooLargeException(_limit);
                }

                buffer.Write(chunk, 0, read);
            }
        }

        buffer.Position = 0;
        return buffer;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
