using CloudflareSecrets.Tests.Facade.Support;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>
/// The rule for clients that share a credential but set different client-side budgets: clients with the same
/// credential, server, RequestBudget and BudgetWindow share one budget; a client with other budget settings keeps its
/// own, whichever client was made first. Each test uses its own token, so no other test's clients share its budgets.
/// </summary>
public class SharedBudgetTests
{
    private static readonly string QuotaAnswer =
        Canned.Success(new JObject { ["secrets"] = new JObject { ["quota"] = 100, ["usage"] = 1 } });

    [Test]
    public async Task ClientsWithTheSameCredentialAndBudget_ShareOneBudget()
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(QuotaAnswer);
        string token = "token-" + Guid.NewGuid().ToString("N");
        SecretsStoreClient first = Client(fake, token, budget: 1);
        SecretsStoreClient second = Client(fake, token, budget: 1);

        await first.GetQuotaAsync();
        CloudflareRateLimitException? refused = Assert.ThrowsAsync<CloudflareRateLimitException>(() => second.GetQuotaAsync());

        Assert.That(refused!.Message, Does.Contain("GetQuota was not sent: the rate-limit budget is spent"));
        Assert.That(fake.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AClientWithOtherBudgetSettings_KeepsItsOwnBudget_WhicheverClientCameFirst()
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(QuotaAnswer);
        string token = "token-" + Guid.NewGuid().ToString("N");
        SecretsStoreClient generous = Client(fake, token, budget: 2);
        SecretsStoreClient strict = Client(fake, token, budget: 1);
        SecretsStoreClient otherWindow = Client(fake, token, budget: 1, window: TimeSpan.FromMinutes(30));

        await strict.GetQuotaAsync();
        Assert.ThrowsAsync<CloudflareRateLimitException>(() => strict.GetQuotaAsync(), "the strict client's one request is spent");
        await generous.GetQuotaAsync();
        await generous.GetQuotaAsync();
        Assert.ThrowsAsync<CloudflareRateLimitException>(
            () => generous.GetQuotaAsync(),
            "the generous client's two requests are spent, and only its own counted");
        await otherWindow.GetQuotaAsync();

        Assert.That(fake.Requests, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task AnotherCredential_HasItsOwnBudget()
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(QuotaAnswer);
        SecretsStoreClient one = Client(fake, "token-" + Guid.NewGuid().ToString("N"), budget: 1);
        SecretsStoreClient other = Client(fake, "token-" + Guid.NewGuid().ToString("N"), budget: 1);

        await one.GetQuotaAsync();
        await other.GetQuotaAsync();

        Assert.That(fake.Requests, Has.Count.EqualTo(2));
    }

    /// <summary>A client whose budget, once spent, refuses at once (MaxRetryAfter 0) instead of waiting for the window.</summary>
    private static SecretsStoreClient Client(FakeCloudflare fake, string token, int budget, TimeSpan? window = null) =>
        new(new SecretsStoreClientOptions
        {
            ApiToken = token,
            AccountId = FakeCloudflare.AccountId,
            Retry = { MaxAttempts = 1, MaxRetryAfter = TimeSpan.Zero },
            RateLimit = { RespectServerHeaders = false, RequestBudget = budget, BudgetWindow = window ?? TimeSpan.FromHours(1) },
        }, fake.CreateHttpClient());
}
