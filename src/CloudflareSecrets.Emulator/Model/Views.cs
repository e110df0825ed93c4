using System.Globalization;

namespace CloudflareSecrets.Emulator.Model;

/// <summary>A store as the API returns it (<c>secrets-store_storeObject</c>).</summary>
internal sealed record StoreView(string Id, string Name, string AccountId, string Created, string Modified);

/// <summary>
/// A secret as the API returns it (<c>secrets-store_secretObject</c>): never the value, which is write-only. An unset
/// comment is written as <c>"comment": null</c>, not left out. Observed: alchemy-run/distilled
/// packages/cloudflare/test/secrets-store.test.ts, run against the live API.
/// </summary>
internal sealed record SecretView(
    string Id, string Name, string StoreId, string Created, string Modified, string Status, IReadOnlyList<string> Scopes)
{
    public string? Comment { get; init; }
}

internal sealed record QuotaView(SecretsUsageView Secrets);

internal sealed record SecretsUsageView(int Quota, int Usage);

internal sealed record PageView<T>(IReadOnlyList<T> Items, int Page, int PerPage, int TotalCount)
{
    public int TotalPages => (TotalCount + PerPage - 1) / PerPage;
}

internal static class Timestamps
{
    // Cloudflare writes microseconds and a Z suffix, e.g. 2023-09-21T18:56:32.624632Z.
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
