using System.Net;

namespace CloudflareSecrets.Tests.Resilience.Support;

/// <summary>One of the twelve Secrets Store operations, as a test drives it through the public client.</summary>
/// <param name="Name">The operation's name in the client's messages and logs.</param>
/// <param name="Method">The HTTP method the client sends.</param>
/// <param name="Path">The request path below the base URL, without the query.</param>
/// <param name="Route">The route template the client logs.</param>
/// <param name="SuccessStatus">The status Cloudflare answers on success.</param>
/// <param name="SuccessBody">A documented success body.</param>
/// <param name="Invoke">Calls the operation; lists are enumerated to the end.</param>
/// <param name="Expected">What <paramref name="Invoke"/> returns for <paramref name="SuccessBody"/>.</param>
public sealed record ApiOperation(
    string Name,
    HttpMethod Method,
    string Path,
    string Route,
    HttpStatusCode SuccessStatus,
    string SuccessBody,
    Func<ISecretsStoreClient, CancellationToken, Task<object?>> Invoke,
    object? Expected)
{
    /// <summary>POST and PATCH: a repeat could act twice.</summary>
    public bool IsWrite => Method == HttpMethod.Post || Method == HttpMethod.Patch;

    public override string ToString() => Name;
}

/// <summary>The operations, their canned bodies and the identifiers the tests use.</summary>
public static class Api
{
    public const string BaseUrl = "https://api.cloudflare.com/client/v4/";
    public const string Account = "acc";
    public const string StoreId = "store1";
    public const string SecretId = "sec1";
    public const string SecretName = "MY_KEY";
    public const string CopyName = "MY_KEY_COPY";
    public const string SecretValue = "s3cret-value";

    private const string Prefix = "accounts/{account_id}/secrets_store";

    private static readonly DateTimeOffset Created = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset Modified = new(2025, 1, 2, 3, 4, 6, TimeSpan.Zero);

    /// <summary>The store <see cref="StoreJson"/> maps to (declared before the operations that return it).</summary>
    public static readonly SecretStore Store = new("store1", "default", "acc", Created, Modified);
    private const string Path = "accounts/acc/secrets_store";

    public const string StoreJson =
        """{"id":"store1","name":"default","account_id":"acc","created":"2025-01-02T03:04:05Z","modified":"2025-01-02T03:04:06Z"}""";
    public const string PageInfoJson = """{"page":1,"per_page":100,"count":1,"total_count":1,"total_pages":1}""";

    public static readonly ApiOperation GetQuota = new(
        "GetQuota", HttpMethod.Get, Path + "/quota", Prefix + "/quota", HttpStatusCode.OK,
        Envelope("""{"secrets":{"quota":100,"usage":7}}"""),
        async (client, token) => await client.GetQuotaAsync(cancellationToken: token).ConfigureAwait(false),
        new SecretsQuota(100, 7));

    public static readonly ApiOperation ListStores = new(
        "ListStores", HttpMethod.Get, Path + "/stores", Prefix + "/stores", HttpStatusCode.OK,
        Envelope("[" + StoreJson + "]", PageInfoJson),
        (client, token) => ToListAsync(client.ListStoresAsync(cancellationToken: token)),
        new List<SecretStore> { Store });

    public static readonly ApiOperation CreateStore = new(
        "CreateStore", HttpMethod.Post, Path + "/stores", Prefix + "/stores", HttpStatusCode.OK,
        Envelope(StoreJson),
        async (client, token) => await client.CreateStoreAsync("default", cancellationToken: token).ConfigureAwait(false),
        Store);

    public static readonly ApiOperation GetStore = new(
        "GetStore", HttpMethod.Get, Path + "/stores/store1", Prefix + "/stores/{store_id}", HttpStatusCode.OK,
        Envelope(StoreJson),
        async (client, token) => await client.GetStoreAsync(StoreId, cancellationToken: token).ConfigureAwait(false),
        Store);

    public static readonly ApiOperation DeleteStore = new(
        "DeleteStore", HttpMethod.Delete, Path + "/stores/store1", Prefix + "/stores/{store_id}", HttpStatusCode.OK,
        Envelope("null"),
        async (client, token) =>
        {
            await client.DeleteStoreAsync(StoreId, cancellationToken: token).ConfigureAwait(false);
            return null;
        },
        null);

    public static readonly ApiOperation ListSecrets = new(
        "ListSecrets", HttpMethod.Get, Path + "/stores/store1/secrets", Prefix + "/stores/{store_id}/secrets", HttpStatusCode.OK,
        Envelope("[" + SecretJson() + "]", PageInfoJson),
        (client, token) => ToListAsync(client.ListSecretsAsync(StoreId, cancellationToken: token)),
        new List<Secret> { Secret() });

