using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace CloudflareSecrets.Emulator.Http;

/// <summary>One entry of <c>errors</c> or <c>messages</c>.</summary>
internal sealed record ApiMessage(int Code, string Message)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApiMessageSource? Source { get; init; }
}

internal sealed record ApiMessageSource(string Pointer);

internal sealed record ResultInfo(int Page, int PerPage, int Count, int TotalCount, int TotalPages);

/// <summary>Cloudflare's response envelope; <c>result</c> is always written (null on failures and deletes).</summary>
internal sealed record Envelope(bool Success, IReadOnlyList<ApiMessage> Errors, IReadOnlyList<ApiMessage> Messages, object? Result)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ResultInfo? ResultInfo { get; init; }
}

/// <summary>
/// A failure to answer with a Cloudflare error envelope. Thrown from anywhere in the pipeline and written by the
/// outermost middleware, which keeps handlers free of response plumbing.
/// </summary>
internal sealed class ApiErrorException(
    int statusCode, IReadOnlyList<ApiMessage> errors, IReadOnlyDictionary<string, string>? headers = null)
    : Exception(errors.Count > 0 ? errors[0].Message : "API error")
{
    public int StatusCode { get; } = statusCode;

    public IReadOnlyList<ApiMessage> Errors { get; } = errors;

    public IReadOnlyDictionary<string, string>? Headers { get; } = headers;

    public static ApiErrorException Single(int statusCode, int code, string message, string? pointer = null) =>
        new(statusCode, [new ApiMessage(code, message) { Source = pointer is null ? null : new ApiMessageSource(pointer) }]);

    /// <summary>A condition of the table of known errors, with its status, code and token (and the detail after the token).</summary>
    public static ApiErrorException Known(SecretsStoreKnownError error, string? detail = null, string? pointer = null) =>
        new((int)error.Status, [Model.Problem.Known(error, detail).ToMessage(pointer)]);

    public static ApiErrorException Validation(string message, string? pointer = null) =>
        Single(StatusCodes.Status400BadRequest, EmulatorErrorCodes.ValidationFailed, "validation_error: " + message, pointer);
}

internal static class EnvelopeWriter
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static Task WriteSuccessAsync(HttpContext context, int statusCode, object? result, ResultInfo? resultInfo = null) =>
        WriteAsync(context, statusCode, new Envelope(true, [], [], result) { ResultInfo = resultInfo });

    public static Task WriteErrorAsync(HttpContext context, ApiErrorException error)
    {
        if (error.Headers is not null)
        {
            foreach ((string? name, string? value) in error.Headers)
            {
                context.Response.Headers[name] = value;
            }
        }

        return WriteAsync(context, error.StatusCode, new Envelope(false, error.Errors, [], null));
    }

    public static string Serialize(Envelope envelope) => JsonSerializer.Serialize(envelope, JsonOptions);

    private static async Task WriteAsync(HttpContext context, int statusCode, Envelope envelope)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(envelope, JsonOptions);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
