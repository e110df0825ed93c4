using System.Net;
using CloudflareSecrets.Tests.Facade.Support;

namespace CloudflareSecrets.Tests.Facade;

public class StoresTests
{
    public class TheListStoresAsyncMethod
    {
        [Test]
        public async Task SendsOnlyPageAndTheMaximumPageSizeByDefault()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.List(Canned.Store()));

            await fake.CreateClient().ListStoresAsync().ToListAsync();

            Assert.That(fake.SingleRequest.Method, Is.EqualTo(HttpMethod.Get));
            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.Url("stores?page=1&per_page=100")));
        }

        [Test]
        public async Task SendsOrderDirectionAndPageSizeInTheGeneratedOrder()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.List(Canned.Store()));

            await fake.CreateClient()
                .ListStoresAsync(new ListStoresOptions { Order = StoreOrder.Name, Direction = SortDirection.Ascending, PageSize = 10 })
                .ToListAsync();

            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.Url("stores?direction=asc&page=1&per_page=10&order=name")));
        }

        [TestCase(StoreOrder.Created, SortDirection.Descending, "direction=desc&page=1&per_page=100&order=created")]
        [TestCase(StoreOrder.Modified, SortDirection.Ascending, "direction=asc&page=1&per_page=100&order=modified")]
        public async Task SendsEachOrderAndDirectionAsCloudflareSpellsThem(StoreOrder order, SortDirection direction, string query)
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.List(Canned.Store()));

            await fake.CreateClient().ListStoresAsync(new ListStoresOptions { Order = order, Direction = direction }).ToListAsync();

            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.Url("stores?" + query)));
        }

        [Test]
        public async Task MapsEveryFieldOfEveryStore()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(
                Canned.List(Canned.Store(), Canned.Store(id: "aaaabbbbccccddddeeeeffff00001111", name: "second", accountId: null)));

            List<SecretStore> stores = await fake.CreateClient().ListStoresAsync().ToListAsync();

            Assert.That(stores, Is.EqualTo(new[]
            {
                Canned.StoreModel(),
                Canned.StoreModel(id: "aaaabbbbccccddddeeeeffff00001111", name: "second", accountId: null),
            }));
        }

        [Test]
        public async Task SendsNothingUntilEnumerated()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.List(Canned.Store()));

            AsyncPageable<SecretStore> stores = fake.CreateClient().ListStoresAsync();
            Assert.That(fake.Requests, Is.Empty);
            await stores.ToListAsync();

            Assert.That(fake.Requests, Has.Count.EqualTo(1));
        }
    }

    public class TheCreateStoreAsyncMethod
    {
        [Test]
        public async Task PostsTheNameAndReturnsTheNewStore()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(Canned.Store()));

            SecretStore store = await fake.CreateClient().CreateStoreAsync("service_x_keys");

            Assert.That(fake.SingleRequest.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.Url("stores")));
            fake.SingleRequest.AssertJsonBody("""{"name":"service_x_keys"}""");
            Assert.That(store, Is.EqualTo(Canned.StoreModel()));
        }

        [Test]
        public async Task KeepsSpacesInsideAStoreName()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(Canned.Store(name: "my keys")));

            await fake.CreateClient().CreateStoreAsync("my keys");

            fake.SingleRequest.AssertJsonBody("""{"name":"my keys"}""");
        }
    }

    public class TheGetStoreAsyncMethod
    {
        [Test]
        public async Task GetsTheStoreByIdAndMapsEveryField()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(Canned.Store()));

            SecretStore store = await fake.CreateClient().GetStoreAsync(FakeCloudflare.StoreId);

            Assert.That(fake.SingleRequest.Method, Is.EqualTo(HttpMethod.Get));
            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.StoreUrl()));
            Assert.That(fake.SingleRequest.Body, Is.Null);
            Assert.That(store, Is.EqualTo(Canned.StoreModel()));
        }

        [Test]
        public async Task MapsAMissingAccountIdToNull()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(Canned.Store(accountId: null)));

            SecretStore store = await fake.CreateClient().GetStoreAsync(FakeCloudflare.StoreId);

            Assert.That(store.AccountId, Is.Null);
        }
    }

    public class TheDeleteStoreAsyncMethod
    {
        [Test]
        public async Task SendsNoForceParameterWithoutForce()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(null));

            await fake.CreateClient().DeleteStoreAsync(FakeCloudflare.StoreId);

            Assert.That(fake.SingleRequest.Method, Is.EqualTo(HttpMethod.Delete));
            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.StoreUrl()));
            Assert.That(fake.SingleRequest.Body, Is.Null);
        }

        [Test]
        public async Task SendsForceTrueWithForce()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(null));

            await fake.CreateClient().DeleteStoreAsync(FakeCloudflare.StoreId, force: true);

            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.StoreUrl("?force=true")));
        }

        [Test]
        public void ThrowsAConflictThatSaysStoreNotEmptyWhenTheStoreHoldsSecrets()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Failure(1000, "store_not_empty"), HttpStatusCode.Conflict);

            CloudflareConflictException? exception = Assert.ThrowsAsync<CloudflareConflictException>(
                () => fake.CreateClient().DeleteStoreAsync(FakeCloudflare.StoreId));

            Assert.That(exception!.IsStoreNotEmpty, Is.True);
            Assert.That(exception.IsNameConflict, Is.False);
            Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        }
    }
}
