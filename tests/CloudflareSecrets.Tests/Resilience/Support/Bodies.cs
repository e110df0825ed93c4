using System.Text;

namespace CloudflareSecrets.Tests.Resilience.Support;

/// <summary>
/// A response body of a given length made up as it is read (the start of an envelope every operation reads, then one
/// endless message), never held in memory; it counts what was read, so a test can prove the client stopped early.
/// </summary>
public sealed class GeneratedBodyStream(long length) : ReadOnlyBodyStream
{
    private static readonly byte[] Start = Encoding.UTF8.GetBytes(
        "{\"success\":true,\"errors\":[],\"messages\":[{\"code\":1000,\"message\":\"");
    private long _position;

    public long BytesRead => Interlocked.Read(ref _position);

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        int count = (int)Math.Min(buffer.Length, length - _position);
        for (int i = 0; i < count; i++)
        {
            long at = _position + i;
            buffer[i] = at < Start.Length ? Start[at] : (byte)'a';
        }

        Interlocked.Add(ref _position, count);
        return count;
    }
}

/// <summary>
/// A body whose first bytes arrive and then nothing more, as from a server that hangs mid-response. A read waits until it
/// is cancelled; a read that cannot be cancelled (a synchronous one) gives up after <paramref name="giveUpAfter"/> with an
/// <see cref="IOException"/>, so a client that ignores its timeout fails the test instead of hanging it.
/// </summary>
public sealed class StallingStream(TimeSpan giveUpAfter) : ReadOnlyBodyStream
{
    private readonly byte[] _start = Encoding.UTF8.GetBytes("""{"success":true,"errors":[],""");
    private int _position;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        if (_position < _start.Length)
        {
            return Take(buffer);
        }

        Thread.Sleep(giveUpAfter);
        throw new IOException("The stalled body was read synchronously: no timeout or cancellation could end the read.");
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < _start.Length)
        {
            return Take(buffer.Span);
        }

        await Task.Delay(giveUpAfter, cancellationToken).ConfigureAwait(false);
        throw new IOException("The stalled body was never cancelled.");
    }

    private int Take(Span<byte> buffer)
    {
        int count = Math.Min(buffer.Length, _start.Length - _position);
        _start.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}

/// <summary>A body that breaks off with a connection reset after its first bytes.</summary>
public sealed class ResetStream : ReadOnlyBodyStream
{
    private readonly byte[] _start = Encoding.UTF8.GetBytes("{\"success\":true,\"errors\":[],\"messages\":[{\"code\":1000,\"message\":\"");
    private int _position;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        if (_position >= _start.Length)
        {
            throw new IOException("Connection reset by peer.");
        }

        int count = Math.Min(buffer.Length, _start.Length - _position);
        _start.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}

/// <summary>What every test body below shares: read-only, not seekable, reads delegated to <c>Read(Span)</c> (or an override).</summary>
public abstract class ReadOnlyBodyStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
