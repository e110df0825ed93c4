namespace CloudflareSecrets.SpecTool.Diff;

/// <summary>
/// Which public methods of <c>ISecretsStoreClient</c> call each operation, so that a change to an operation names
/// the facade members a maintainer must look at. The one place this is written down; the spec tool's tests check it
/// against the interface and against the requests each method really sends.
/// </summary>
public static class FacadeMap
{
    /// <summary>operationId → the facade methods that call it, in the interface's order.</summary>
    public static readonly IReadOnlyList<(string OperationId, string[] Members)> Table =
    [
        ("secrets-store-list", ["ListStoresAsync"]),
        ("secrets-store-create", ["CreateStoreAsync"]),
        ("secrets-store-get-store-by-id", ["GetStoreAsync"]),
        ("secrets-store-delete-by-id", ["DeleteStoreAsync"]),
        ("secrets-store-secrets-list", ["ListSecretsAsync"]),
        ("secrets-store-get-by-id", ["GetSecretAsync"]),
        ("secrets-store-secret-create", ["CreateSecretAsync", "CreateSecretsAsync"]),
        ("secrets-store-patch-by-id", ["UpdateSecretAsync"]),
        ("secrets-store-duplicate-by-id", ["DuplicateSecretAsync"]),
        ("secrets-store-secret-delete-by-id", ["DeleteSecretAsync"]),
        ("secrets-store-delete-bulk", ["DeleteSecretsAsync"]),
        ("secrets-store-quota", ["GetQuotaAsync"]),
    ];

    /// <summary>The facade methods that call any of <paramref name="operations"/>, without repeats, in the table's order.</summary>
    public static IReadOnlyList<string> For(IEnumerable<string> operations)
    {
        var wanted = operations.ToHashSet(StringComparer.Ordinal);
        return Table.Where(e => wanted.Contains(e.OperationId)).SelectMany(e => e.Members).Distinct(StringComparer.Ordinal).ToList();
    }
}
