

namespace CloudflareSecrets.Internal;

/// <summary>
/// What the client knows of each of the 12 operations: the spec's operationId, a name for messages, logs and telemetry,
/// the method and route template. The one place an operation's name is spelt.
/// </summary>
internal sealed record OperationInfo(int Ordinal, string Id, string Name, string Method, string Route)
{
    /// <summary>How many operations there are (the <see cref="Ordinal"/>s are 0 to Count - 1).</summary>
    public const int Count = 12;

    private const string Prefix = "accounts/{account_id}/secrets_store";
    private const string StoreRoute = Prefix + "/stores/{store_id}";
    private const string SecretsRoute = StoreRoute + "/secrets";
    private const string SecretRoute = SecretsRoute + "/{secret_id}";

    public static readonly OperationInfo Quota = new(0, "secrets-store-quota", "GetQuota", "GET", Prefix + "/quota");
    public static readonly OperationInfo ListStores = new(1, "secrets-store-list", "ListStores", "GET", Prefix + "/stores");
    public static readonly OperationInfo CreateStore = new(2, "secrets-store-create", "CreateStore", "POST", Prefix + "/stores");
    public static readonly OperationInfo GetStore = new(3, "secrets-store-get-store-by-id", "GetStore", "GET", StoreRoute);
    public static readonly OperationInfo DeleteStore = new(4, "secrets-store-delete-by-id", "DeleteStore", "DELETE", StoreRoute);
    public static readonly OperationInfo ListSecrets = new(5, "secrets-store-secrets-list", "ListSecrets", "GET", SecretsRoute);
    public static readonly OperationInfo CreateSecrets = new(6, "secrets-store-secret-create", "CreateSecrets", "POST", SecretsRoute);
    public static readonly OperationInfo DeleteSecrets = new(7, "secrets-store-delete-bulk", "DeleteSecrets", "DELETE", SecretsRoute);
    public static readonly OperationInfo GetSecret = new(8, "secrets-store-get-by-id", "GetSecret", "GET", SecretRoute);
    public static readonly OperationInfo UpdateSecret = new(9, "secrets-store-patch-by-id", "UpdateSecret", "PATCH", SecretRoute);
    public static readonly OperationInfo DeleteSecret = new(10, "secrets-store-secret-delete-by-id", "DeleteSecret", "DELETE", SecretRoute);
    public static readonly OperationInfo DuplicateSecret =
        new(11, "secrets-store-duplicate-by-id", "DuplicateSecret", "POST", SecretRoute + "/duplicate");

    /// <summary>The name of the operation's activity (span): <c>SecretsStore.GetSecret</c>.</summary>
    public string ActivityName { get; } = "SecretsStore." + Name;

    /// <summary>POST and PATCH change state in a way a repeat could duplicate; GET and DELETE can be repeated safely.</summary>
    public bool IsWrite => Method is "POST" or "PATCH";
}

/// <summary>
/// An operation's route on one server, as logs and telemetry show it: templates with <c>{account_id}</c> and friends in
/// place of the ids, so the events of one operation group together and no id reaches a metric's dimensions.
/// </summary>
internal sealed class OperationRoute(OperationInfo operation, Uri baseUrl)
{
    public OperationInfo Operation { get; } = operation;

    /// <summary>
    /// The absolute URL template (for log events):
    /// <c>https://api.cloudflare.com/client/v4/accounts/{account_id}/secrets_store/quota</c>.
    /// </summary>
    public string UrlTemplate { get; } = baseUrl.AbsoluteUri + operation.Route;

    /// <summary>
    /// The path template (OpenTelemetry's <c>url.template</c>):
    /// <c>/client/v4/accounts/{account_id}/secrets_store/quota</c>.
    /// </summary>
    public string PathTemplate { get; } = baseUrl.AbsolutePath + operation.Route;
}
