using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CloudflareSecrets.Cli.Output;

/// <summary>
/// The <c>--json</c> shapes (documented in the README, stable): snake_case keys as in Cloudflare's API, timestamps in
/// ISO 8601, never a value. Written with <see cref="Utf8JsonWriter"/>: no reflection, so trimming keeps it intact.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Flush();
    }

    public static void Quota(Utf8JsonWriter w, SecretsQuota quota)
    {
        w.WriteStartObject();
        w.WriteNumber("quota", quota.Quota);
        w.WriteNumber("usage", quota.Usage);
        w.WriteNumber("remaining", quota.Remaining);
        w.WriteEndObject();
    }

    public static void Store(Utf8JsonWriter w, SecretStore store)
    {
        w.WriteStartObject();
        w.WriteString("id", store.Id);
        w.WriteString("name", store.Name);
        w.WriteString("created", Timestamp(store.Created));
        w.WriteString("modified", Timestamp(store.Modified));
        w.WriteEndObject();
    }

    public static void Secret(Utf8JsonWriter w, Secret secret)
    {
        w.WriteStartObject();
        w.WriteString("id", secret.Id);
        w.WriteString("name", secret.Name);
        w.WriteString("store_id", secret.StoreId);
        w.WriteString("status", secret.Status);
        w.WriteStartArray("scopes");
        foreach (string scope in secret.Scopes)
        {
            w.WriteStringValue(scope);
        }

        w.WriteEndArray();
        if (secret.Comment is null)
        {
            w.WriteNull("comment");
        }
        else
        {
            w.WriteString("comment", secret.Comment);
        }

        w.WriteString("created", Timestamp(secret.Created));
        w.WriteString("modified", Timestamp(secret.Modified));
        w.WriteEndObject();
    }

    public static void Array<T>(Utf8JsonWriter w, IEnumerable<T> items, Action<Utf8JsonWriter, T> item)
    {
        w.WriteStartArray();
        foreach (T x in items)
        {
            item(w, x);
        }

        w.WriteEndArray();
    }

    public static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
