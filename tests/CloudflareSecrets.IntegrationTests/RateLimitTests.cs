using System.Diagnostics;
using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>
/// The client against an emulator that enforces a request budget (3 per second), with Cloudflare's <c>Ratelimit</c>
/// headers. Each test has an emulator of its own: the budget window is the whole server's.
/// </summary>
public sealed class RateLimitTests
{
    private const string Account = "0123456789abcdef0123456789abcdef";
    private const int Requests = 7;

    [Test]
    public async Task TheClient_WaitsForTheWindowWhenTheHeadersSayTheBudgetIsSpent_InsteadOfRunningIntoA429()
    {
        await using SecretsStoreEmulator emulator = await StartAsync();
        SecretsStoreClient client = CreateClient(emulator, respectServerHeaders: true);
        var watch = Stopwatch.StartNew();

        for (int i = 0; i < Requests; i++)
        {
            await client.GetQuotaAsync();
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(emulator.Requests.Select(r => r.StatusCode), Is.EqualTo(Enumerable.Repeat(200, Requests)), "no request refused");
            Assert.That(watch.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(1)), "7 requests at 3 per second need a third window");
        }
    }

    [Test]
    public async Task WithoutHeedingTheHeaders_TheClientMeets429_AndRetriesAfterRetryAfter()
    {
        // The control of the test above: the same calls run into the budget when the headers are ignored.
        await using SecretsStoreEmulator emulator = await StartAsync();
        SecretsStoreClient client = CreateClient(emulator, respectServerHeaders: false);

        for (int i = 0; i < Requests; i++)
        {
            await client.GetQuotaAsync();
        }

        int[] statuses = [.. emulator.Requests.Select(r => r.StatusCode)];
        Assert.That(statuses, Does.Contain(429));
        Assert.That(statuses.Count(s => s == 200), Is.EqualTo(Requests), "every call succeeded in the end");
    }

    private static Task<SecretsStoreEmulator> StartAsync() =>
        SecretsStoreEmulator.StartAsync(
            new EmulatorOptions { RequestBudget = new RequestBudget { Limit = 3, Window = TimeSpan.FromSeconds(1) } });

    private static SecretsStoreClient CreateClient(SecretsStoreEmulator emulator, bool respectServerHeaders) =>
        new(new SecretsStoreClientOptions
        {
            BaseUrl = emulator.BaseAddress,
            ApiToken = EmulatorOptions.DefaultApiToken,
            AccountId = Account,
            Retry = { BaseDelay = TimeSpan.FromMilliseconds(10), MaxAttempts = 5 },
            RateLimit = { RespectServerHeaders = respectServerHeaders },
        });
}
