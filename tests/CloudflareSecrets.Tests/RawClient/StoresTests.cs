using System.Net;
using CloudflareSecrets.Generated;

namespace CloudflareSecrets.Tests.RawClient;

/// <summary>The generated raw client's store operations, at the HTTP boundary.</summary>
public static class StoresTests
{
    private const string StoresUrl = $"https://api.cloudflare.com/client/v4/accounts/{Examples.AccountId}/secrets_store/stores";

    private static void AssertIsTheExampleStore(SecretsStore_storeObject? store)
    {
        Assert.That(store, Is.Not.Null);
        Assert.That(store!.Id, Is.EqualTo(Examples.StoreId));
        Assert.That(store.Account_id, Is.EqualTo(Examples.AccountId));
        Assert.That(store.Name, Is.EqualTo(Examples.StoreName));
        Assert.That(store.Created, Is.EqualTo(Examples.Created));
        Assert.That(store.Modified, Is.EqualTo(Examples.Created));
    }

    public class TheSecretsStoreListAsyncMethod
    {
        private static readonly string Response = Examples.Envelope($"[ {Examples.Store} ]", Examples.ResultInfo);

        [Test]
        public async Task SendsGetToTheStoresPath_WithoutQueryString_WhenNoOptionIsGiven()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Response);

            await api.Client.SecretsStoreListAsync(Examples.AccountId);

            Assert.That(api.Request.Method, Is.EqualTo(HttpMethod.Get));
            Assert.That(api.Request.Url, Is.EqualTo(StoresUrl));
            Assert.That(api.Request.Body, Is.Null);
        }

        [Test]
        public async Task SendsEveryPagingAndSortingOption_InTheQueryString()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Response);

            await api.Client.SecretsStoreListAsync(Examples.AccountId, Direction.Asc, page: 2, per_page: 100, Order.Modified);

            Assert.That(api.Request.Url, Is.EqualTo(StoresUrl + "?direction=asc&page=2&per_page=100&order=modified"));
        }

        [Test]
        public async Task ParsesTheStoresAndThePagingInfo()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Response);

            SecretsStore_stores_response_collection response = await api.Client.SecretsStoreListAsync(Examples.AccountId);

            Assert.That(response.Result, Has.Count.EqualTo(1));
            AssertIsTheExampleStore(response.Result!.Single());
            Assert.That(response.Result_info!.Page, Is.EqualTo(1));
            Assert.That(response.Result_info.Per_page, Is.EqualTo(20));
            Assert.That(response.Result_info.Count, Is.EqualTo(1));
            Assert.That(response.Result_info.Total_count, Is.EqualTo(2000));
            Assert.That(response.Result_info.Total_pages, Is.EqualTo(100));
        }
    }

    public class TheSecretsStoreCreateAsyncMethod
    {
        [Test]
        public async Task PostsTheNameAsAJsonObject()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.StoreResponse);

            await api.Client.SecretsStoreCreateAsync(Examples.AccountId, new SecretsStore_createStoreObject { Name = Examples.StoreName });

            Assert.That(api.Request.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(api.Request.Url, Is.EqualTo(StoresUrl));
            Assert.That(api.Request.ContentType, Is.EqualTo("application/json"));
            Assert.That(api.Request.Json, JsonIs.StructurallyEqualTo($$"""{ "name": "{{Examples.StoreName}}" }"""));
        }

        [Test]
        public async Task ParsesTheCreatedStore()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.StoreResponse);

            SecretsStore_store_response response = await api.Client.SecretsStoreCreateAsync(
                Examples.AccountId, new SecretsStore_createStoreObject { Name = Examples.StoreName });

            Assert.That(response.Success, Is.True);
            AssertIsTheExampleStore(response.Result);
        }
    }

    public class TheSecretsStoreGetStoreByIdAsyncMethod
    {
        [Test]
        public async Task SendsGetToTheStorePath()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.StoreResponse);

            await api.Client.SecretsStoreGetStoreByIdAsync(Examples.AccountId, Examples.StoreId);

            Assert.That(api.Request.Method, Is.EqualTo(HttpMethod.Get));
            Assert.That(api.Request.Url, Is.EqualTo($"{StoresUrl}/{Examples.StoreId}"));
            Assert.That(api.Request.Body, Is.Null);
        }

        [Test]
        public async Task ParsesTheStore()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.StoreResponse);

            SecretsStore_store_response response = await api.Client.SecretsStoreGetStoreByIdAsync(Examples.AccountId, Examples.StoreId);

            AssertIsTheExampleStore(response.Result);
        }
    }

    public class TheSecretsStoreDeleteByIdAsyncMethod
    {
        [Test]
        public async Task SendsDeleteToTheStorePath_WithoutQueryOrBody_ByDefault()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.DeleteResponse);

            await api.Client.SecretsStoreDeleteByIdAsync(Examples.AccountId, Examples.StoreId);

            Assert.That(api.Request.Method, Is.EqualTo(HttpMethod.Delete));
            Assert.That(api.Request.Url, Is.EqualTo($"{StoresUrl}/{Examples.StoreId}"));
            Assert.That(api.Request.Body, Is.Null);
        }

        [TestCase(true, "?force=true")]
        [TestCase(false, "?force=false")]
        public async Task SendsTheForceFlagInLowerCase(bool force, string query)
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.DeleteResponse);

            await api.Client.SecretsStoreDeleteByIdAsync(Examples.AccountId, Examples.StoreId, force);

            Assert.That(api.Request.Url, Is.EqualTo($"{StoresUrl}/{Examples.StoreId}{query}"));
        }

        [Test]
        public async Task ParsesTheDeleteResponse()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.DeleteResponse);

            SecretsStore_delete_response response = await api.Client.SecretsStoreDeleteByIdAsync(
                Examples.AccountId, Examples.StoreId, force: true);

            Assert.That(response.Success, Is.True);
            Assert.That(response.Result, Is.Null);
            Assert.That(response.Errors, Is.Empty);
        }
    }
}
