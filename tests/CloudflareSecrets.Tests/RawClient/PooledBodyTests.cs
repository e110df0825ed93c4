using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using CloudflareSecrets.Internal;

namespace CloudflareSecrets.Tests.RawClient;

/// <summary>
/// How a response body is read into pooled buffers: every byte up to the limit and not one more, decoded as a
/// StreamReader would, and each buffer cleared before it goes back to the pool (a body may echo what a request sent).
/// The pool tests rely on the shared pool handing the array a thread returned last back to that thread (its per-thread
/// slot, emptied only under high memory pressure or after 15 s unused); a body read from an in-memory content completes
/// without leaving the thread (each test asserts it did).
/// </summary>
public class PooledBodyTests
{
    private const string Sentinel = "POOLED-BODY-SENTINEL-5e1d";

    [TestCase(100, 100, true)]
    [TestCase(100, 100, false)]
    [TestCase(100, 16 * 1024, true)]
    [TestCase(100, 16 * 1024, false)]
    [TestCase(16 * 1024, 16 * 1024, false, TestName = "A body of exactly the first buffer's size is read whole")]
    [TestCase(16 * 1024, 16 * 1024 - 1, false)]
    [TestCase(16 * 1024, 16 * 1024 + 1, false)]
    [TestCase(100 * 1024, 1024 * 1024, false, TestName = "A body several times the first buffer is read whole")]
    [TestCase(100 * 1024, 100 * 1024, true)]
    [TestCase(100, 0, true, TestName = "An empty body is read as empty")]
    [TestCase(0, 0, false, TestName = "An empty body is read as empty, with a limit of zero")]
    public void ReadsEveryByteUpToTheLimit(int limit, int bodyLength, bool declareLength)
    {
        bool fits = bodyLength <= limit;
        byte[] bytes = Text(bodyLength);

        if (fits)
        {
            using PooledBody body = Read(bytes, limit, declareLength);
            Assert.That(body.Length, Is.EqualTo(bodyLength));
            Assert.That(body.ReadAllText(), Is.EqualTo(Encoding.UTF8.GetString(bytes)));
        }
        else
        {
            ResponseTooLargeException? exception = Assert.Throws<ResponseTooLargeException>(
                () => Read(bytes, limit, declareLength).Dispose());
            Assert.That(exception!.Limit, Is.EqualTo(limit));
        }
    }

    [TestCase(4096, true)]
    [TestCase(4096, false)]
    [TestCase(40 * 1024, false, TestName = "A body twice a limit past the first buffer is read no further than one byte past it")]
    public void ABodyOverTheLimitIsReadNoFurtherThanOneBytePastIt(int limit, bool declareLength)
    {
        var content = new CountingContent(Text(limit * 2), declareLength);

        Assert.Throws<ResponseTooLargeException>(() => ReadNow(content, limit).Dispose());
        Assert.That(content.Stream.BytesRead, Is.EqualTo(limit + 1), "read no further than one byte past the limit");
    }

    [Test]
    public void AFarLargerBodyIsReadNoFurtherThanOneBytePastTheLimit()
    {
        var content = new CountingContent(Text(1024 * 1024), declareLength: false);

        Assert.Throws<ResponseTooLargeException>(() => ReadNow(content, 20 * 1024).Dispose());
        Assert.That(content.Stream.BytesRead, Is.EqualTo((20 * 1024) + 1));
    }

    [TestCase("utf-8 with a byte order mark")]
    [TestCase("utf-16LE")]
    [TestCase("utf-16BE")]
    [TestCase("utf-32LE")]
    [TestCase("utf-32BE")]
    public void DecodesByTheByteOrderMarkAsAStreamReaderWould(string encodingName)
    {
        Encoding encoding = encodingName == "utf-8 with a byte order mark" ? new UTF8Encoding(true) : Encoding.GetEncoding(encodingName);
        const string text = """{"comment":"ключ 🔑 é"}""";
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
        Assert.That(encoding.GetPreamble(), Is.Not.Empty);

        using PooledBody body = Read(bytes, 4096, declareLength: true);

        Assert.That(body.ReadAllText(), Is.EqualTo(text));
    }

    [Test]
    public void ABodyWithoutAByteOrderMarkIsUtf8()
    {
        const string text = """{"comment":"ключ 🔑 é"}""";

        using PooledBody body = Read(Encoding.UTF8.GetBytes(text), 4096, declareLength: false);

        Assert.That(body.ReadAllText(), Is.EqualTo(text));
    }

