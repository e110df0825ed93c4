namespace CloudflareSecrets.Tests.RawClient;

/// <summary>Response bodies built from the example values in the spec (spec/secrets-store.openapi.json).</summary>
internal static class Examples
{
    public const string AccountId = "985e105f4ecef8ad9ca31a8372d0c353";
    public const string StoreId = "023e105f4ecef8ad9ca31a8372d0c353";
    public const string SecretId = "3fd85f74b32742f1bff64a85009dda07";
    public const string StoreName = "service_x_keys";
    public const string SecretName = "MY_API_KEY";
    public const string SecretValue = "api-token-secret-123";
    public const string Comment = "info about my secret";
    public const string Timestamp = "2023-09-21T18:56:32.624632Z";

    /// <summary>2023-09-21T18:56:32.624632Z, to the tick.</summary>
    public static readonly DateTimeOffset Created = new DateTimeOffset(2023, 9, 21, 18, 56, 32, TimeSpan.Zero).AddTicks(6_246_320);

    public const string Store = $$"""
        {
          "id": "{{StoreId}}", "account_id": "{{AccountId}}", "name": "{{StoreName}}",
          "created": "{{Timestamp}}", "modified": "{{Timestamp}}"
        }
        """;

    public const string Secret = $$"""
        {
          "id": "{{SecretId}}", "store_id": "{{StoreId}}", "name": "{{SecretName}}", "comment": "{{Comment}}",
          "scopes": [ "workers", "ai_gateway", "dex", "access", "websearch" ],
          "status": "active", "created": "{{Timestamp}}", "modified": "{{Timestamp}}"
        }
        """;

    public const string ResultInfo = """{ "count": 1, "page": 1, "per_page": 20, "total_count": 2000, "total_pages": 100 }""";

    /// <summary>The success envelope around <paramref name="result"/>.</summary>
    public static string Envelope(string result, string? resultInfo = null) =>
        $$"""{ "success": true, "errors": [], "messages": [], "result": {{result}}"""
        + $$"""{{(resultInfo is null ? "" : $", \"result_info\": {resultInfo}")}} }""";

    public static readonly string StoreResponse = Envelope(Store);

    public static readonly string SecretResponse = Envelope(Secret);

    public static readonly string DeleteResponse = Envelope("null");
}
