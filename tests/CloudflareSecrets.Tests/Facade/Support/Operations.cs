using System.Net;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.Tests.Facade.Support;

/// <summary>
/// One public operation of the client, called with valid arguments, with the request it must send and a canned
/// success answer. Tables of these let a rule (auth headers, account id, error mapping) be proven for every operation.
/// </summary>
/// <param name="Name">The client method.</param>
/// <param name="Method">The HTTP method it sends.</param>
/// <param name="Path">The path below <c>accounts/{account_id}/secrets_store/</c>, query string included.</param>
/// <param name="SuccessStatus">The status Cloudflare answers on success.</param>
/// <param name="SuccessBody">Cloudflare's success answer.</param>
/// <param name="Invoke">Calls the method (enumerating a list) with the given account id (null: the default) and token.</param>
public sealed record Operation(
    string Name,
    HttpMethod Method,
    string Path,
    HttpStatusCode SuccessStatus,
    string SuccessBody,
    Func<ISecretsStoreClient, string?, CancellationToken, Task> Invoke)
{
    public string UrlFor(string accountId) => FakeCloudflare.Url(Path, accountId);

    public override string ToString() => Name;
}

internal static class Operations
{
    private const string Store = "stores/" + FakeCloudflare.StoreId;
    private const string Secrets = Store + "/secrets";
    private const string OneSecret = Secrets + "/" + FakeCloudflare.SecretId;

    /// <summary>Every public operation of <see cref="ISecretsStoreClient"/>.</summary>
    public static IReadOnlyList<Operation> All { get; } =
    [
        new("ListStoresAsync", HttpMethod.Get, "stores?page=1&per_page=100", HttpStatusCode.OK, Canned.List(Canned.Store()),
            (c, a, t) => c.ListStoresAsync(accountId: a, cancellationToken: t).ToListAsync(t).AsTask()),
        new("CreateStoreAsync", HttpMethod.Post, "stores", HttpStatusCode.OK, Canned.Success(Canned.Store()),
            (c, a, t) => c.CreateStoreAsync("service_x_keys", a, t)),
        new("GetStoreAsync", HttpMethod.Get, Store, HttpStatusCode.OK, Canned.Success(Canned.Store()),
            (c, a, t) => c.GetStoreAsync(FakeCloudflare.StoreId, a, t)),
        new("DeleteStoreAsync", HttpMethod.Delete, Store, HttpStatusCode.OK, Canned.Success(null),
            (c, a, t) => c.DeleteStoreAsync(FakeCloudflare.StoreId, accountId: a, cancellationToken: t)),
        new("ListSecretsAsync", HttpMethod.Get, Secrets + "?page=1&per_page=100", HttpStatusCode.OK, Canned.List(Canned.Secret()),
            (c, a, t) => c.ListSecretsAsync(FakeCloudflare.StoreId, accountId: a, cancellationToken: t).ToListAsync(t).AsTask()),
        new("FindSecretByNameAsync", HttpMethod.Get, Secrets + "?page=1&per_page=100&search=MY_API_KEY", HttpStatusCode.OK,
            Canned.List(Canned.Secret()),
            (c, a, t) => c.FindSecretByNameAsync(FakeCloudflare.StoreId, "MY_API_KEY", a, t)),
        new("GetSecretAsync", HttpMethod.Get, OneSecret, HttpStatusCode.OK, Canned.Success(Canned.Secret()),
            (c, a, t) => c.GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId, a, t)),
        new("CreateSecretAsync", HttpMethod.Post, Secrets, HttpStatusCode.OK, Canned.Success(new JArray(Canned.Secret())),
            (c, a, t) => c.CreateSecretAsync(
                FakeCloudflare.StoreId, "MY_API_KEY", "api-token-secret-123", [SecretScopes.Workers], accountId: a, cancellationToken: t)),
        new("CreateSecretsAsync", HttpMethod.Post, Secrets, HttpStatusCode.OK, Canned.Success(new JArray(Canned.Secret())),
            (c, a, t) => c.CreateSecretsAsync(
                FakeCloudflare.StoreId, [new NewSecret("MY_API_KEY", "api-token-secret-123", [SecretScopes.Workers])], a, t)),
        new("UpdateSecretAsync", HttpMethod.Patch, OneSecret, HttpStatusCode.OK, Canned.Success(Canned.Secret()),
            (c, a, t) => c.UpdateSecretAsync(
                FakeCloudflare.StoreId, FakeCloudflare.SecretId, new SecretUpdate { Comment = "rotated" }, a, t)),
        new("DuplicateSecretAsync", HttpMethod.Post, OneSecret + "/duplicate", HttpStatusCode.OK,
            Canned.Success(Canned.Secret(name: "MY_API_KEY_COPY")),
            (c, a, t) => c.DuplicateSecretAsync(
                FakeCloudflare.StoreId,
                FakeCloudflare.SecretId,
                "MY_API_KEY_COPY",
                [SecretScopes.Workers],
                accountId: a,
                cancellationToken: t)),
        new("DeleteSecretAsync", HttpMethod.Delete, OneSecret, HttpStatusCode.Accepted, Canned.Success(null),
            (c, a, t) => c.DeleteSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId, a, t)),
        new("DeleteSecretsAsync", HttpMethod.Delete, Secrets, HttpStatusCode.Accepted, Canned.Success(null),
            (c, a, t) => c.DeleteSecretsAsync(FakeCloudflare.StoreId, [FakeCloudflare.SecretId], a, t)),
        new("GetQuotaAsync", HttpMethod.Get, "quota", HttpStatusCode.OK,
            Canned.Success(new JObject { ["secrets"] = new JObject { ["quota"] = 100, ["usage"] = 3 } }),
            (c, a, t) => c.GetQuotaAsync(a, t)),
    ];

    public static IEnumerable<TestCaseData> Cases => All.Select(o => new TestCaseData(o).SetArgDisplayNames(o.Name));
}
