namespace CloudflareSecrets;

/// <summary>
/// How the client respects Cloudflare's rate limit (1,200 requests per 5 minutes per user; past it every call gets 429
/// for up to 5 minutes). What the server's headers say is shared by every client in the process that uses the same
/// credentials against the same server; a client-side <see cref="RequestBudget"/> is shared only by those of them that
/// also set the same <see cref="RequestBudget"/> and <see cref="BudgetWindow"/>.
/// </summary>
public sealed class SecretsStoreRateLimitOptions
{
    /// <summary>
    /// Whether to read <c>Ratelimit</c> (and <c>x-ratelimit-*</c>) response headers and, when the remaining budget is
    /// zero, wait for the reset before sending (at most <see cref="SecretsStoreRetryOptions.MaxRetryAfter"/>) instead of
    /// running into Cloudflare's block. Default true.
    /// </summary>
    public bool RespectServerHeaders { get; set; } = true;

    /// <summary>
    /// A client-side request budget per <see cref="BudgetWindow"/>, or 0 for none (the default: the server's headers
    /// already say what is left). Set it (e.g. 1200) when several processes share one token and must not exceed it together.
    /// </summary>
    /// <remarks>
    /// Clients in one process with the same credentials, server, budget and window share one budget. A client that sets
    /// another budget or window keeps its own, counting only its own requests (and those of clients set like it): no
    /// client's settings change another's, whichever is created first. The server's <c>Ratelimit</c> headers still stop
    /// every client of the credentials when Cloudflare says the budget is spent.
    /// </remarks>
    public int RequestBudget { get; set; }

    /// <summary>The window of <see cref="RequestBudget"/>. Default 5 minutes, Cloudflare's.</summary>
    public TimeSpan BudgetWindow { get; set; } = TimeSpan.FromMinutes(5);

    internal IEnumerable<SecretsStoreOptionsProblem> Validate()
    {
        if (RequestBudget < 0)
        {
            yield return new("RateLimit.RequestBudget", $"RateLimit.RequestBudget must be 0 (off) or more; it is {RequestBudget}.");
        }

        if (BudgetWindow < TimeSpan.FromSeconds(1) || BudgetWindow > TimeSpan.FromHours(1))
        {
            yield return new(
                "RateLimit.BudgetWindow", $"RateLimit.BudgetWindow must be from one second to one hour; it is {BudgetWindow}.");
        }
    }
}
