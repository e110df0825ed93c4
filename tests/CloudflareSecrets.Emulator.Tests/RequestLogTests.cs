using System.Net;
using CloudflareSecrets.Emulator.Tests.Support;

namespace CloudflareSecrets.Emulator.Tests;

public class RequestLogTests : EmulatorTest
{
    [Test]
    public async Task RecordsMethodPathQueryStatusAndCredentialKind()
    {
        ApiResponse response = await GetAsync(Accounts("stores?page=2&per_page=5"));

        RecordedRequest entry = Emulator.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.Method, Is.EqualTo("GET"));
            Assert.That(entry.PathAndQuery, Is.EqualTo($"/client/v4/accounts/{AccountId}/secrets_store/stores?page=2&per_page=5"));
            Assert.That(entry.StatusCode, Is.EqualTo(200));
            Assert.That(entry.AuthKind, Is.EqualTo(AuthKind.ApiToken));
            Assert.That(entry.RayId, Is.EqualTo(response.Header("CF-Ray")));
            Assert.That(entry.FaultInjected, Is.False);
        });
    }

    [Test]
    public async Task RecordsEveryRequestInOrderWhateverItsOutcome()
    {
        await GetAsync(Accounts("quota"), Credentials.GlobalKey);
        await GetAsync(Accounts("quota"), Credentials.None);
        await GetAsync(Accounts("quota"), new Credentials(BearerToken: "t", Email: "e", Key: "k"));
        await PostAsync(Accounts("stores"), new { name = "s" });
        await GetAsync("nowhere");

        IReadOnlyList<RecordedRequest> entries = Emulator.Requests.Snapshot();
        Assert.That(entries.Select(e => (e.Method, e.StatusCode, e.AuthKind)), Is.EqualTo(new[]
        {
            ("GET", 200, AuthKind.GlobalApiKey),
            ("GET", 401, AuthKind.None),
            ("GET", 400, AuthKind.Conflicting),
            ("POST", 200, AuthKind.ApiToken),
            ("GET", 404, AuthKind.ApiToken),
        }));
    }

    [Test]
    public async Task MarksInjectedFaultsAndDroppedConnections()
    {
        Emulator.Faults.Add(new FaultRule { Status = 503 });
        Emulator.Faults.Add(new FaultRule { AbortConnection = true });
        await GetAsync(Accounts("quota"));
        using (var fresh = new HttpClient { BaseAddress = Emulator.BaseAddress })
        {
            Assert.That(async () => await fresh.GetAsync(Accounts("quota")), Throws.InstanceOf<HttpRequestException>());
        }

        IReadOnlyList<RecordedRequest> entries = Emulator.Requests.Snapshot();
        Assert.That(entries.Select(e => (e.StatusCode, e.FaultInjected)), Is.EqualTo(new[] { (503, true), (0, true) }));
    }

    [Test]
    public async Task LetsTestsCountRetries()
    {
        Emulator.Faults.Add(new FaultRule { Status = 503, Count = 2 });

        for (int attempt = 0; attempt < 5; attempt++)
        {
            if ((await GetAsync(Accounts("quota"))).Status == HttpStatusCode.OK)
            {
                break;
            }
        }

        Assert.That(Emulator.Requests.Count(r => r.PathAndQuery.EndsWith("/quota", StringComparison.Ordinal)), Is.EqualTo(3));
    }

    [Test]
    public async Task NeverRecordsCredentialsOrBodies()
    {
        await PostAsync(Accounts("stores"), new { name = "store-name-in-body" });

        RecordedRequest entry = Emulator.Requests.Single();
        Assert.That(entry.ToString(), Does.Not.Contain(EmulatorOptions.DefaultApiToken).And.Not.Contain("store-name-in-body"));
    }

    [Test]
    public async Task IsEmptiedByClearAndByReset()
    {
        await GetAsync(Accounts("quota"));
        Emulator.Requests.Clear();
        Assert.That(Emulator.Requests, Is.Empty);

        await GetAsync(Accounts("quota"));
        Emulator.Reset();
        Assert.That(Emulator.Requests, Is.Empty);
    }
}