    [TestCase(true, TestName = "A body's bytes are cleared before its buffer goes back to the pool")]
    [TestCase(false, TestName = "A body's bytes are cleared before its buffer goes back to the pool, without Content-Length")]
    public void ABodysBytesAreClearedBeforeItsBufferGoesBackToThePool(bool declareLength)
    {
        byte[] bytes = Text(1000);
        // The size the body asks the pool for: its length and one byte (to see an end), or the first buffer's 16 KiB.
        byte[] buffer = Warm<byte>(declareLength ? bytes.Length + 1 : 16 * 1024);

        using (PooledBody body = Read(bytes, 1024 * 1024, declareLength))
        {
            Assert.That(body.Length, Is.EqualTo(bytes.Length));
        }

        AssertHandedBackBlank(buffer, b => Encoding.ASCII.GetString(b));
    }

    [Test]
    public void TheFirstBufferOfALongBodyIsClearedWhenALargerOneTakesOver()
    {
        byte[] bytes = Text(40 * 1024);
        byte[] first = Warm<byte>(16 * 1024);

        using (PooledBody body = Read(bytes, 1024 * 1024, declareLength: false))
        {
            Assert.That(body.Length, Is.EqualTo(bytes.Length));
            AssertHandedBackBlank(first, b => Encoding.ASCII.GetString(b));
        }
    }

    [Test]
    public void ABodyThatFailsTheLimitIsClearedToo()
    {
        byte[] bytes = Text(3000);
        byte[] buffer = Warm<byte>(2048 + 1);

        Assert.Throws<ResponseTooLargeException>(() => Read(bytes, 2048, declareLength: false).Dispose());

        AssertHandedBackBlank(buffer, b => Encoding.ASCII.GetString(b));
    }

    [Test]
    public void TheDecodedTextIsClearedBeforeItsBufferGoesBackToThePool()
    {
        byte[] bytes = Text(1000);
        using PooledBody body = Read(bytes, 4096, declareLength: true);
        char[] chars = Warm<char>(bytes.Length);

        using (TextReader reader = body.CreateReader())
        {
            Assert.That(reader.ReadToEnd(), Is.EqualTo(Encoding.ASCII.GetString(bytes)));
        }

        AssertHandedBackBlank(chars, c => new string(c));
    }

    [Test]
    public void NewtonsoftsBuffersAreClearedBeforeTheyGoBackToThePool()
    {
        char[] chars = ArrayPool<char>.Shared.Rent(1024);
        Sentinel.CopyTo(chars);

        PooledRawClient.JsonCharPool.Instance.Return(chars);

        Assert.That(ArrayPool<char>.Shared.Rent(1024), Is.SameAs(chars), "the buffer went back to the pool");
        Assert.That(new string(chars), Does.Not.Contain(Sentinel));
        ArrayPool<char>.Shared.Return(chars);
        Assert.DoesNotThrow(() => PooledRawClient.JsonCharPool.Instance.Return(null));
    }

    [Test]
    public void TheReaderReadsAsAStringReaderDoes()
    {
        const string text = "abcdefghij";
        using PooledBody body = Read(Encoding.UTF8.GetBytes(text), 4096, declareLength: true);
        using TextReader reader = body.CreateReader();
        using var expected = new StringReader(text);

        char[] chunk = new char[3];
        char[] expectedChunk = new char[3];
        Assert.Multiple(() =>
        {
            Assert.That(reader.Peek(), Is.EqualTo(expected.Peek()));
            Assert.That(reader.Read(), Is.EqualTo(expected.Read()));
            Assert.That(reader.Read(), Is.EqualTo(expected.Read()));
            Assert.That(reader.Peek(), Is.EqualTo(expected.Peek()));
            Assert.That(reader.Read(chunk, 0, 3), Is.EqualTo(expected.Read(expectedChunk, 0, 3)));
            Assert.That(chunk, Is.EqualTo(expectedChunk));
            Assert.That(reader.Read(chunk.AsSpan(1, 2)), Is.EqualTo(expected.Read(expectedChunk.AsSpan(1, 2))));
            Assert.That(chunk, Is.EqualTo(expectedChunk));
            Assert.That(reader.ReadToEnd(), Is.EqualTo(expected.ReadToEnd()));
            Assert.That(reader.Peek(), Is.EqualTo(-1), "at the end");
            Assert.That(reader.Read(), Is.EqualTo(-1), "at the end");
            Assert.That(reader.Read(chunk, 0, 3), Is.Zero, "at the end");
        });
    }

