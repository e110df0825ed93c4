using CloudflareSecrets.Generated;

namespace CloudflareSecrets.Internal;

/// <summary>
/// Pure functions between the generated wire types and the public models, so no generated type reaches the
/// public API. Identity fields must be present; fields Cloudflare may extend (scopes, status) pass through.
/// </summary>
internal static class Mapper
{
    public static Secret ToSecret(SecretsStore_secretObject? wire, string storeId, Func<string, Exception> malformed)
    {
        if (wire is null)
        {
            throw malformed("the response has no secret");
        }

        return new Secret(
            Required(wire.Id, "id", malformed),
            Required(wire.Name, "name", malformed),
            string.IsNullOrEmpty(wire.Store_id) ? storeId : wire.Store_id,
            wire.Status ?? string.Empty,
            wire.Scopes is null ? [] : wire.Scopes.Where(s => s is not null).ToArray(),
            wire.Comment,
            wire.Created,
            wire.Modified);
    }

    public static SecretStore ToStore(SecretsStore_storeObject? wire, Func<string, Exception> malformed)
    {
        if (wire is null)
        {
            throw malformed("the response has no store");
        }

        return new SecretStore(Required(wire.Id, "id", malformed), wire.Name ?? string.Empty, wire.Account_id, wire.Created, wire.Modified);
    }

    public static SecretsQuota ToQuota(SecretsStore_secretsUsageObject? wire, Func<string, Exception> malformed)
    {
        if (wire?.Secrets is null)
        {
            throw malformed("the response has no secrets quota");
        }

        return new SecretsQuota(ToLong(wire.Secrets.Quota), ToLong(wire.Secrets.Usage));
    }

    public static PageInfo? ToPageInfo(SecretsStore_result_info? wire) =>
        wire is null ? null : new PageInfo(ToInt(wire.Page), ToInt(wire.Per_page), ToInt(wire.Count), ToLongOrNull(wire.Total_count), ToInt(wire.Total_pages));

    public static SecretsStore_createSecretObject ToWire(NewSecret secret)
    {
        var wire = new SecretsStore_createSecretObject { Name = secret.Name, Value = secret.Value, Comment = secret.Comment };
        foreach (string scope in secret.Scopes)
        {
            wire.Scopes.Add(scope);
        }

        return wire;
    }

    public static SecretsStore_scopes ToWireScopes(IEnumerable<string> scopes)
    {
        var wire = new SecretsStore_scopes();
        foreach (string scope in scopes)
        {
            wire.Add(scope);
        }

        return wire;
    }

    public static Direction? ToWire(SortDirection? direction) => direction switch
    {
        null => null,
        SortDirection.Ascending => Direction.Asc,
        SortDirection.Descending => Direction.Desc,
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown sort direction."),
    };

    public static Order? ToWire(StoreOrder? order) => order switch
    {
        null => null,
        StoreOrder.Name => Order.Name,
        StoreOrder.Created => Order.Created,
        StoreOrder.Modified => Order.Modified,
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "Unknown store order."),
    };

    public static Order2? ToWire(SecretOrder? order) => order switch
    {
        null => null,
        SecretOrder.Name => Order2.Name,
        SecretOrder.Comment => Order2.Comment,
        SecretOrder.Created => Order2.Created,
        SecretOrder.Modified => Order2.Modified,
        SecretOrder.Status => Order2.Status,
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "Unknown secret order."),
    };

    private static string Required(string? value, string field, Func<string, Exception> malformed) =>
        string.IsNullOrEmpty(value) ? throw malformed($"the response lacks the required field '{field}'") : value;

    private static int? ToInt(double? value) => value is { } v && !double.IsNaN(v) ? (int)Math.Clamp(v, int.MinValue, int.MaxValue) : null;

    private static long? ToLongOrNull(double? value) => value is { } v && !double.IsNaN(v) ? (long)Math.Clamp(v, long.MinValue, long.MaxValue) : null;

    private static long ToLong(double value) => double.IsNaN(value) ? 0 : (long)Math.Clamp(value, long.MinValue, long.MaxValue);
}
