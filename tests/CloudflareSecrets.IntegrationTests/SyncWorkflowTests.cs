using CloudflareSecrets.Emulator;
using CloudflareSecrets.IntegrationTests.Support;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>
/// <see cref="SecretsStoreWorkflows.SyncSecretsAsync"/> against the emulator: the requests it sends, what the store
/// holds after, races and failures.
/// </summary>
public sealed class SyncWorkflowTests : EmulatorTests
{
    private const string Sentinel = "SENTINEL-sync-e61d";
    private const int MaxSecrets = 300;

    protected override EmulatorOptions CreateEmulatorOptions() => new() { MaxSecretsPerAccount = MaxSecrets };

    private static Dictionary<string, string> Desired(int count, string prefix = "S", string value = Sentinel) =>
        Enumerable.Range(1, count).ToDictionary(i => $"{prefix}{i:D3}", i => $"{value}-{i}");

    private string[] Sent(int start) => [.. Requests().Skip(start).Select(r => $"{r.Method} {(r.StatusCode < 400 ? "ok" : "refused")}")];

    /// <summary>Name → stored value of every secret of the store, read in process (the API never returns values).</summary>
    private async Task<Dictionary<string, string?>> HoldsAsync(string storeId) =>
        await Client.ListSecretsAsync(storeId).ToDictionaryAsync(s => s.Name, s => StoredValue(storeId, s.Id));

    private async Task SeedAsync(string storeId, IEnumerable<string> names) =>
        await Client.CreateSecretsAsync(storeId, [.. names.Select(n => new NewSecret(n, "old-value", [SecretScopes.Workers]))]);

    [Test]
    public async Task AnEmptyStore_GetsEverySecret_InOneListingOneQuotaReadAndOneCreate()
    {
        SecretStore store = await NewStoreAsync();
        int start = Requests().Count;

        SyncResult result = await Client.SyncSecretsAsync(store.Id, Desired(100));

        Assert.That(Sent(start), Is.EqualTo(new[] { "GET ok", "GET ok", "POST ok" }));
        Assert.That((result.Created, result.Updated, result.Deleted, result.RequestCount), Is.EqualTo((100, 0, 0, 3)));
        Assert.That(
            await HoldsAsync(store.Id), Is.EquivalentTo(Desired(100).Select(d => new KeyValuePair<string, string?>(d.Key, d.Value))));
    }

    [Test]
    public async Task AStoreHoldingTheNames_GetsOnePatchEach_AndNoQuotaRead()
    {
        SecretStore store = await NewStoreAsync();
        await SeedAsync(store.Id, Desired(20).Keys);
        int start = Requests().Count;

        SyncResult result = await Client.SyncSecretsAsync(store.Id, Desired(20));

        Assert.That(Sent(start), Is.EqualTo(new[] { "GET ok" }.Concat(Enumerable.Repeat("PATCH ok", 20))));
        Assert.That((result.Created, result.Updated, result.RequestCount), Is.EqualTo((0, 20, 21)));
        Assert.That(
            await HoldsAsync(store.Id), Is.EquivalentTo(Desired(20).Select(d => new KeyValuePair<string, string?>(d.Key, d.Value))));
    }

    [Test]
    public async Task NamesBeyondTheFirstPage_AreUpdated_NotCreatedAgain()
    {
        SecretStore store = await NewStoreAsync();
        await SeedAsync(store.Id, Desired(150).Keys);
        int start = Requests().Count;

        // S001 is the oldest, so on the last page of the emulator's newest-first listing; S151 and S152 are new.
        var desired = new Dictionary<string, string>
        {
            ["S001"] = Sentinel + "-1", ["S151"] = Sentinel + "-151", ["S152"] = Sentinel + "-152",
        };
        SyncResult result = await Client.SyncSecretsAsync(store.Id, desired);

        Assert.That(
            Sent(start),
            Is.EqualTo(new[] { "GET ok", "GET ok", "GET ok", "POST ok", "PATCH ok" }),
            "two pages, the quota, the create, the update");
        Assert.That(
            result.Changes.Select(c => (c.Name, c.Action)),
            Is.EqualTo(new[] { ("S151", SyncAction.Create), ("S152", SyncAction.Create), ("S001", SyncAction.Update) }));
        Dictionary<string, string?> holds = await HoldsAsync(store.Id);
        Assert.That(holds, Has.Count.EqualTo(152));
        Assert.That(holds["S001"], Is.EqualTo(Sentinel + "-1"));
    }

