using System.Net;
using CloudflareSecrets.Tests.Facade.Support;
using CloudflareSecrets.Tests.Workflows.Support;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.Tests.Workflows;

public class SyncSecretsTests
{
    private const string Store = FakeCloudflare.StoreId;
    private const string Sentinel = "SENTINEL-sync-91c2";

    private static Dictionary<string, string> Desired(int count, string prefix = "S") =>
        Enumerable.Range(1, count).ToDictionary(i => $"{prefix}{i:D3}", i => $"{Sentinel}-{i}");

    private static string[] Methods(FakeCloudflare fake) => [.. fake.Requests.Select(r => r.Method.Method)];

    public class TheSyncSecretsAsyncMethod
    {
        [Test]
        public async Task FillsAnEmptyStoreWithOneListingOneQuotaReadAndOneCreatePerHundred()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake, quota: 200);

            SyncResult result = await fake.CreateClient().SyncSecretsAsync(Store, Desired(150));

            Assert.That(fake.Requests.Select(r => r.ToString()), Is.EqualTo(new[]
            {
                $"GET {FakeCloudflare.SecretsUrl("?page=1&per_page=100")}",
                $"GET {FakeCloudflare.Url("quota")}",
                $"POST {FakeCloudflare.SecretsUrl()}",
                $"POST {FakeCloudflare.SecretsUrl()}",
            }));
            Assert.That(JArray.Parse(fake.Requests[2].Body!), Has.Count.EqualTo(100));
            Assert.That(JArray.Parse(fake.Requests[3].Body!), Has.Count.EqualTo(50));
            Assert.That((result.Created, result.Updated, result.Deleted, result.RequestCount), Is.EqualTo((150, 0, 0, 4)));
            Assert.That(result.Changes.Select(c => c.SecretId), Has.All.Not.Null);
            Assert.That(store.ValueOf("S150"), Is.EqualTo($"{Sentinel}-150"));
        }

        [TestCase(1)]
        [TestCase(7)]
        [TestCase(100)]
        public async Task CountsEveryCreateRequestTheClientSendsWhateverItsCreateBatchSize(int batchSize)
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake, quota: 200);

            SyncResult result = await fake.CreateClient(o => o.CreateBatchSize = batchSize).SyncSecretsAsync(Store, Desired(20));

            int creates = (20 + batchSize - 1) / batchSize;
            Assert.That(
                Methods(fake),
                Is.EqualTo(new[] { "GET", "GET" }.Concat(Enumerable.Repeat("POST", creates))),
                "the client's batching, not the sync's");
            Assert.That(result.RequestCount, Is.EqualTo(fake.Requests.Count).And.EqualTo(2 + creates));
            Assert.That(result.Created, Is.EqualTo(20));
            Assert.That(store.Names, Is.EqualTo(Desired(20).Keys));
        }

        [TestCase(1)]
        [TestCase(7)]
        [TestCase(100)]
        public void ALaterCreateBatchThatFailsLeavesTheEarlierBatchesReportedAsDone(int batchSize)
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake, quota: 200);
            int creates = (20 + batchSize - 1) / batchSize, posts = 0;
            store.Before = (method, _) =>
                method == HttpMethod.Post && ++posts == creates
                    ? ScriptedStore.Failure(HttpStatusCode.BadRequest, 1000, "invalid_request")
                    : null;

            SecretsSyncException? e = Assert.CatchAsync<SecretsSyncException>(() =>
                fake.CreateClient(o => o.CreateBatchSize = batchSize).SyncSecretsAsync(Store, Desired(20)));

            int created = (creates - 1) * batchSize;
            Assert.That(
                e!.Completed.Changes.Select(c => c.Name),
                Is.EqualTo(Desired(20).Keys.Take(created)),
                "every secret an earlier batch created is done");
            Assert.That(e.Completed.Changes.Select(c => c.SecretId), Has.All.Not.Null);
            Assert.That(e.NotDone.Select(c => c.Name), Is.EqualTo(Desired(20).Keys.Skip(created)));
            Assert.That(store.Names, Is.EqualTo(Desired(20).Keys.Take(created)));
            Assert.That(e.Completed.RequestCount, Is.EqualTo(fake.Requests.Count).And.EqualTo(2 + creates));
            Assert.That(
                e.InnerException,
                Is.TypeOf<CloudflareValidationException>(),
                "the failing request's answer, as for any other request");
        }

        [Test]
        public async Task UpdatesAFullStoreWithOneListingAndOnePatchEachAndNoQuotaRead()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake);
            foreach (string name in Desired(30).Keys)
            {
                store.Add(name);
            }

            SyncResult result = await fake.CreateClient().SyncSecretsAsync(Store, Desired(30));

            Assert.That(Methods(fake), Is.EqualTo(new[] { "GET" }.Concat(Enumerable.Repeat("PATCH", 30))));
            Assert.That(
                fake.Requests.Skip(1).Select(r => JObject.Parse(r.Body!).Properties().Select(p => p.Name)),
                Has.All.EqualTo(new[] { "value" }));
            Assert.That((result.Created, result.Updated, result.RequestCount), Is.EqualTo((0, 30, 31)));
            Assert.That(
                result.Changes.Select(c => c.Name),
                Is.EqualTo(Desired(30).Keys),
                "in the order given, whatever order the updates finished in");
            Assert.That(store.ValueOf("S017"), Is.EqualTo($"{Sentinel}-17"));
        }

        [Test]
        public async Task ListsEveryPageOfALargeStore()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake, quota: 500);
            foreach (string name in Desired(250, "OTHER").Keys)
            {
                store.Add(name);
            }

            store.Add("S001");

            SyncResult result = await fake.CreateClient().SyncSecretsAsync(Store, Desired(1));

            Assert.That(
                Methods(fake),
                Is.EqualTo(new[] { "GET", "GET", "GET", "PATCH" }),
                "three pages, then the name found on the last one is updated");
            Assert.That(result.Updated, Is.EqualTo(1));
        }

        [Test]
        public async Task PrunesTheRestInOneBulkDeleteAfterTheWrites()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake);
            string keep = store.Add("S001");
            string old1 = store.Add("OLD_B");
            string old2 = store.Add("OLD_A");

            SyncResult result = await fake.CreateClient().SyncSecretsAsync(Store, Desired(2), new SyncOptions { Prune = true });

            Assert.That(Methods(fake), Is.EqualTo(new[] { "GET", "GET", "POST", "PATCH", "DELETE" }));
            fake.Requests[^1].AssertJsonBody($$"""{"ids":["{{old2}}","{{old1}}"]}""");
            Assert.That(result.Changes, Is.EqualTo(new[]
            {
                new SyncChange("S002", SyncAction.Create, "id4"),
                new SyncChange("S001", SyncAction.Update, keep),
                new SyncChange("OLD_A", SyncAction.Delete, old2),
                new SyncChange("OLD_B", SyncAction.Delete, old1),
            }));
            Assert.That(store.Names, Is.EquivalentTo(new[] { "S001", "S002" }));
            Assert.That(result.RequestCount, Is.EqualTo(5), "list, quota, create, update and the one bulk delete");
            Assert.That(result.DryRun, Is.False);
        }

        [Test]
        public async Task CreatesUpToExactlyTheQuotaLeft()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake, quota: 10);
            for (int i = 0; i < 7; i++)
            {
                store.Add($"OTHER{i}");
            }

            SyncResult result = await fake.CreateClient().SyncSecretsAsync(Store, Desired(3));

            Assert.That(Methods(fake), Is.EqualTo(new[] { "GET", "GET", "POST" }), "3 creates with 3 left fit");
            Assert.That(result.Created, Is.EqualTo(3));
        }

        [Test]
        public async Task ACreateBatchWhoseNamesAllExistMeanwhileOnlyUpdatesThem()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake);
            store.CreateFirstMeanwhile("S001", HttpStatusCode.Conflict, 1004, "secret_name_conflict");

            SyncResult result = await fake.CreateClient().SyncSecretsAsync(Store, Desired(1));

            Assert.That(
                Methods(fake),
                Is.EqualTo(new[] { "GET", "GET", "POST", "GET", "PATCH" }),
                "nothing left to create after listing again");
            Assert.That(result.Changes.Select(c => (c.Name, c.Action)), Is.EqualTo(new[] { ("S001", SyncAction.Update) }));
        }

        [Test]
        public void ACreateBatchRefusedForAnotherReasonStopsTheSyncWithoutListingAgain()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake);
            store.Before = (method, _) => method == HttpMethod.Post
                ? ScriptedStore.Failure(HttpStatusCode.InternalServerError, 1001, "internal error")
                : null;

            SecretsSyncException? e = Assert.CatchAsync<SecretsSyncException>(
                () => fake.CreateClient().SyncSecretsAsync(Store, Desired(2)));

            Assert.That(e!.InnerException, Is.TypeOf<CloudflareServerException>());
            Assert.That(
                Methods(fake),
                Is.EqualTo(new[] { "GET", "GET", "POST" }),
                "a failure that is no race is not settled by listing again");
        }

        [Test]
        public async Task AnUpdateWhoseSecretWasDeletedMeanwhileCreatesItAfterTheUpdates()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake);
            string first = store.Add("S001");
            store.Add("S002");
            store.Before = (method, path) =>
            {
                if (method == HttpMethod.Patch && path.EndsWith("/" + first, StringComparison.Ordinal))
                {
                    store.Remove("S001");
                }

                return null;
            };

            SyncResult result = await fake.CreateClient().SyncSecretsAsync(Store, Desired(2), new SyncOptions { MaxParallelUpdates = 1 });

            Assert.That(
                Methods(fake),
                Is.EqualTo(new[] { "GET", "PATCH", "PATCH", "POST" }),
                "list, two updates (S001's finds it gone), then S001 created again");
            Assert.That(
                result.Changes.Select(c => (c.Name, c.Action)),
                Is.EqualTo(new[] { ("S001", SyncAction.Create), ("S002", SyncAction.Update) }));
            Assert.That(store.ValueOf("S001"), Is.EqualTo($"{Sentinel}-1"));
        }

        [TestCase(
            HttpStatusCode.BadRequest,
            1003,
            "secret_name_already_exists: S002",
            TestName = "ACreateBatchThatMeetsANameCreatedMeanwhileUpdatesItAndCreatesTheRest (400, 1003)")]
        [TestCase(
            HttpStatusCode.Conflict,
            1004,
            "secret_name_conflict",
            TestName = "ACreateBatchThatMeetsANameCreatedMeanwhileUpdatesItAndCreatesTheRest (409)")]
        public async Task ACreateBatchThatMeetsANameCreatedMeanwhileUpdatesItAndCreatesTheRest(
            HttpStatusCode status, int code, string message)
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake);
            // Another client creates S002 just before this sync's batch arrives: the whole batch is refused.
            Func<string?> raced = store.CreateFirstMeanwhile("S002", status, code, message);

            SyncResult result = await fake.CreateClient().SyncSecretsAsync(Store, Desired(3));

            Assert.That(
                Methods(fake),
                Is.EqualTo(new[] { "GET", "GET", "POST", "GET", "POST", "PATCH" }),
                "list, quota, the refused batch, list again, the rest, the raced name");
            Assert.That(JArray.Parse(fake.Requests[4].Body!).Select(s => (string?)s["name"]), Is.EqualTo(new[] { "S001", "S003" }));
            Assert.That(fake.Requests[5].Uri.AbsolutePath, Does.EndWith($"/secrets/{raced()}"));
            Assert.That(
                result.Changes.Select(c => (c.Name, c.Action)),
                Is.EqualTo(new[] { ("S001", SyncAction.Create), ("S003", SyncAction.Create), ("S002", SyncAction.Update) }));
            Assert.That(result.RequestCount, Is.EqualTo(6));
            Assert.That(store.ValueOf("S002"), Is.EqualTo($"{Sentinel}-2"));
        }

        [Test]
        public async Task ADryRunSendsOnlyTheListingAndTheQuotaReadAndReturnsThePlan()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake);
            string existing = store.Add("S001");
            string old = store.Add("OLD");

            SyncResult plan = await fake.CreateClient().SyncSecretsAsync(
                Store, Desired(2), new SyncOptions { Prune = true, DryRun = true });

            Assert.That(Methods(fake), Is.EqualTo(new[] { "GET", "GET" }));
            Assert.That(plan.DryRun, Is.True);
            Assert.That(plan.Changes, Is.EqualTo(new[]
            {
                new SyncChange("S002", SyncAction.Create, null),
                new SyncChange("S001", SyncAction.Update, existing),
                new SyncChange("OLD", SyncAction.Delete, old),
            }));
            Assert.That(store.Names, Is.EqualTo(new[] { "S001", "OLD" }));
        }

        [Test]
        public void RefusesBeforeAnyWriteWhenTheCreatesWouldExceedTheQuota()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake, quota: 10);
            for (int i = 0; i < 8; i++)
            {
                store.Add($"OTHER{i}");
            }

            SecretsSyncException? e = Assert.CatchAsync<SecretsSyncException>(
                () => fake.CreateClient().SyncSecretsAsync(Store, Desired(3)));

            Assert.That(Methods(fake), Is.EqualTo(new[] { "GET", "GET" }));
            Assert.That(e!.IsQuotaExceeded, Is.True);
            Assert.That(
                (e.StatusCode, e.Errors.Count),
                Is.EqualTo(((HttpStatusCode)0, 0)),
                "no API answer refused it: status 0, no errors");
            Assert.That(e.Completed.Changes, Is.Empty);
            Assert.That(e.NotDone.Select(c => c.Name), Is.EqualTo(new[] { "S001", "S002", "S003" }));
            Assert.That(e.Message, Does.Contain("create 3").And.Contain("8 of its quota of 10 (2 left)").And.Not.Contain(Sentinel));
        }

        [Test]
        public async Task KeepsAtMostMaxParallelUpdatesInFlight()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake);
            foreach (string name in Desired(12).Keys)
            {
                store.Add(name);
            }

            int inFlight = 0, peak = 0;
            var threeInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            store.Holding = async method =>
            {
                if (method != HttpMethod.Patch)
                {
                    return;
                }

                int now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref peak, now);
                if (now == 3)
                {
                    threeInFlight.TrySetResult();
                }

                // The first updates wait until three are in flight (bounded), so the bound is reached, not just respected.
                await threeInFlight.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                await Task.Yield();
                Interlocked.Decrement(ref inFlight);
            };

            SyncResult result = await fake.CreateClient().SyncSecretsAsync(Store, Desired(12), new SyncOptions { MaxParallelUpdates = 3 });

            Assert.That(result.Updated, Is.EqualTo(12));
            Assert.That(peak, Is.EqualTo(3));
        }

        [Test]
        public void AFailurePartWayReportsWhatWasDoneAndWhatWasNot()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake);
            foreach (string name in Desired(6).Keys.Skip(1))
            {
                store.Add(name);
            }

            int patches = 0;
            store.Before = (method, _) =>
                method == HttpMethod.Patch && Interlocked.Increment(ref patches) == 3
                    ? ScriptedStore.Failure(HttpStatusCode.InternalServerError, 1009, $"rejected value {Sentinel}-4")
                    : null;

            SecretsSyncException? e = Assert.CatchAsync<SecretsSyncException>(() =>
                fake.CreateClient().SyncSecretsAsync(Store, Desired(6), new SyncOptions { MaxParallelUpdates = 1 }));

            // The server echoes the failing update's value: the client masks it, and so nothing the sync reports has it.
            Assert.That(e!.InnerException, Is.TypeOf<CloudflareServerException>());
            Assert.That(
                e.Completed.Changes.Select(c => (c.Name, c.Action)),
                Is.EqualTo(new[] { ("S001", SyncAction.Create), ("S002", SyncAction.Update), ("S003", SyncAction.Update) }));
            Assert.That(e.NotDone.Select(c => c.Name), Is.EqualTo(new[] { "S004", "S005", "S006" }));
            Assert.That(e.Completed.RequestCount, Is.EqualTo(6), "list, quota, create, three updates");
            Assert.That(e.Message + e.Completed, Does.Not.Contain(Sentinel));
        }

        [Test]
        public void AFailurePartWayIsCaughtThroughTheDocumentedRootWithTheAnswerThatStoppedIt()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake);
            store.Add("S002");
            store.Before = (method, _) =>
                method == HttpMethod.Patch ? ScriptedStore.Failure(HttpStatusCode.BadRequest, 1001, "secret_value_too_long") : null;

            CloudflareApiException? e = Assert.CatchAsync<CloudflareApiException>(() =>
                fake.CreateClient().SyncSecretsAsync(Store, Desired(2), new SyncOptions { MaxParallelUpdates = 1 }));

            Assert.That(e, Is.TypeOf<SecretsSyncException>(), "a caller following the root's docs sees the partial sync");
            Assert.That((e!.StatusCode, e.ErrorCode), Is.EqualTo((HttpStatusCode.BadRequest, (int?)1001)));
            Assert.That(e.Is(SecretsStoreKnownErrors.SecretValueTooLong), Is.True, "the condition that stopped it, the one way");
        }

        [Test]
        public async Task ReportsProgressAfterEachChange()
        {
            using var fake = new FakeCloudflare();
            new ScriptedStore(fake).Add("S002");
            var reports = new List<SyncProgress>();

            await fake.CreateClient().SyncSecretsAsync(
                Store, Desired(2), new SyncOptions { Progress = new SynchronousProgress(reports.Add) });

            Assert.That(
                reports.Select(r => (r.Completed, r.Total, r.Last?.Name)),
                Is.EqualTo(new[] { (0, 2, (string?)null), (1, 2, "S001"), (2, 2, "S002") }));
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }

    /// <summary>
    /// Reports on the calling thread (<see cref="Progress{T}"/> posts to the thread pool, which would race the
    /// assertions).
    /// </summary>
    internal sealed class SynchronousProgress(Action<SyncProgress> report) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => report(value);
    }
}
