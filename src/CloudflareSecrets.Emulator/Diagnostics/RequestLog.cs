using System.Collections;

namespace CloudflareSecrets.Emulator;

/// <summary>How a request presented credentials (whatever their validity).</summary>
public enum AuthKind
{
    /// <summary>No credentials.</summary>
    None,

    /// <summary><c>Authorization</c> header (normally <c>Bearer &lt;token&gt;</c>).</summary>
    ApiToken,

    /// <summary><c>X-Auth-Email</c> and/or <c>X-Auth-Key</c>.</summary>
    GlobalApiKey,

    /// <summary>Both kinds at once (the emulator answers 400).</summary>
    Conflicting,
}

/// <summary>One request the emulator received. Credentials and bodies are never recorded.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path with its query string, as sent.</param>
/// <param name="StatusCode">The status answered, or 0 when an injected fault dropped the connection.</param>
/// <param name="AuthKind">How the request presented credentials.</param>
/// <param name="RayId">The <c>CF-Ray</c> value of the response.</param>
/// <param name="FaultInjected">Whether a <see cref="FaultRule"/> matched the request.</param>
/// <param name="Timestamp">When the emulator answered, on its <see cref="EmulatorOptions.TimeProvider"/>.</param>
public sealed record RecordedRequest(
    string Method,
    string PathAndQuery,
    int StatusCode,
    AuthKind AuthKind,
    string RayId,
    bool FaultInjected,
    DateTimeOffset Timestamp);

/// <summary>
/// The requests the emulator has answered, oldest first: the latest <see cref="Capacity"/> of them (an older entry is
/// dropped when a new one would exceed it, so a long-running emulator's memory stays bounded). An entry is recorded
/// before its response leaves the emulator, so a client that has its response can count on finding it here.
/// Enumeration works on a snapshot. Thread-safe.
/// </summary>
public sealed class RequestLog : IReadOnlyList<RecordedRequest>
{
    /// <summary>The most entries the log keeps: 10,000 (a few megabytes); the oldest are dropped first.</summary>
    public const int Capacity = 10_000;

    private readonly Lock gate = new();
    private readonly RecordedRequest[] entries;
    private int start;
    private int count;

    internal RequestLog(int capacity = Capacity)
    {
        entries = new RecordedRequest[capacity];
    }

    /// <summary>The number of recorded requests (at most <see cref="Capacity"/>).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return count;
            }
        }
    }

    /// <summary>The recorded request at <paramref name="index"/> (0 is the oldest kept).</summary>
    /// <param name="index">The position in the log.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the log.</exception>
    public RecordedRequest this[int index]
    {
        get
        {
            lock (gate)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
                return entries[(start + index) % entries.Length];
            }
        }
    }

    /// <summary>A copy of the log as it is now.</summary>
    /// <returns>The recorded requests, oldest first.</returns>
    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (gate)
        {
            var copy = new RecordedRequest[count];
            for (int i = 0; i < count; i++)
            {
                copy[i] = entries[(start + i) % entries.Length];
            }

            return copy;
        }
    }

    /// <summary>Forgets every recorded request.</summary>
    public void Clear()
    {
        lock (gate)
        {
            Array.Clear(entries);
            start = 0;
            count = 0;
        }
    }

    /// <inheritdoc />
    public IEnumerator<RecordedRequest> GetEnumerator() => ((IEnumerable<RecordedRequest>)Snapshot()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Add(RecordedRequest request)
    {
        lock (gate)
        {
            if (count < entries.Length)
            {
                entries[(start + count) % entries.Length] = request;
                count++;
            }
            else
            {
                // Full: the new entry takes the oldest one's place.
                entries[start] = request;
                start = (start + 1) % entries.Length;
            }
        }
    }
}
