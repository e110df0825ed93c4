namespace CloudflareSecrets.Internal;

/// <summary>What the client knows of each of the 12 operations: the spec's operationId, a name for messages, the method and route template.</summary>
internal sealed record OperationInfo(string Id, string Name, string Method, string Route)
{
    private const string Prefix = "accounts/{account_id}/secrets_store";

    public static readonly OperationInfo Quota = new("secrets-store-quota", "GetQuota", "GET", Prefix + "/quota");
    public static readonly OperationInfo ListStores = new("secrets-store-list", "ListStores", "GET", Prefix + "/stores");
    public static readonly OperationInfo CreateStore = new("secrets-store-create", "CreateStore", "POST", Prefix + "/stores");
    public static readonly OperationInfo GetStore = new("secrets-store-get-store-by-id", "GetStore", "GET", Prefix + "/stores/{store_id}");
    public static readonly OperationInfo DeleteStore = new("secrets-store-delete-by-id", "DeleteStore", "DELETE", Prefix + "/stores/{store_id}");
    public static readonly OperationInfo ListSecrets = new("secrets-store-secrets-list", "ListSecrets", "GET", Prefix + "/stores/{store_id}/secrets");
    public static readonly OperationInfo CreateSecrets = new("secrets-store-secret-create", "CreateSecrets", "POST", Prefix + "/stores/{store_id}/secrets");
    public static readonly OperationInfo DeleteSecrets = new("secrets-store-delete-bulk", "DeleteSecrets", "DELETE", Prefix + "/stores/{store_id}/secrets");
    public static readonly OperationInfo GetSecret = new("secrets-store-get-by-id", "GetSecret", "GET", Prefix + "/stores/{store_id}/secrets/{secret_id}");
    public static readonly OperationInfo UpdateSecret = new("secrets-store-patch-by-id", "UpdateSecret", "PATCH", Prefix + "/stores/{store_id}/secrets/{secret_id}");
    public static readonly OperationInfo DeleteSecret = new("secrets-store-secret-delete-by-id", "DeleteSecret", "DELETE", Prefix + "/stores/{store_id}/secrets/{secret_id}");
    public static readonly OperationInfo DuplicateSecret = new("secrets-store-duplicate-by-id", "DuplicateSecret", "POST", Prefix + "/stores/{store_id}/secrets/{secret_id}/duplicate");

    /// <summary>All operations, in spec order.</summary>
    public static readonly IReadOnlyList<OperationInfo> All =
        [Quota, ListStores, CreateStore, GetStore, DeleteStore, ListSecrets, CreateSecrets, DeleteSecrets, GetSecret, UpdateSecret, DeleteSecret, DuplicateSecret];

    /// <summary>POST and PATCH change state in a way a repeat could duplicate; GET and DELETE can be repeated safely.</summary>
    public bool IsWrite => Method is "POST" or "PATCH";
}
