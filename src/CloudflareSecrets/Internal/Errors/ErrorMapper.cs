using System.Net;
using CloudflareSecrets.Generated;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.Internal;

/// <summary>
/// Turns every failure the API can produce into the public exception for its meaning (the table of known errors),
/// else for its status. Messages name the operation, the status, Cloudflare's codes and messages and the CF-Ray id;
/// never a body, and never a value the caller sent as secret (those are masked even if a server echoed them).
/// </summary>
internal static class ErrorMapper
{
    private const int MaxErrorsInMessage = 5;

    /// <summary>Maps an exception thrown by the generated client.</summary>
    public static CloudflareApiException FromRaw(SecretsStoreRawException raw, string operation, IReadOnlyCollection<string>? sensitive)
    {
        var status = (HttpStatusCode)raw.StatusCode;
        string? rayId = HeaderReader.RayId(raw.Headers);
        TimeSpan? retryAfter = HeaderReader.RetryAfter(raw.Headers);
        IReadOnlyList<CloudflareError> errors = [];
        IReadOnlyList<CloudflareError> messages = [];
        if (raw is SecretsStoreRawException<SecretsStore_apiResponseCommonFailure> { Result: { } failure })
        {
            errors = Map(failure.Errors, sensitive);
            messages = Map(failure.Messages, sensitive);
        }
        else if (!string.IsNullOrEmpty(raw.Response))
        {
            (errors, messages) = TryReadEnvelope(raw.Response, sensitive);
        }

        bool success = raw.StatusCode is >= 200 and < 300;
        string detail = success
            ? "the response could not be read as the documented JSON envelope" + Describe(raw.InnerException, sensitive)
            : errors.Count == 0 ? "the response had no Cloudflare errors array" : string.Empty;
        return Create(new ApiFailure(operation, status, rayId)
        {
            Errors = errors,
            Messages = messages,
            RetryAfter = retryAfter,
            Detail = detail,
        });
    }

    /// <summary>Maps a 2xx envelope that says <c>success: false</c> (a 2xx asks for no wait: no Retry-After is read).</summary>
    public static CloudflareApiException FromEnvelope(
        IEnvelope envelope, string operation, HttpStatusCode status, string? rayId, IReadOnlyCollection<string>? sensitive) =>
        Create(new ApiFailure(operation, status, rayId)
        {
            Errors = Map(envelope.Errors, sensitive),
            Messages = Map(envelope.Messages, sensitive),
            Detail = "the response said success: false",
        });

    /// <summary>The public exception for <paramref name="failure"/>: by the condition its errors name, else by its status.</summary>
    public static CloudflareApiException Create(ApiFailure failure)
    {
        (string operation, HttpStatusCode status, string? rayId) = (failure.Operation, failure.Status, failure.RayId);
        (IReadOnlyList<CloudflareError> errors, IReadOnlyList<CloudflareError> messages) = (failure.Errors, failure.Messages);
        TimeSpan? retryAfter = failure.RetryAfter;
        string message = BuildMessage(operation, status, errors, rayId, failure.Detail);

        // By meaning first: Cloudflare reports a taken name as 400 with code 1003 (and not-found conditions with 1001),
        // so the token decides the type where the table knows it; only unknown tokens fall back to the status.
        if ((int)status is >= 400 and < 500 and not 429 && KnownCondition(errors) is { } known)
        {
            if (known == SecretsStoreKnownErrors.SecretNameAlreadyExists || known == SecretsStoreKnownErrors.StoreNotEmpty)
            {
                return new CloudflareConflictException(message, status, errors, messages, rayId);
            }

            if (known == SecretsStoreKnownErrors.SecretNotFound || known == SecretsStoreKnownErrors.StoreNotFound)
            {
                return new CloudflareNotFoundException(message, status, errors, messages, rayId);
            }
        }

        return (int)status switch
        {
            400 or 422 => new CloudflareValidationException(message, status, errors, messages, rayId),
            401 => new CloudflareAuthenticationException(message, status, errors, messages, rayId),
            403 => new CloudflareAuthorizationException(message, status, errors, messages, rayId),
            404 => new CloudflareNotFoundException(message, status, errors, messages, rayId),
            409 => new CloudflareConflictException(message, status, errors, messages, rayId),
            429 => new CloudflareRateLimitException(message, status, errors, messages, rayId, retryAfter: retryAfter),
            >= 500 => new CloudflareServerException(message, status, errors, messages, rayId),
            _ => new CloudflareApiException(message, status, errors, messages, rayId),
        };
    }

    /// <summary>The table row of the first error whose token the table knows, or <see langword="null"/>.</summary>
    private static SecretsStoreKnownError? KnownCondition(IReadOnlyList<CloudflareError> errors)
    {
        foreach (CloudflareError error in errors)
        {
            if (SecretsStoreKnownErrors.Find(SecretsStoreKnownErrors.TokenOf(error.Message)) is { } known)
            {
                return known;
            }
        }

        return null;
    }

