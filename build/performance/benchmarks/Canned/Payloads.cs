using System.Globalization;
using System.Text.Json;

namespace CloudflareSecrets.Benchmarks.Canned;

/// <summary>
/// Response bodies shaped like Cloudflare's (the envelope, a secret object, result_info), made once as UTF-8 bytes.
/// </summary>
public static class Payloads
{
    public const string AccountId = "985e105f4ecef8ad9ca31a8372d0c353";
    public const string StoreId = "023e105f4ecef8ad9ca31a8372d0c353";
    public const string SecretId = "3fd85f74b32742f1bff64a85009dda07";

    private static readonly DateTimeOffset Created = new(2025, 9, 21, 18, 56, 32, 624, TimeSpan.Zero);

    /// <summary><c>{"success":true,...,"result":{secret}}</c>: the answer to a get.</summary>
    public static byte[] SecretEnvelope() => Write(w =>
    {
        StartEnvelope(w);
        w.WritePropertyName("result");
        WriteSecret(w, SecretId, "MY_API_KEY", "info about my secret");
        w.WriteEndObject();
    });

    /// <summary><c>{"success":true,...,"result":[secret]}</c>: the answer to a create of one secret.</summary>
    public static byte[] CreatedEnvelope(string name) => Write(w =>
    {
        StartEnvelope(w);
        w.WriteStartArray("result");
        WriteSecret(w, SecretId, name, "info about my secret");
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>One page of <paramref name="count"/> secrets, the only page of the list.</summary>
    public static byte[] SinglePage(int count) => Write(w =>
    {
        StartEnvelope(w);
        w.WriteStartArray("result");
        for (int i = 0; i < count; i++)
        {
            WriteSecret(w, Id(1, i), Name(1, i), i % 2 == 0 ? "rotated monthly" : null);
        }

        w.WriteEndArray();
        WriteResultInfo(w, page: "1", perPage: count, count: count, totalCount: count, totalPages: 1);
        w.WriteEndObject();
    });

    /// <summary>
    /// The template of a page of a long list: <see cref="PageStringMarker"/> stands where the page number goes inside
    /// strings (ids and names, zero-padded) and <see cref="PageNumberMarker"/> where it goes as a JSON number
    /// (space-padded, which JSON allows).
    /// </summary>
    public static byte[] PageTemplate(int pageSize, long totalCount, int totalPages) => Write(w =>
    {
        StartEnvelope(w);
        w.WriteStartArray("result");
        for (int i = 0; i < pageSize; i++)
        {
            WriteSecret(
                w,
                "f" + PageStringMarker + "0000000000000000" + i.ToString("D6", CultureInfo.InvariantCulture),
                "SECRET_" + PageStringMarker + "_" + i.ToString("D3", CultureInfo.InvariantCulture),
                i % 2 == 0 ? "rotated monthly" : null);
        }

        w.WriteEndArray();
        WriteResultInfo(w, page: PageNumberMarker, perPage: pageSize, count: pageSize, totalCount: totalCount, totalPages: totalPages);
        w.WriteEndObject();
    });

    public const string PageStringMarker = "#########";
    public const string PageNumberMarker = "@@@@@@@@@";

    private static string Id(int page, int index) =>
        "f" + page.ToString("D9", CultureInfo.InvariantCulture) + "0000000000000000" + index.ToString("D6", CultureInfo.InvariantCulture);

    private static string Name(int page, int index) =>
        "SECRET_" + page.ToString("D9", CultureInfo.InvariantCulture) + "_" + index.ToString("D3", CultureInfo.InvariantCulture);

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    private static void StartEnvelope(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteBoolean("success", true);
        w.WriteStartArray("errors");
        w.WriteEndArray();
        w.WriteStartArray("messages");
        w.WriteEndArray();
    }

    private static void WriteSecret(Utf8JsonWriter w, string id, string name, string? comment)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("name", name);
        w.WriteString("store_id", StoreId);
        w.WriteString("status", "active");
        w.WriteStartArray("scopes");
        w.WriteStringValue("workers");
        w.WriteStringValue("ai_gateway");
        w.WriteEndArray();
        if (comment is not null)
        {
            w.WriteString("comment", comment);
        }

        w.WriteString("created", Created);
        w.WriteString("modified", Created);
        w.WriteEndObject();
    }

    private static void WriteResultInfo(Utf8JsonWriter w, string page, int perPage, int count, long totalCount, int totalPages)
    {
        w.WriteStartObject("result_info");
        w.WritePropertyName("page");
        w.WriteRawValue(page, skipInputValidation: true);
        w.WriteNumber("per_page", perPage);
        w.WriteNumber("count", count);
        w.WriteNumber("total_count", totalCount);
        w.WriteNumber("total_pages", totalPages);
        w.WriteEndObject();
    }
}
