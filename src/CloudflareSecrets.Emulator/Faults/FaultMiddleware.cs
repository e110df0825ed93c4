using System.Text;
using CloudflareSecrets.Emulator.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CloudflareSecrets.Emulator.Faults;

/// <summary>Answers requests that match a pending <see cref="FaultRule"/>, ahead of the budget, authentication and routing.</summary>
internal sealed class FaultMiddleware(FaultCollection faults, FrontDoorMiddleware frontDoor)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        FaultRule? rule = faults.TryTake(context.Request.Method, context.Request.Path.Value ?? string.Empty);
        if (rule is null)
        {
            await next(context);
            return;
        }

        RequestContext.Get(context).FaultInjected = true;
        if (rule.Delay > TimeSpan.Zero)
        {
            await Task.Delay(rule.Delay, context.RequestAborted);
        }

        if (rule.AfterProcessing)
        {
            await ProcessAndDiscardAsync(context, next);
        }

        foreach ((string? name, string? value) in rule.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (rule.AbortConnection)
        {
            frontDoor.RecordAborted(context);
            context.Abort();
            return;
        }

        if (rule.Status is not { } status)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = status;
        (string? contentType, string? body) = Render(rule, status);
        if (contentType is not null)
        {
            context.Response.ContentType = contentType;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary>Lets the emulator act on the request, then throws its answer away (nothing of it reaches the client).</summary>
    private static async Task ProcessAndDiscardAsync(HttpContext context, RequestDelegate next)
    {
        Stream original = context.Response.Body;
        KeyValuePair<string, StringValues>[] frontDoorHeaders = context.Response.Headers.ToArray();
        using var discarded = new MemoryStream();
        context.Response.Body = discarded;
        try
        {
            await next(context);
        }
        catch (ApiErrorException)
        {
            // A refusal changed nothing; the client still gets the fault, as it would from a failing proxy.
        }
        finally
        {
            context.Response.Body = original;
        }

        // Keep what the front door set (CF-Ray, rate-limit headers); drop the discarded answer's own.
        context.Response.Headers.Clear();
        foreach ((string? name, StringValues value) in frontDoorHeaders)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static (string? ContentType, string Body) Render(FaultRule rule, int status)
    {
        string envelope = EnvelopeWriter.Serialize(new Envelope(
            false,
            [new ApiMessage(rule.ErrorCode, rule.ErrorMessage ?? $"Injected fault (HTTP {status})")],
            [],
            null));
        return rule.Body switch
        {
            FaultBody.Envelope => ("application/json", envelope),
            FaultBody.Empty => (null, string.Empty),
            FaultBody.Html => ("text/html; charset=UTF-8", Html(status)),
            FaultBody.TruncatedJson => ("application/json", envelope[..(envelope.Length / 2)]),
            FaultBody.PlainText => ("text/plain; charset=utf-8", $"upstream error: HTTP {status}\n"),
            FaultBody.Custom => (rule.ContentType, rule.CustomBody!),
            _ => throw new InvalidOperationException($"Unknown fault body {rule.Body}."),
        };
    }

    private static string Html(int status) =>
        $"""
        <!DOCTYPE html>
        <html>
        <head><title>{status} | Secrets Store emulator</title></head>
        <body>
        <h1>Error {status}</h1>
        <p>The web server reported an error (injected by the Secrets Store emulator).</p>
        </body>
        </html>

        """;
}
