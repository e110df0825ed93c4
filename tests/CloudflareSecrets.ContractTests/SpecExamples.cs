using System.Globalization;

namespace CloudflareSecrets.ContractTests;

/// <summary>
/// The example values of spec/secrets-store.openapi.json: Prism answers every request with them, so the facade must
/// return exactly these.
/// </summary>
internal static class SpecExamples
{
    public const string AccountId = "985e105f4ecef8ad9ca31a8372d0c353";
    public const string StoreId = "023e105f4ecef8ad9ca31a8372d0c353";
    public const string StoreName = "service_x_keys";
    public const string SecretId = "3fd85f74b32742f1bff64a85009dda07";
    public const string SecretName = "MY_API_KEY";
    public const string SecretValue = "api-token-secret-123";
    public const string SecretComment = "info about my secret";
    public const long Quota = 10;
    public const long Usage = 10;

    /// <summary>
    /// The overlay keeps <c>status</c> an open string without an example, so Prism fills in its placeholder for a string.
    /// </summary>
    public const string SecretStatus = "string";

    public static readonly DateTimeOffset Timestamp = DateTimeOffset.Parse("2023-09-21T18:56:32.624632Z", CultureInfo.InvariantCulture);

    public static readonly IReadOnlyList<string> SecretScopes = ["workers", "ai_gateway", "dex", "access", "websearch"];

    /// <summary>The spec's example page information of every list response (also sent, unasked, with single results).</summary>
    public static readonly PageInfo PageInfo = new(Page: 1, PerPage: 20, Count: 1, TotalCount: 2000, TotalPages: 100);

    public static SecretStore Store => new(StoreId, StoreName, AccountId, Timestamp, Timestamp);

    public static Secret Secret => new(SecretId, SecretName, StoreId, SecretStatus, SecretScopes, SecretComment, Timestamp, Timestamp);
}
