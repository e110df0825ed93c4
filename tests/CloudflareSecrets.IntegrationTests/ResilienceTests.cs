using System.Diagnostics;
using System.Net;
using CloudflareSecrets.Emulator;
using CloudflareSecrets.IntegrationTests.Support;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>
/// The client's retries against the emulator's injected faults. Every fault matches only the test's own account, and
/// the emulator's log says how many requests really reached the server.
/// </summary>
[TestFixture(ClientKind.Constructed)]
[TestFixture(ClientKind.DependencyInjection)]
public sealed class ResilienceTests(ClientKind kind) : EmulatorTests(kind)
{
    [Test]
    public async Task AReadThatMeets503Twice_SucceedsOnTheThirdRequest()
    {
        Emulator.Faults.Add(
            new FaultRule { Method = "GET", PathPattern = OwnPath("quota"), Count = 2, Status = 503, Body = FaultBody.Html });

        SecretsQuota quota = await Client.GetQuotaAsync();

        Assert.That(quota, Is.EqualTo(new SecretsQuota(100, 0)));
        Assert.That(Requests().Select(r => (r.StatusCode, r.FaultInjected)), Is.EqualTo(new[] { (503, true), (503, true), (200, false) }));
    }

    [Test]
    public void AReadThatMeets503OnEveryAttempt_FailsWithTheLastAnswer()
    {
        Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = OwnPath("quota"), Count = 3, Status = 503 });

        CloudflareServerException? e = Assert.ThrowsAsync<CloudflareServerException>(() => Client.GetQuotaAsync());

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(e.RayId, Is.EqualTo(LastRayId()));
        Assert.That(Requests(), Has.Count.EqualTo(3), "Retry.MaxAttempts");
    }

    [Test]
    public async Task ACreateThatMeets503_IsNotRepeated()
    {
        SecretStore store = await NewStoreAsync();
        Emulator.Faults.Add(
            new FaultRule { Method = "POST", PathPattern = OwnPath($"stores/{store.Id}/secrets"), Count = 3, Status = 503 });
        int before = Requests().Count;

        CloudflareServerException? e = Assert.ThrowsAsync<CloudflareServerException>(
            () => Client.CreateSecretAsync(store.Id, "ONCE", "value", [SecretScopes.Workers]));

        Emulator.Faults.Clear();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(
                Requests().Skip(before).Select(r => (r.Method, r.StatusCode)),
                Is.EqualTo(new[] { ("POST", 503) }),
                "a 5xx on a write may have created it: never repeated");
            Assert.That(await Client.ListSecretsAsync(store.Id).ToListAsync(), Is.Empty);
        }
    }

    [Test]
    public async Task ACreateThatMeets429_WaitsRetryAfter_AndIsSentOnceMore()
    {
        SecretStore store = await NewStoreAsync();
        Emulator.Faults.Add(new FaultRule
        {
            Method = "POST",
            PathPattern = OwnPath($"stores/{store.Id}/secrets"),
            Status = 429,
            ErrorCode = EmulatorErrorCodes.RateLimited,
            Headers = { ["Retry-After"] = "1" },
        });
        int before = Requests().Count;
        var watch = Stopwatch.StartNew();

        Secret secret = await Client.CreateSecretAsync(store.Id, "AFTER_429", "value", [SecretScopes.Workers]);

        watch.Stop();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                Requests().Skip(before).Select(r => (r.Method, r.StatusCode)),
                Is.EqualTo(new[] { ("POST", 429), ("POST", 200) }),
                "a 429 means nothing was done: safe to repeat");
            Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900)), "Retry-After: 1, not the tiny backoff");
            Assert.That(StoredValue(store.Id, secret.Id), Is.EqualTo("value"));
            Assert.That(await Client.ListSecretsAsync(store.Id).CountAsync(), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task AReadWhoseConnectionDrops_IsRetriedByTheClient()
    {
        // A connection of its own: .NET silently repeats a request once when a reused pooled connection drops before
        // any response byte, which would hide the drop from the client (see the emulator's README).
        ISecretsStoreClient client = CreateClient(freshConnections: true);
        Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = OwnPath("quota"), AbortConnection = true });

        SecretsQuota quota = await client.GetQuotaAsync();

        Assert.That(quota.Usage, Is.Zero);
        Assert.That(Requests().Select(r => (r.StatusCode, r.FaultInjected)), Is.EqualTo(new[] { (0, true), (200, false) }));
    }

    [Test]
    public void AReadWhoseConnectionDrops_FailsAsANetworkError_WhenRetriesAreOff()
    {
        // The control of the test above: the second request there was the client's retry, not the transport's.
        ISecretsStoreClient client = CreateClient(o => o.Retry.MaxAttempts = 1, freshConnections: true);
        Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = OwnPath("quota"), AbortConnection = true });

        Assert.ThrowsAsync<HttpRequestException>(() => client.GetQuotaAsync());

        Assert.That(Requests().Select(r => (r.StatusCode, r.FaultInjected)), Is.EqualTo(new[] { (0, true) }));
    }

    [Test]
    public void AReadThatOutlastsAttemptTimeout_IsRetried_ThenFailsAsATimeout()
    {
        ISecretsStoreClient client = CreateClient(o => o.Retry.AttemptTimeout = TimeSpan.FromMilliseconds(200));
        Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = OwnPath("quota"), Count = 3, Delay = TimeSpan.FromSeconds(10) });
        var watch = Stopwatch.StartNew();

        TimeoutException? e = Assert.ThrowsAsync<TimeoutException>(() => client.GetQuotaAsync());

        Assert.That(e.Message, Does.Contain("attempt 3 of 3"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "each attempt is cut at 200 ms, not at the server's 10 s");
    }

    [Test]
    public async Task ACreateThatOutlastsAttemptTimeout_IsNotRepeated()
    {
        SecretStore store = await NewStoreAsync();
        ISecretsStoreClient client = CreateClient(o => o.Retry.AttemptTimeout = TimeSpan.FromMilliseconds(200));
        // Only the first request is held: a repeated create would reach the emulator's handler and really create the secret.
        Emulator.Faults.Add(new FaultRule
        {
            Method = "POST", PathPattern = OwnPath($"stores/{store.Id}/secrets"), Count = 1, Delay = TimeSpan.FromSeconds(10),
        });
        int before = Requests().Count;

        TimeoutException? e = Assert.ThrowsAsync<TimeoutException>(
            () => client.CreateSecretAsync(store.Id, "SLOW", "value", [SecretScopes.Workers]));

        Assert.That(e.Message, Does.Contain("attempt 1 of 3"));
        Assert.That(
            await Client.ListSecretsAsync(store.Id).ToListAsync(), Is.Empty, "a write that timed out may have happened: never sent again");
        // The held request is logged when the server sees the connection close; wait for it, bounded.
        for (int i = 0; i < 50 && !Requests().Skip(before).Any(r => r.Method == "POST"); i++)
        {
            await Task.Delay(100);
        }

        Assert.That(
            Requests().Skip(before).Where(r => r.Method == "POST").Select(r => (r.StatusCode, r.FaultInjected)),
            Is.EqualTo(new[] { (0, true) }));
    }

    [Test]
    public void Cancelling_EndsACallPromptly_EvenWhileTheServerIsSlow()
    {
        Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = OwnPath("quota"), Delay = TimeSpan.FromSeconds(10) });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();

        Assert.That(() => Client.GetQuotaAsync(cancellationToken: cancellation.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }
}