    [Test]
    public async Task WithPrune_TheStoreHoldsExactlyTheDesiredSet_AfterOneBulkDelete()
    {
        SecretStore store = await NewStoreAsync();
        await SeedAsync(store.Id, ["S001", "OLD_1", "OLD_2", "OLD_3"]);
        int start = Requests().Count;

        SyncResult result = await Client.SyncSecretsAsync(store.Id, Desired(2), new SyncOptions { Prune = true });

        Assert.That(Sent(start), Is.EqualTo(new[] { "GET ok", "GET ok", "POST ok", "PATCH ok", "DELETE ok" }));
        Assert.That(
            result.Changes.Where(c => c.Action == SyncAction.Delete).Select(c => c.Name), Is.EqualTo(new[] { "OLD_1", "OLD_2", "OLD_3" }));
        Assert.That(await HoldsAsync(store.Id), Is.EquivalentTo(Desired(2).Select(d => new KeyValuePair<string, string?>(d.Key, d.Value))));
    }

    [Test]
    public async Task ADryRun_SendsOnlyGets_ChangesNothing_AndReturnsThePlan()
    {
        SecretStore store = await NewStoreAsync();
        await SeedAsync(store.Id, ["S001", "OLD"]);
        Dictionary<string, string?> before = await HoldsAsync(store.Id);
        int start = Requests().Count;

        SyncResult plan = await Client.SyncSecretsAsync(store.Id, Desired(3), new SyncOptions { Prune = true, DryRun = true });

        Assert.That(Requests().Skip(start).Select(r => r.Method), Is.EqualTo(new[] { "GET", "GET" }), "the listing and the quota read");
        Assert.That(plan.DryRun, Is.True);
        Assert.That(
            plan.Changes.Select(c => (c.Name, c.Action)),
            Is.EqualTo(new[]
            {
                ("S002", SyncAction.Create), ("S003", SyncAction.Create), ("S001", SyncAction.Update), ("OLD", SyncAction.Delete),
            }));
        Assert.That(plan.ToString(), Is.EqualTo("dry run: would create 2, update 1, delete 1 (2 requests)"));
        Assert.That(await HoldsAsync(store.Id), Is.EqualTo(before));
    }

    [Test]
    public async Task CreatesBeyondTheQuota_AreRefusedBeforeAnyWrite()
    {
        SecretStore store = await NewStoreAsync();
        await SeedAsync(store.Id, Desired(MaxSecrets - 2, "FILL").Keys);
        await SeedAsync(store.Id, ["S001"]);
        int start = Requests().Count;

        SecretsSyncException? e = Assert.CatchAsync<SecretsSyncException>(() => Client.SyncSecretsAsync(store.Id, Desired(3)));

        Assert.That(e!.IsQuotaExceeded, Is.True);
        Assert.That(Requests().Skip(start).Select(r => r.Method), Has.All.EqualTo("GET"), "not even the update of S001 was sent");
        Assert.That(e.Completed.Changes, Is.Empty);
        Assert.That(
            e.NotDone.Select(c => (c.Name, c.Action)),
            Is.EqualTo(new[] { ("S002", SyncAction.Create), ("S003", SyncAction.Create), ("S001", SyncAction.Update) }));
        Assert.That(StoredValue(store.Id, (await Client.FindSecretByNameAsync(store.Id, "S001"))!.Id), Is.EqualTo("old-value"));
    }

    [Test]
    public async Task WhenAnotherClientCreatesADesiredNameBeforeTheCreate_ThatSecretIsUpdated_AndTheRestCreated()
    {
        SecretStore store = await NewStoreAsync();
        var handler = new InterleavingHandler();
        handler.Before(
            HttpMethod.Post, "/secrets", () => Client.CreateSecretAsync(store.Id, "S002", "their-value", [SecretScopes.Workers]));
        ISecretsStoreClient racing = CreateClientThrough(handler);
        int start = Requests().Count;

        SyncResult result = await racing.SyncSecretsAsync(store.Id, Desired(3));

        Assert.That(handler.AllRan, Is.True);
        Assert.That(
            Sent(start),
            Is.EqualTo(new[] { "GET ok", "GET ok", "POST ok", "POST refused", "GET ok", "POST ok", "PATCH ok" }),
            "their create; the batch refused; one more listing; the rest created; theirs updated");
        Assert.That(
            result.Changes.Select(c => (c.Name, c.Action)),
            Is.EqualTo(new[] { ("S001", SyncAction.Create), ("S003", SyncAction.Create), ("S002", SyncAction.Update) }));
        Assert.That(result.RequestCount, Is.EqualTo(6));
        Assert.That(await HoldsAsync(store.Id), Is.EquivalentTo(Desired(3).Select(d => new KeyValuePair<string, string?>(d.Key, d.Value))));
    }