    private static string BuildMessage(
        string operation, HttpStatusCode status, IReadOnlyList<CloudflareError> errors, string? rayId, string? detail)
    {
        var text = new System.Text.StringBuilder();
        text.Append(operation).Append(" failed: HTTP ").Append((int)status);
        if (Enum.IsDefined(status))
        {
            text.Append(' ').Append(status);
        }

        if (errors.Count > 0)
        {
            text.Append(": ").AppendJoin("; ", errors.Take(MaxErrorsInMessage).Select(e => $"[{e.Code}] {e.Message}"));
            if (errors.Count > MaxErrorsInMessage)
            {
                text.Append($"; and {errors.Count - MaxErrorsInMessage} more");
            }
        }

        if (!string.IsNullOrEmpty(detail))
        {
            text.Append(errors.Count > 0 ? " (" : ": ").Append(detail).Append(errors.Count > 0 ? ")" : string.Empty);
        }

        if (rayId is not null)
        {
            text.Append(" (CF-Ray ").Append(Clip(rayId, 64)).Append(')');
        }

        return text.Append('.').ToString();
    }

    private static IReadOnlyList<CloudflareError> Map(SecretsStore_messages? entries, IReadOnlyCollection<string>? sensitive)
    {
        if (entries is null || entries.Count == 0)
        {
            return [];
        }

        var list = new List<CloudflareError>(entries.Count);
        foreach (ResponseMessage? entry in entries)
        {
            if (entry is not null)
            {
                list.Add(new CloudflareError(
                    entry.Code,
                    ServerText.Mask(entry.Message, sensitive),
                    ServerText.MaskOptional(entry.Documentation_url, sensitive),
                    ServerText.MaskOptional(entry.Source?.Pointer, sensitive)));
            }
        }

        return list;
    }

    /// <summary>Reads errors from a body the generated code could not bind (e.g. an envelope of another shape). Never throws.</summary>
    private static (IReadOnlyList<CloudflareError> Errors, IReadOnlyList<CloudflareError> Messages) TryReadEnvelope(
        string body, IReadOnlyCollection<string>? sensitive)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(body)) { MaxDepth = 32, DateParseHandling = DateParseHandling.None };
            if (JToken.ReadFrom(reader) is JObject envelope)
            {
                return (ReadList(envelope["errors"], sensitive), ReadList(envelope["messages"], sensitive));
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the status alone has to do.
        }

        return ([], []);
    }

    private static List<CloudflareError> ReadList(JToken? token, IReadOnlyCollection<string>? sensitive)
    {
        var list = new List<CloudflareError>();
        if (token is not JArray array)
        {
            return list;
        }

        foreach (JToken item in array)
        {
            if (item is JObject entry
                && entry["code"] is JValue { Type: JTokenType.Integer } code
                && code.Value is long number and >= int.MinValue and <= int.MaxValue)
            {
                list.Add(new CloudflareError(
                    (int)number,
                    ServerText.Mask(entry["message"] is JValue { Type: JTokenType.String } m ? (string)m! : string.Empty, sensitive),
                    ServerText.MaskOptional(
                        entry["documentation_url"] is JValue { Type: JTokenType.String } d ? (string)d! : null, sensitive),
                    ServerText.MaskOptional(
                        entry["source"] is JObject source && source["pointer"] is JValue { Type: JTokenType.String } p ? (string)p! : null,
                        sensitive)));
            }
        }

        return list;
    }

    private static string Clip(string text, int max) => ServerText.Clip(text, max);

    /// <summary>Names what went wrong in reading, without the serializer's message (which can quote the body).</summary>
    private static string Describe(Exception? exception, IReadOnlyCollection<string>? sensitive) => exception switch
    {
        JsonReaderException e => $" (invalid JSON at line {e.LineNumber}, position {e.LinePosition})",
        JsonSerializationException e =>
            $" (unexpected JSON{(string.IsNullOrEmpty(e.Path) ? string.Empty : $" at '{ServerText.Mask(e.Path, sensitive, 80)}'")})",
        null => " (no body)",
        _ => $" ({exception.GetType().Name})",
    };
}

/// <summary>An answer the client turns into a public exception (<see cref="ErrorMapper.Create"/>).</summary>
/// <param name="Operation">The operation's name, for the message.</param>
/// <param name="Status">The HTTP status (200 for a 2xx that failed).</param>
/// <param name="RayId">The answer's CF-Ray id, when it had a well-formed one.</param>
internal sealed record ApiFailure(string Operation, HttpStatusCode Status, string? RayId)
{
    /// <summary>Cloudflare's <c>errors</c> array, masked.</summary>
    public IReadOnlyList<CloudflareError> Errors { get; init; } = [];

    /// <summary>Cloudflare's <c>messages</c> array, masked.</summary>
    public IReadOnlyList<CloudflareError> Messages { get; init; } = [];

    /// <summary>The wait a 429 asked for.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>What the message adds after the status and errors (why a 2xx failed, say).</summary>
    public string? Detail { get; init; }
}
