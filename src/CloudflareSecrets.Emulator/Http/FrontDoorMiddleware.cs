using System.Security.Cryptography;
using CloudflareSecrets.Emulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace CloudflareSecrets.Emulator.Http;

/// <summary>
/// The outermost middleware: gives every response its <c>CF-Ray</c> and rate-limit headers, records the request in the
/// log, and turns exceptions into Cloudflare error envelopes.
/// </summary>
internal sealed class FrontDoorMiddleware(RequestCounter counter, RequestLog log, EmulatorSettings settings)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = new RequestContext
        {
            RayId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + "-EMU",
            AuthKind = Authentication.Detect(context.Request),
            RateLimit = counter.Take(),
        };
        request.Attach(context);

        var headers = context.Response.Headers;
        headers["CF-Ray"] = request.RayId;
        headers["Ratelimit"] = RequestCounter.Header(request.RateLimit);
        headers["Ratelimit-Policy"] = counter.PolicyHeader;

        // Recorded as the response starts, not after it is sent: a client holding its response finds the entry.
        context.Response.OnStarting(() =>
        {
            Record(context, request, context.Response.StatusCode);
            return Task.CompletedTask;
        });

        try
        {
            await next(context);
        }
        catch (ApiErrorException error) when (!context.Response.HasStarted)
        {
            await EnvelopeWriter.WriteErrorAsync(context, error);
        }
        catch (Exception exception) when (!context.Response.HasStarted && exception is not OperationCanceledException)
        {
            // Never echo the exception: it might carry request content.
            await EnvelopeWriter.WriteErrorAsync(
                context,
                ApiErrorException.Single(StatusCodes.Status500InternalServerError, EmulatorErrorCodes.InternalError, "Internal emulator error"));
        }
        finally
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                Record(context, request, 0);
            }
        }
    }

    /// <summary>Logs a request whose connection is being dropped on purpose; it never gets a status.</summary>
    public void RecordAborted(HttpContext context) => Record(context, RequestContext.Get(context), 0);

    private void Record(HttpContext context, RequestContext request, int statusCode)
    {
        if (!request.TryMarkRecorded())
        {
            return;
        }

        log.Add(new RecordedRequest(
            context.Request.Method,
            context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent(),
            statusCode,
            request.AuthKind,
            request.RayId,
            request.FaultInjected,
            settings.TimeProvider.GetUtcNow()));
    }
}
