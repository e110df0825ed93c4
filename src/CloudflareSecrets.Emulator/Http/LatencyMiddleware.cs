using Microsoft.AspNetCore.Http;

namespace CloudflareSecrets.Emulator.Http;

/// <summary>
/// Holds every answer back by <see cref="EmulatorOptions.Latency"/>, as a network round trip would. It runs inside the
/// front door, so the delayed answer still gets its headers and its place in the request log, and ahead of fault
/// injection, so a fault's own delay comes on top.
/// </summary>
internal sealed class LatencyMiddleware(TimeSpan latency)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        // The wall clock, not the emulator's TimeProvider: a test's fake clock must not stall every request.
        await Task.Delay(latency, context.RequestAborted);
        await next(context);
    }
}
