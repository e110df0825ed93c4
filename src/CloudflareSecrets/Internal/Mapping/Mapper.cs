using System.Net;
using CloudflareSecrets.Generated;

namespace CloudflareSecrets.Internal;

/// <summary>
/// Pure functions between the generated wire types and the public models, so no generated type reaches the
/// public API. Identity fields must be present; fields Cloudflare may extend (scopes, status) pass through.
/// </summary>
internal static class Mapper
{
    public static Secret ToSecret(SecretsStore_secretObject? wire, string storeId, MalformedResponse malformed)
    {
        if (wire is null)
        {
            throw malformed.Because("the response has no secret");
        }

        return new Secret(
            Required(wire.Id, "id", malformed),
            Required(wire.Name, "name", malformed),
            string.IsNullOrEmpty(wire.Store_id) ? storeId : wire.Store_id,
            wire.Status ?? string.Empty,
            ToScopes(wire.Scopes),
            wire.Comment,
            wire.Created,
            wire.Modified);
    }

    /// <summary>The secrets of a list or create response, in order; an empty array when there are none.</summary>
    public static Secret[] ToSecrets(ICollection<SecretsStore_secretObject>? wire, string storeId, MalformedResponse malformed)
    {
        if (wire is null || wire.Count == 0)
        {
            return [];
        }

        var secrets = new Secret[wire.Count];
        int i = 0;
        foreach (SecretsStore_secretObject item in wire)
        {
            secrets[i++] = ToSecret(item, storeId, malformed);
        }

        return secrets;
    }

    /// <summary>The stores of a list response, in order; an empty array when there are none.</summary>
    public static SecretStore[] ToStores(ICollection<SecretsStore_storeObject>? wire, MalformedResponse malformed)
    {
        if (wire is null || wire.Count == 0)
        {
            return [];
        }

        var stores = new SecretStore[wire.Count];
        int i = 0;
        foreach (SecretsStore_storeObject item in wire)
        {
            stores[i++] = ToStore(item, malformed);
        }

        return stores;
    }

    public static SecretStore ToStore(SecretsStore_storeObject? wire, MalformedResponse malformed)
    {
        if (wire is null)
        {
            throw malformed.Because("the response has no store");
        }

        return new SecretStore(Required(wire.Id, "id", malformed), wire.Name ?? string.Empty, wire.Account_id, wire.Created, wire.Modified);
    }

    public static SecretsQuota ToQuota(SecretsStore_secretsUsageObject? wire, MalformedResponse malformed)
    {
        if (wire?.Secrets is null)
        {
            throw malformed.Because("the response has no secrets quota");
        }

        return new SecretsQuota(ToLong(wire.Secrets.Quota), ToLong(wire.Secrets.Usage));
    }

    public static PageInfo? ToPageInfo(SecretsStore_result_info? wire) =>
        wire is null
            ? null
            : new PageInfo(
                ToInt(wire.Page), ToInt(wire.Per_page), ToInt(wire.Count), ToLongOrNull(wire.Total_count), ToInt(wire.Total_pages));

    public static SecretsStore_createSecretObject ToWire(string name, string value, List<string> scopes, string? comment)
    {
        var wire = new SecretsStore_createSecretObject { Name = name, Value = value, Comment = comment };
        foreach (string scope in scopes)
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

    /// <summary>The scopes without null entries (Cloudflare may add scopes: any other string passes).</summary>
    private static string[] ToScopes(SecretsStore_scopes? wire)
    {
        if (wire is null)
        {
            return [];
        }

        int count = 0;
        for (int i = 0; i < wire.Count; i++)
        {
            count += wire[i] is null ? 0 : 1;
        }

        if (count == 0)
        {
            return [];
        }

        string[] scopes = new string[count];
        for (int i = 0, j = 0; i < wire.Count; i++)
        {
            if (wire[i] is { } scope)
            {
                scopes[j++] = scope;
            }
        }

        return scopes;
    }

    private static string Required(string? value, string field, MalformedResponse malformed) =>
        string.IsNullOrEmpty(value) ? throw malformed.Because($"the response lacks the required field '{field}'") : value;

    // Since .NET 9 a conversion from double saturates: a value past the range is held to it, and NaN becomes 0.
    private static int? ToInt(double? value) => value is { } v && !double.IsNaN(v) ? (int)v : null;

    private static long? ToLongOrNull(double? value) => value is { } v && !double.IsNaN(v) ? (long)v : null;

    private static long ToLong(double value) => (long)value;
}

/// <summary>
/// Makes the exception for a response that lacks what the client needs; a value, so a successful call allocates nothing
/// for the failure it did not have.
/// </summary>
internal readonly struct MalformedResponse(string operation, HttpStatusCode status, string? rayId)
{
    public Exception Because(string what) => ErrorMapper.Create(new ApiFailure(operation, status, rayId) { Detail = what });
}
