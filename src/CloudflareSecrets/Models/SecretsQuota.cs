namespace CloudflareSecrets;

/// <summary>How many secrets the account may hold and how many it holds now.</summary>
/// <param name="Quota">The number of secrets the account is entitled to.</param>
/// <param name="Usage">The number of secrets the account uses.</param>
public sealed record SecretsQuota(long Quota, long Usage)
{
    /// <summary>How many more secrets the account can create (never negative).</summary>
    public long Remaining => Math.Max(0, Quota - Usage);
}