    public static readonly ApiOperation CreateSecrets = new(
        "CreateSecrets", HttpMethod.Post, Path + "/stores/store1/secrets", Prefix + "/stores/{store_id}/secrets", HttpStatusCode.OK,
        Envelope("[" + SecretJson() + "]"),
        async (client, token) => await client.CreateSecretAsync(
            StoreId, SecretName, SecretValue, [SecretScopes.Workers], "c", cancellationToken: token).ConfigureAwait(false),
        Secret());

    public static readonly ApiOperation DeleteSecrets = new(
        "DeleteSecrets", HttpMethod.Delete, Path + "/stores/store1/secrets", Prefix + "/stores/{store_id}/secrets", HttpStatusCode.Accepted,
        Envelope("null"),
        async (client, token) =>
        {
            await client.DeleteSecretsAsync(StoreId, [SecretId, "sec2"], cancellationToken: token).ConfigureAwait(false);
            return null;
        },
        null);

    public static readonly ApiOperation GetSecret = new(
        "GetSecret", HttpMethod.Get, Path + "/stores/store1/secrets/sec1",
        Prefix + "/stores/{store_id}/secrets/{secret_id}", HttpStatusCode.OK,
        Envelope(SecretJson()),
        async (client, token) => await client.GetSecretAsync(StoreId, SecretId, cancellationToken: token).ConfigureAwait(false),
        Secret());

    public static readonly ApiOperation UpdateSecret = new(
        "UpdateSecret", HttpMethod.Patch, Path + "/stores/store1/secrets/sec1",
        Prefix + "/stores/{store_id}/secrets/{secret_id}", HttpStatusCode.OK,
        Envelope(SecretJson()),
        async (client, token) => await client.UpdateSecretAsync(
            StoreId, SecretId, new SecretUpdate { Value = SecretValue }, cancellationToken: token).ConfigureAwait(false),
        Secret());

    public static readonly ApiOperation DeleteSecret = new(
        "DeleteSecret", HttpMethod.Delete, Path + "/stores/store1/secrets/sec1",
        Prefix + "/stores/{store_id}/secrets/{secret_id}", HttpStatusCode.Accepted,
        Envelope("null"),
        async (client, token) =>
        {
            await client.DeleteSecretAsync(StoreId, SecretId, cancellationToken: token).ConfigureAwait(false);
            return null;
        },
        null);

    public static readonly ApiOperation DuplicateSecret = new(
        "DuplicateSecret", HttpMethod.Post, Path + "/stores/store1/secrets/sec1/duplicate",
        Prefix + "/stores/{store_id}/secrets/{secret_id}/duplicate", HttpStatusCode.OK,
        Envelope(SecretJson(CopyName, "sec9")),
        async (client, token) => await client.DuplicateSecretAsync(
            StoreId, SecretId, CopyName, [SecretScopes.Workers], cancellationToken: token).ConfigureAwait(false),
        Secret(CopyName, "sec9"));

    /// <summary>The twelve operations, in the specification's order.</summary>
    public static readonly IReadOnlyList<ApiOperation> All =
        [
            GetQuota,
            ListStores,
            CreateStore,
            GetStore,
            DeleteStore,
            ListSecrets,
            CreateSecrets,
            DeleteSecrets,
            GetSecret,
            UpdateSecret,
            DeleteSecret,
            DuplicateSecret];

    public static Secret Secret(string name = SecretName, string id = SecretId) =>
        new(id, name, StoreId, SecretStatuses.Active, [SecretScopes.Workers], "c", Created, Modified);

    public static string SecretJson(string name = SecretName, string id = SecretId) =>
        $$"""{"id":"{{id}}","name":"{{name}}","store_id":"store1","status":"active","scopes":["workers"]"""
        + ""","comment":"c","created":"2025-01-02T03:04:05Z","modified":"2025-01-02T03:04:06Z"}""";

    public static string Envelope(string result, string? resultInfo = null) =>
        $$"""{"success":true,"errors":[],"messages":[],"result":{{result}}"""
        + $$"""{{(resultInfo is null ? string.Empty : ",\"result_info\":" + resultInfo)}}}""";

    public static string Failure(int code, string message) =>
        $$"""{"success":false,"errors":[{"code":{{code}},"message":"{{message}}"}],"messages":[],"result":null}""";

    private static async Task<object?> ToListAsync<T>(AsyncPageable<T> pageable)
    {
        var items = new List<T>();
        await foreach (T item in pageable.ConfigureAwait(false))
        {
            items.Add(item);
        }

        return items;
    }
}