    [Test]
    public void AClosedReaderReadsNothing()
    {
        using PooledBody body = Read(Encoding.UTF8.GetBytes("abc"), 4096, declareLength: true);
        TextReader reader = body.CreateReader();

        reader.Dispose();

        Assert.That(reader.Peek(), Is.EqualTo(-1));
        Assert.That(reader.Read(), Is.EqualTo(-1));
        Assert.That(reader.Read(new char[3], 0, 3), Is.Zero);
        Assert.DoesNotThrow(reader.Dispose, "a second dispose returns nothing twice");
    }

    [Test]
    public void DisposingABodyTwiceReturnsItsBufferOnce()
    {
        byte[] buffer = Warm<byte>(101);
        PooledBody body = Read(Text(100), 4096, declareLength: true);
        body.Dispose();

        Assert.DoesNotThrow(body.Dispose);

        // Returned twice, the one array would be handed out twice.
        byte[] first = ArrayPool<byte>.Shared.Rent(101);
        byte[] second = ArrayPool<byte>.Shared.Rent(101);
        Assert.That(first, Is.SameAs(buffer), "the body's buffer went back to the pool");
        Assert.That(second, Is.Not.SameAs(first));
        ArrayPool<byte>.Shared.Return(second);
        ArrayPool<byte>.Shared.Return(first);
    }

    [Test]
    public void ANegativeContentLengthIsReadAsAnUndeclaredOne()
    {
        byte[] bytes = Text(100);
        var content = new CountingContent(bytes, declareLength: true);
        content.Headers.ContentLength = -1;

        using PooledBody body = ReadNow(content, 4096);

        Assert.That(body.ReadAllText(), Is.EqualTo(Encoding.ASCII.GetString(bytes)));
    }

    /// <summary>ASCII text of exactly <paramref name="length"/> bytes, the sentinel repeated.</summary>
    private static byte[] Text(int length) =>
        Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(Sentinel + " ", (length / (Sentinel.Length + 1)) + 1))[..length]);

    private static PooledBody Read(byte[] bytes, long limit, bool declareLength) =>
        ReadNow(new CountingContent(bytes, declareLength), limit);

    private static PooledBody ReadNow(HttpContent content, long limit)
    {
        ValueTask<PooledBody> reading = PooledBody.ReadAsync(content, limit, CancellationToken.None);
        Assert.That(reading.IsCompleted, Is.True, "an in-memory body is read on the calling thread");
        return reading.GetAwaiter().GetResult();
    }

    /// <summary>An array the pool will hand out next for <paramref name="size"/> on this thread.</summary>
    private static T[] Warm<T>(int size)
    {
        T[] array = ArrayPool<T>.Shared.Rent(size);
        ArrayPool<T>.Shared.Return(array);
        return array;
    }

    private static void AssertHandedBackBlank<T>(T[] expected, Func<T[], string> text)
    {
        T[] again = ArrayPool<T>.Shared.Rent(expected.Length);
        try
        {
            Assert.That(again, Is.SameAs(expected), "the pool handed the body's buffer back");
            string content = text(again);
            Assert.That(
                content.Contains(Sentinel[..8], StringComparison.Ordinal),
                Is.False,
                $"what the body held is still there, from index {content.IndexOf(Sentinel[..8], StringComparison.Ordinal)}"
                + $" of {content.Length}");
        }
        finally
        {
            ArrayPool<T>.Shared.Return(again);
        }
    }

    /// <summary>An in-memory body, with or without a Content-Length, that counts the bytes read from it.</summary>
    private sealed class CountingContent(byte[] bytes, bool declareLength) : HttpContent
    {
        public CountingStream Stream { get; } = new(bytes);

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(Stream);

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => Stream.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return declareLength;
        }
    }

    /// <summary>
    /// Reads straight into the caller's array: Stream's own span overloads would read through a pooled array of their
    /// own and hand it back holding the body, which these tests would then find.
    /// </summary>
    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = base.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override int Read(Span<byte> buffer) => throw new NotSupportedException("read into an array");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            MemoryMarshal.TryGetArray(buffer, out ArraySegment<byte> segment)
                ? ValueTask.FromResult(Read(segment.Array!, segment.Offset, segment.Count))
                : throw new NotSupportedException("read into an array");
    }
}
