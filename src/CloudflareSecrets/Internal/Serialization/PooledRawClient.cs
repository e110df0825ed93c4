using System.Buffers;
using System.Text;
using CloudflareSecrets.Generated;
using Newtonsoft.Json;

namespace CloudflareSecrets.Internal;

/// <summary>
/// The generated raw client, reading response bodies without per-call buffers: the body is read asynchronously
/// into a pooled byte buffer (at most <see cref="RequestContext.MaxResponseBytes"/>, else
/// <see cref="ResponseTooLargeException"/>), decoded into a pooled char buffer, and deserialized by one shared
/// <see cref="JsonSerializer"/> through a <see cref="JsonTextReader"/> that rents its buffer from the same pool.
/// The generated reader made a StreamReader (2 buffers), a JsonTextReader buffer and a JsonSerializer on every call,
/// and read the network stream synchronously. Results and failures are the generated reader's.
/// </summary>
internal sealed class PooledRawClient(HttpClient httpClient, RequestContext context) : SecretsStoreRawClient(httpClient, context)
{
    private static JsonSerializer? s_serializer;

    private static JsonSerializer? s_requestSerializer;

    private const int MaxTextForErrors = 64 * 1024;

    private readonly long _maxResponseBytes = context.MaxResponseBytes;

    /// <summary>
    /// The serializer for the generated settings with the response contracts (<see cref="ResponseContractResolver"/>);
    /// created once (a JsonSerializer is safe to share for reading).
    /// </summary>
    private JsonSerializer Serializer => s_serializer ??= ResponseContractResolver.CreateSerializer(JsonSerializerSettings);

    /// <summary>
    /// A request body with one shared serializer for the generated settings (and <see cref="RequestContractResolver"/>),
    /// where JsonConvert would build a new one on every call. It also keeps the wire format independent of an
    /// application's global JsonConvert.DefaultSettings.
    /// </summary>
    protected override string SerializeRequestBody<TBody>(TBody body)
    {
        JsonSerializer serializer = s_requestSerializer ??= RequestContractResolver.CreateSerializer(JsonSerializerSettings);
        var text = new StringWriter(new StringBuilder(256), System.Globalization.CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text) { Formatting = serializer.Formatting })
        {
            serializer.Serialize(writer, body);
        }

        return text.ToString();
    }

    protected override async Task<ObjectResponseResult<T>> ReadObjectResponseAsync<T>(
        HttpResponseMessage response, IReadOnlyDictionary<string, IEnumerable<string>> headers, CancellationToken cancellationToken)
    {
        // No fallback to the generated reader: nothing sets ReadResponseAsString, and since .NET 5 a response's Content
        // is never null (HttpClient gives an empty one), so that branch could not be reached.
        using PooledBody body = await PooledBody.ReadAsync(response.Content, _maxResponseBytes, cancellationToken).ConfigureAwait(false);
        using var reader = new JsonTextReader(body.CreateReader()) { ArrayPool = JsonCharPool.Instance };
        try
        {
            T? typedBody = Serializer.Deserialize<T>(reader);
            return new ObjectResponseResult<T>(typedBody!, string.Empty);
        }
        catch (JsonException exception)
        {
            string message = "Could not deserialize the response body stream as " + typeof(T).FullName + ".";
            // The text goes with the exception (never into a message) so the error mapper can still read an errors
            // array from an envelope of an unexpected shape; a large body is not worth keeping for that.
            string text = body.Length <= MaxTextForErrors ? body.ReadAllText() : string.Empty;
            // A null refused by a setter comes without a position: the reader is still at that null.
            Exception cause = exception is ResponseContractResolver.NullValueRefusedException
                ? new JsonSerializationException(exception.Message, reader.Path, reader.LineNumber, reader.LinePosition, exception)
                : exception;
            throw new SecretsStoreRawException(message, (int)response.StatusCode, text, headers, cause);
        }
    }

    /// <summary>Newtonsoft's buffers from the shared pool, cleared when returned.</summary>
    internal sealed class JsonCharPool : IArrayPool<char>
    {
        public static readonly JsonCharPool Instance = new();

        public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        {
            if (array is not null)
            {
                ArrayPool<char>.Shared.Return(array, clearArray: true);
            }
        }
    }
}

