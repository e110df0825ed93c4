using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.Tests.Facade.Support;

/// <summary>Cloudflare response bodies as the API sends them, and the models the client should map them to.</summary>
internal static class Canned
{
    public const string Created = "2023-09-21T18:56:32.624632Z";
    public const string Modified = "2023-09-22T07:05:01.5Z";

    public static DateTimeOffset CreatedTime => DateTimeOffset.Parse(Created, CultureInfo.InvariantCulture);

    public static DateTimeOffset ModifiedTime => DateTimeOffset.Parse(Modified, CultureInfo.InvariantCulture);

    /// <summary>A secret object as the API returns it (never with a value).</summary>
    public static JObject Secret(
        string id = FakeCloudflare.SecretId,
        string name = "MY_API_KEY",
        string status = "active",
        string[]? scopes = null,
        string? comment = "info about my secret",
        string? storeId = FakeCloudflare.StoreId)
    {
        var secret = new JObject
        {
            ["id"] = id,
            ["name"] = name,
            ["status"] = status,
            ["scopes"] = new JArray(scopes ?? ["workers", "ai_gateway"]),
            ["created"] = Created,
            ["modified"] = Modified,
        };
        if (comment is not null)
        {
            secret["comment"] = comment;
        }

        if (storeId is not null)
        {
            secret["store_id"] = storeId;
        }

        return secret;
    }

    /// <summary>The model <see cref="Secret(string, string, string, string[], string?, string?)"/> should map to.</summary>
    public static Secret SecretModel(
        string id = FakeCloudflare.SecretId,
        string name = "MY_API_KEY",
        string status = "active",
        string[]? scopes = null,
        string? comment = "info about my secret",
        string storeId = FakeCloudflare.StoreId) =>
        new(id, name, storeId, status, scopes ?? ["workers", "ai_gateway"], comment, CreatedTime, ModifiedTime);

    public static JObject Store(
        string id = FakeCloudflare.StoreId,
        string name = "service_x_keys",
        string? accountId = FakeCloudflare.AccountId)
    {
        var store = new JObject { ["id"] = id, ["name"] = name, ["created"] = Created, ["modified"] = Modified };
        if (accountId is not null)
        {
            store["account_id"] = accountId;
        }

        return store;
    }

    public static SecretStore StoreModel(
        string id = FakeCloudflare.StoreId,
        string name = "service_x_keys",
        string? accountId = FakeCloudflare.AccountId) =>
        new(id, name, accountId, CreatedTime, ModifiedTime);

    public static JObject ResultInfo(int page, int perPage, int count, int totalCount, int totalPages) =>
        new() { ["page"] = page, ["per_page"] = perPage, ["count"] = count, ["total_count"] = totalCount, ["total_pages"] = totalPages };

    /// <summary>A success envelope around <paramref name="result"/>.</summary>
    public static string Success(JToken? result, JObject? resultInfo = null, params JObject[] messages)
    {
        var envelope = new JObject
        {
            ["success"] = true,
            ["errors"] = new JArray(),
            ["messages"] = new JArray(messages),
            ["result"] = result ?? JValue.CreateNull(),
        };
        if (resultInfo is not null)
        {
            envelope["result_info"] = resultInfo;
        }

        return envelope.ToString(Formatting.None);
    }

    /// <summary>A one-page list envelope: <c>result_info</c> says page 1 of 1.</summary>
    public static string List(params JObject[] items) =>
        Success(new JArray(items), ResultInfo(1, SecretsStoreLimits.MaxPageSize, items.Length, items.Length, 1));

    /// <summary>A list envelope for page <paramref name="page"/> of <paramref name="totalPages"/>.</summary>
    public static string ListPage(int page, int perPage, int totalCount, int totalPages, params JObject[] items) =>
        Success(new JArray(items), ResultInfo(page, perPage, items.Length, totalCount, totalPages));

    /// <summary>A failure envelope; <paramref name="extra"/> lands in <c>result</c>, a place no message may quote.</summary>
    public static string Failure(JObject[] errors, JObject[]? messages = null, string? extra = null) =>
        new JObject
        {
            ["success"] = false,
            ["errors"] = new JArray(errors),
            ["messages"] = new JArray(messages ?? []),
            ["result"] = extra is null ? JValue.CreateNull() : new JObject { ["debug"] = extra },
        }.ToString(Formatting.None);

    public static string Failure(int code, string message) => Failure([Error(code, message)]);

    public static JObject Error(int code, string message, string? documentationUrl = null, string? pointer = null)
    {
        var error = new JObject { ["code"] = code, ["message"] = message };
        if (documentationUrl is not null)
        {
            error["documentation_url"] = documentationUrl;
        }

        if (pointer is not null)
        {
            error["source"] = new JObject { ["pointer"] = pointer };
        }

        return error;
    }

    /// <summary>Secrets named <c>S1</c>, <c>S2</c>… with ids <c>id1</c>, <c>id2</c>…, numbered from <paramref name="first"/>.</summary>
    public static JObject[] Secrets(int first, int count) =>
        Enumerable.Range(first, count).Select(i => Secret(id: $"id{i}", name: $"S{i}")).ToArray();
}
