using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CloudflareSecrets.Emulator.Http;

/// <summary>
/// Reads request bodies into <see cref="JsonElement"/>s and pulls typed fields out of them, turning every problem into
/// a 400 whose <c>source.pointer</c> names the offending field.
/// </summary>
internal static class JsonBody
{
    public static async Task<JsonElement> ReadAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0 || IsWhitespace(buffer))
        {
            throw ApiErrorException.Known(SecretsStoreKnownErrors.InvalidJsonBody);
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // The parser's message can quote the body, which may hold a secret value: keep it out of the answer.
            throw ApiErrorException.Known(SecretsStoreKnownErrors.InvalidJsonBody);
        }
    }

    public static void RequireObject(JsonElement element, string pointer)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw ApiErrorException.Validation($"{Describe(pointer)} must be a JSON object", pointer);
        }
    }

    public static JsonElement? Property(JsonElement obj, string name)
    {
        // A JSON null counts as "absent": Cloudflare's optional fields accept either.
        return obj.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    public static string? OptionalString(JsonElement obj, string name, string pointer)
    {
        if (Property(obj, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw ApiErrorException.Validation($"{name} must be a string", pointer);
        }

        return value.GetString()!;
    }

    public static string RequiredString(JsonElement obj, string name, string pointer) =>
        OptionalString(obj, name, pointer) ?? throw ApiErrorException.Validation($"{name} is required", pointer);

    public static IReadOnlyList<string>? OptionalStringArray(JsonElement obj, string name, string pointer)
    {
        if (Property(obj, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ApiErrorException.Validation($"{name} must be an array of strings", pointer);
        }

        var items = new List<string>(value.GetArrayLength());
        int index = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw ApiErrorException.Validation($"{name}[{index}] must be a string", $"{pointer}/{index}");
            }

            items.Add(item.GetString()!);
            index++;
        }

        return items;
    }

    private static string Describe(string pointer) => pointer.Length == 0 ? "the request body" : "the element at " + pointer;

    private static bool IsWhitespace(MemoryStream buffer)
    {
        Span<byte> bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        return Encoding.UTF8.GetString(bytes).AsSpan().IsWhiteSpace();
    }
}