/// <summary>
/// A response body in pooled buffers, decoded as the generated code's StreamReader would (UTF-8 unless a byte order
/// mark says otherwise). The buffers are cleared when returned: a body may echo what a request sent.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    private const int InitialSize = 16 * 1024;

    private byte[]? _bytes;
    private readonly int _length;

    private PooledBody(byte[] bytes, int length)
    {
        _bytes = bytes;
        _length = length;
    }

    /// <summary>Reads the whole body; more than <paramref name="limit"/> bytes throws <see cref="ResponseTooLargeException"/>.</summary>
    public static async ValueTask<PooledBody> ReadAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        long? declared = content.Headers.ContentLength;
        // Room for one byte more than the body, to see its end at once (at least 1 byte: the limit is never negative, and
        // a handler may have set a negative Content-Length).
        int size = declared is { } n and >= 0 && n < limit ? (int)n + 1 : (int)Math.Min(InitialSize, limit + 1);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        int length = 0;
        try
        {
            Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    // The pool hands out larger arrays than asked for: never read past limit + 1 bytes.
                    int capacity = (int)Math.Min(buffer.Length, limit + 1);
                    if (length == capacity)
                    {
                        // Full, and not over the limit (checked after every read): a larger buffer, up to limit + 1 bytes.
                        byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        Return(buffer, length);
                        buffer = larger;
                        capacity = (int)Math.Min(buffer.Length, limit + 1);
                    }

                    int read = await stream.ReadAsync(buffer.AsMemory(length, capacity - length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                    if (length > limit)
                    {
                        throw new ResponseTooLargeException(limit);
                    }
                }
            }

            return new PooledBody(buffer, length);
        }
        catch
        {
            Return(buffer, length);
            throw;
        }
    }

    /// <summary>The body's length in bytes.</summary>
    public int Length => _length;

    /// <summary>The decoded text (for the failure path only: it allocates).</summary>
    public string ReadAllText()
    {
        using TextReader reader = CreateReader();
        return reader.ReadToEnd();
    }

    /// <summary>A reader over the decoded text; it owns a pooled char buffer until it is disposed.</summary>
    public TextReader CreateReader()
    {
        ReadOnlySpan<byte> bytes = _bytes.AsSpan(0, _length);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
            || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            // UTF-16 or UTF-32 by its byte order mark: exactly what StreamReader does, without pooling (never seen in practice).
            return new StreamReader(
                new MemoryStream(_bytes!, 0, _length, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        }

        char[] chars = ArrayPool<char>.Shared.Rent(Math.Max(Encoding.UTF8.GetCharCount(bytes), 1));
        int count = Encoding.UTF8.GetChars(bytes, chars);
        return new PooledCharReader(chars, count);
    }

    public void Dispose()
    {
        if (_bytes is { } bytes)
        {
            _bytes = null;
            Return(bytes, _length);
        }
    }

    /// <summary>Clears the <paramref name="used"/> bytes (never more than the buffer holds) and returns the buffer.</summary>
    private static void Return(byte[] buffer, int used)
    {
        buffer.AsSpan(0, used).Clear();
        ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>A <see cref="TextReader"/> over a pooled char buffer, returned (cleared) on dispose.</summary>
    private sealed class PooledCharReader(char[] chars, int length) : TextReader
    {
        private char[]? _chars = chars;
        private int _position;

        public override int Peek() => _chars is not null && _position < length ? _chars[_position] : -1;

        public override int Read() => _chars is not null && _position < length ? _chars[_position++] : -1;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (_chars is null)
            {
                return 0;
            }

            int n = Math.Min(buffer.Length, length - _position);
            _chars.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _chars is { } rented)
            {
                _chars = null;
                rented.AsSpan(0, length).Clear();
                ArrayPool<char>.Shared.Return(rented);
            }

            base.Dispose(disposing);
        }
    }
}