    [Test]
    public async Task WhenAnotherClientDeletesASecretBeforeItsUpdate_ItIsCreatedAgain()
    {
        SecretStore store = await NewStoreAsync();
        await SeedAsync(store.Id, Desired(3).Keys);
        Secret doomed = (await Client.FindSecretByNameAsync(store.Id, "S001"))!;
        var handler = new InterleavingHandler();
        handler.Before(HttpMethod.Patch, $"/secrets/{doomed.Id}", () => Client.DeleteSecretAsync(store.Id, doomed.Id));
        ISecretsStoreClient racing = CreateClientThrough(handler);

        SyncResult result = await racing.SyncSecretsAsync(store.Id, Desired(3), new SyncOptions { MaxParallelUpdates = 1 });

        Assert.That(handler.AllRan, Is.True);
        Assert.That(
            result.Changes.Select(c => (c.Name, c.Action)),
            Is.EqualTo(new[] { ("S001", SyncAction.Create), ("S002", SyncAction.Update), ("S003", SyncAction.Update) }));
        Assert.That(await HoldsAsync(store.Id), Is.EquivalentTo(Desired(3).Select(d => new KeyValuePair<string, string?>(d.Key, d.Value))));
    }

    [Test]
    public async Task AFailurePartWay_ReportsWhatWasDoneAndWhatWasNot_AndARerunFinishes()
    {
        SecretStore store = await NewStoreAsync();
        await SeedAsync(store.Id, ["S002", "S003", "S004"]);

        // The first update fails; the server's message even echoes the value it was sent, which the client masks.
        Emulator.Faults.Add(
            new FaultRule { Method = "PATCH", PathPattern = OwnPath(), Status = 500, ErrorMessage = $"could not store {Sentinel}-2" });

        SecretsSyncException? e = Assert.CatchAsync<SecretsSyncException>(() =>
            Client.SyncSecretsAsync(store.Id, Desired(4), new SyncOptions { MaxParallelUpdates = 1 }));

        Assert.That(e!.InnerException, Is.InstanceOf<CloudflareApiException>());
        Assert.That(e.Completed.Changes.Select(c => (c.Name, c.Action)), Is.EqualTo(new[] { ("S001", SyncAction.Create) }));
        Assert.That(
            e.NotDone.Select(c => (c.Name, c.Action)),
            Is.EqualTo(new[] { ("S002", SyncAction.Update), ("S003", SyncAction.Update), ("S004", SyncAction.Update) }));
        Assert.That(e.Completed.RequestCount, Is.EqualTo(4), "list, quota, create, the failed update");

        // Nothing lost: what is reported done holds the new value, what is reported not done still holds the old one.
        Dictionary<string, string?> holds = await HoldsAsync(store.Id);
        Assert.That(holds["S001"], Is.EqualTo(Sentinel + "-1"));
        Assert.That(new[] { holds["S002"], holds["S003"], holds["S004"] }, Has.All.EqualTo("old-value"));
        Assert.That(e.Message + e.Completed + string.Join(",", e.NotDone) + e.InnerException!.Message, Does.Not.Contain(Sentinel));

        SyncResult rerun = await Client.SyncSecretsAsync(store.Id, Desired(4));
        Assert.That(rerun.Updated, Is.EqualTo(4));
        Assert.That(await HoldsAsync(store.Id), Is.EquivalentTo(Desired(4).Select(d => new KeyValuePair<string, string?>(d.Key, d.Value))));
    }

    [Test]
    public async Task NoResultOrTableShowsAValue()
    {
        SecretStore store = await NewStoreAsync();
        await SeedAsync(store.Id, ["S001"]);
        var reports = new List<SyncProgress>();

        SyncResult result = await Client.SyncSecretsAsync(store.Id, Desired(3), new SyncOptions { Progress = new Collect(reports) });

        string shown = result + string.Join(",", result.Changes) + string.Join(",", reports);
        Assert.That(shown, Does.Contain("S001").And.Not.Contain(Sentinel));
        Assert.That(reports, Has.Count.EqualTo(4));
    }

    private sealed class Collect(List<SyncProgress> into) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }
}
