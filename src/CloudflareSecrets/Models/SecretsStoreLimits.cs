namespace CloudflareSecrets;

/// <summary>
/// Cloudflare's Secrets Store limits, in one place for the client, the workflows, the command-line tool and the
/// emulator. Each names its source.
/// </summary>
public static class SecretsStoreLimits
{
    /// <summary>
    /// The largest secret value, in UTF-8 bytes (64 KiB). Source: the API specification (<c>value</c>, <c>maxLength</c>
    /// 65536) and Cloudflare's documentation (Secrets Store, "Manage account secrets": at most 65,536 bytes).
    /// </summary>
    public const int MaxValueBytes = 65_536;

    /// <summary>
    /// The longest identifier (account, store or secret id). Source: the API specification (<c>account_id</c>,
    /// <c>store_id</c> and <c>secret_id</c>, <c>maxLength</c> 32).
    /// </summary>
    public const int MaxIdLength = 32;

    /// <summary>The largest page a list request may ask for. Source: the API specification (<c>per_page</c>, <c>maximum</c> 100).</summary>
    public const int MaxPageSize = 100;

    /// <summary>
    /// The most secrets one create request carries. Derived, not documented: the API specification gives the request's
    /// array no bound, and an account holds at most <see cref="MaxSecretsPerAccount"/> secrets, so a larger create can
    /// never succeed. <see cref="SecretsStoreClientOptions.CreateBatchSize"/> may not exceed it.
    /// </summary>
    public const int MaxSecretsPerCreate = 100;

    /// <summary>
    /// The secrets an account may hold across its stores (the quota <c>GET .../quota</c> reports). Source: Cloudflare's
    /// documentation (Secrets Store, "Manage account secrets", Limits: up to 100 secrets per account in the open beta).
    /// </summary>
    public const int MaxSecretsPerAccount = 100;

    /// <summary>
    /// The stores an account may hold. Source: Cloudflare's documentation (Secrets Store, "Manage account secrets",
    /// Limits: one store per account).
    /// </summary>
    public const int MaxStoresPerAccount = 1;
}
