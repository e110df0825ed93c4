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

        IHeaderDictionary headers = context.Response.Headers;
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
            if (!HostCheck.IsAllowed(context.Request, settings.AllowedHosts))
            {
                // The name is not repeated: it is the requester's own, and may be anything.
                throw ApiErrorException.Validation(
                    "the Host header names a host this emulator does not answer to (localhost, loopback addresses, "
                    + "the address it listens on, and EmulatorOptions.AllowedHosts)");
            }

            await next(context);
        }
        catch (ApiErrorException error) when (!context.Response.HasStarted)
        {
            await EnvelopeWriter.WriteErrorAsync(context, error);
        }
        catch (BadHttpRequestException error) when (!context.Response.HasStarted)
        {
            // Kestrel's own refusals while the body is read (a body over its size limit: 413; one sent too slowly: 408)
            // keep their status, in Cloudflare's envelope like every other answer.
            await EnvelopeWriter.WriteErrorAsync(context, Refusal(error.StatusCode));
        }
        catch (Exception exception) when (!context.Response.HasStarted && exception is not OperationCanceledException)
        {
            // Never echo the exception: it might carry request content.
            await EnvelopeWriter.WriteErrorAsync(
                context,
                ApiErrorException.Single(
                    StatusCodes.Status500InternalServerError, EmulatorErrorCodes.InternalError, "Internal emulator error"));
        }
        finally
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                Record(context, request, 0);
            }
        }
    }

    /// <summary>The answer to a request Kestrel refused while its body was read, by the status Kestrel chose.</summary>
    internal static ApiErrorException Refusal(int status) => ApiErrorException.Single(
        status,
        EmulatorErrorCodes.ValidationFailed,
        status switch
        {
            StatusCodes.Status413PayloadTooLarge => "validation_error: the request body is larger than the emulator accepts",
            StatusCodes.Status408RequestTimeout => "validation_error: the request body was not received in time",
            _ => "validation_error: the request could not be read",
        });

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
