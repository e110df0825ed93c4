using Microsoft.AspNetCore.Http;

namespace CloudflareSecrets.Emulator.Http;

/// <summary>What the emulator's middlewares learn about one request, shared through <see cref="HttpContext.Items"/>.</summary>
internal sealed class RequestContext
{
    private static readonly object Key = new();
    private int recorded;

    public required string RayId { get; init; }

    public required AuthKind AuthKind { get; init; }

    public required RateLimitDecision RateLimit { get; init; }

    public bool FaultInjected { get; set; }

    public static RequestContext Get(HttpContext context) => (RequestContext)context.Items[Key]!;

    public void Attach(HttpContext context) => context.Items[Key] = this;

    /// <summary>True the first time only, so a request is logged once whichever path (start, abort) gets there first.</summary>
    public bool TryMarkRecorded() => Interlocked.Exchange(ref recorded, 1) == 0;
}
