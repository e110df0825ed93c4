namespace CloudflareSecrets.Emulator;

/// <summary>
/// A fault to inject: the next <see cref="Count"/> requests that match <see cref="Method"/> and <see cref="PathPattern"/>
/// wait <see cref="Delay"/>, get <see cref="Headers"/>, and then either receive the fault's answer
/// (<see cref="Status"/> with <see cref="Body"/>), lose their connection (<see cref="AbortConnection"/>), or, with no
/// status, proceed to the emulator's normal answer. Faults act before authentication and the request budget, like a
/// failing proxy in front of the API.
/// </summary>
/// <example>
/// <code>
/// emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "/secrets/", Count = 2, Status = 503,
///     Body = FaultBody.Html, Headers = { ["Retry-After"] = "1" } });
/// </code>
/// </example>
public sealed class FaultRule
{
    /// <summary>The HTTP method to match (case-insensitive), or <see langword="null"/> for any.</summary>
    public string? Method { get; init; }

    /// <summary>A text the request path must contain (ordinal, query excluded), or <see langword="null"/> for any path.</summary>
    public string? PathPattern { get; init; }

    /// <summary>
    /// How many matching requests the rule answers before it expires (at least 1; <see cref="int.MaxValue"/> for "until
    /// cleared").
    /// </summary>
    public int Count { get; init; } = 1;

    /// <summary>
    /// The status to answer with, or <see langword="null"/> to let the request through after <see cref="Delay"/> and
    /// <see cref="Headers"/>.
    /// </summary>
    public int? Status { get; init; }

    /// <summary>How long to wait before answering (or passing the request through, or aborting).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The kind of body to answer with when <see cref="Status"/> is set. Defaults to <see cref="FaultBody.Envelope"/>.</summary>
    public FaultBody Body { get; init; } = FaultBody.Envelope;

    /// <summary>Response headers to set (they replace the emulator's own, such as <c>Ratelimit</c>).</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Drop the connection after <see cref="Delay"/> instead of answering; the client sees a transport error.
    /// Note that .NET's <c>SocketsHttpHandler</c> silently retries a request once when a <em>reused</em> pooled
    /// connection closes before any response byte arrives, so give such a rule a <see cref="Count"/> above 1 (or use a
    /// new connection) when the client must see the failure.
    /// </summary>
    public bool AbortConnection { get; init; }

    /// <summary>
    /// Handle the request first, so its change takes effect, and only then answer with the fault (<see cref="Status"/>
    /// or <see cref="AbortConnection"/>) instead of the emulator's answer: the ambiguous failure of a proxy that loses
    /// the answer after the API acted, which a client can only detect by looking.
    /// </summary>
    public bool AfterProcessing { get; init; }

    /// <summary>
    /// The error code of a <see cref="FaultBody.Envelope"/> body. Defaults to
    /// <see cref="EmulatorErrorCodes.InternalError"/>.
    /// </summary>
    public int ErrorCode { get; init; } = EmulatorErrorCodes.InternalError;

    /// <summary>
    /// The error message of a <see cref="FaultBody.Envelope"/> body, or <see langword="null"/> for one naming the
    /// status.
    /// </summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The body of a <see cref="FaultBody.Custom"/> fault.</summary>
    public string? CustomBody { get; init; }

    /// <summary>The <c>Content-Type</c> of a <see cref="FaultBody.Custom"/> fault. Defaults to <c>application/json</c>.</summary>
    public string ContentType { get; init; } = "application/json";

    internal bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) &&
        (PathPattern is null || path.Contains(PathPattern, StringComparison.Ordinal));

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Count, 1, nameof(Count));
        ArgumentOutOfRangeException.ThrowIfLessThan(Delay, TimeSpan.Zero, nameof(Delay));
        if (Status is { } status)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(status, 100, nameof(Status));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599, nameof(Status));
        }

        if (AfterProcessing && Status is null && !AbortConnection)
        {
            throw new ArgumentException("An AfterProcessing fault needs a Status or AbortConnection.", nameof(AfterProcessing));
        }

        if (Body == FaultBody.Custom && CustomBody is null)
        {
            throw new ArgumentException("A FaultBody.Custom fault needs a CustomBody.", nameof(CustomBody));
        }
    }
}
