using System.Net;
using System.Text.Json;
using CloudflareSecrets.Emulator.Tests.Support;

namespace CloudflareSecrets.Emulator.Tests;

public class StoreOperationsTests
{
    public class TheCreateStoreOperation : EmulatorTest
    {
        [Test]
        public async Task ReturnsTheStoreWithEveryFieldTheSpecRequires()
        {
            ApiResponse response = await PostAsync(Accounts("stores"), new { name = "service_x_keys" });

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
            SpecSchema.AssertConforms("secrets-store-create", response);
            JsonElement store = response.Result;
            Assert.Multiple(() =>
            {
                Assert.That(response.Json.GetProperty("success").GetBoolean(), Is.True);
                Assert.That(store.GetProperty("id").GetString(), Does.Match("^[0-9a-f]{32}$"));
                Assert.That(store.GetProperty("name").GetString(), Is.EqualTo("service_x_keys"));
                Assert.That(store.GetProperty("account_id").GetString(), Is.EqualTo(AccountId));
                Assert.That(store.GetProperty("created").GetString(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"));
                Assert.That(store.GetProperty("modified").GetString(), Is.EqualTo(store.GetProperty("created").GetString()));
            });
        }

        [TestCase("{}")]
        [TestCase("""{"name":""}""")]
        [TestCase("""{"name":"   "}""")]
        [TestCase("""{"name":42}""")]
        [TestCase("[]")]
        public async Task RejectsAMissingOrBlankName(string body)
        {
            ApiResponse response = await SendRawAsync(HttpMethod.Post, Accounts("stores"), body);

            AssertFailure(response, HttpStatusCode.BadRequest, EmulatorErrorCodes.ValidationFailed);
            SpecSchema.AssertConforms("secrets-store-create", response);
        }

        [Test]
        public async Task RefusesASecondStoreWithQuotaExceededByDefault()
        {
            await CreateStoreAsync("first");

            ApiResponse response = await PostAsync(Accounts("stores"), new { name = "second" });

            AssertKnown(response, SecretsStoreKnownErrors.MaximumStoresExceeded);
            Assert.That(response.ErrorMessages, Is.EqualTo(new[] { "maximum_stores_exceeded" }));
        }

        [Test]
        public async Task CountsTheStoreLimitPerAccount()
        {
            await CreateStoreAsync("first");

            ApiResponse response = await PostAsync(Accounts("stores", "0123456789abcdef0123456789abcdef"), new { name = "other account" });

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
        }
    }

    public class TheGetStoreOperation : EmulatorTest
    {
        [Test]
        public async Task ReturnsTheStoreThatWasCreated()
        {
            string storeId = await CreateStoreAsync("mine");

            ApiResponse response = await GetAsync(Accounts($"stores/{storeId}"));

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
            SpecSchema.AssertConforms("secrets-store-get-store-by-id", response);
            Assert.That(response.Result.GetProperty("id").GetString(), Is.EqualTo(storeId));
            Assert.That(response.Result.GetProperty("name").GetString(), Is.EqualTo("mine"));
        }

        [Test]
        public async Task AnswersNotFoundForAnUnknownStore()
        {
            ApiResponse response = await GetAsync(Accounts("stores/023e105f4ecef8ad9ca31a8372d0c353"));

            AssertKnown(response, SecretsStoreKnownErrors.StoreNotFound);
            SpecSchema.AssertConforms("secrets-store-get-store-by-id", response);
        }

        [Test]
        public async Task DoesNotShowAStoreOfAnotherAccount()
        {
            string storeId = await CreateStoreAsync();

            ApiResponse response = await GetAsync(Accounts($"stores/{storeId}", "0123456789abcdef0123456789abcdef"));

            AssertKnown(response, SecretsStoreKnownErrors.StoreNotFound);
        }
    }

    public class TheListStoresOperation : EmulatorTest
    {
        protected override EmulatorOptions CreateEmulatorOptions() => new() { MaxStoresPerAccount = 10 };

        [Test]
        public async Task ReturnsEveryStoreOfTheAccountWithResultInfo()
        {
            await CreateStoreAsync("a");
            await CreateStoreAsync("b");

            ApiResponse response = await GetAsync(Accounts("stores"));

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
            SpecSchema.AssertConforms("secrets-store-list", response);
            Assert.That(response.Result.GetArrayLength(), Is.EqualTo(2));
            Assert.That(response.ResultInfo.GetProperty("total_count").GetInt32(), Is.EqualTo(2));
            Assert.That(response.ResultInfo.GetProperty("per_page").GetInt32(), Is.EqualTo(20));
            Assert.That(response.ResultInfo.GetProperty("page").GetInt32(), Is.EqualTo(1));
        }

        [Test]
        public async Task ReturnsAnEmptyListForANewAccount()
        {
            ApiResponse response = await GetAsync(Accounts("stores"));

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
            Assert.That(response.Result.GetArrayLength(), Is.Zero);
            Assert.That(response.ResultInfo.GetProperty("total_count").GetInt32(), Is.Zero);
            Assert.That(response.ResultInfo.GetProperty("total_pages").GetInt32(), Is.Zero);
        }

        [Test]
        public async Task OrdersByNameAscendingWhenAsked()
        {
            await CreateStoreAsync("charlie");
            await CreateStoreAsync("Alpha");
            await CreateStoreAsync("bravo");

            ApiResponse response = await GetAsync(Accounts("stores?order=name&direction=asc"));

            Assert.That(Names(response), Is.EqualTo(new[] { "Alpha", "bravo", "charlie" }));
        }

        [Test]
        public async Task OrdersNewestFirstByDefault()
        {
            await CreateStoreAsync("first");
            await CreateStoreAsync("second");
            await CreateStoreAsync("third");

            ApiResponse response = await GetAsync(Accounts("stores"));

            Assert.That(Names(response), Is.EqualTo(new[] { "third", "second", "first" }));
        }

        [TestCase("order=comment")]
        [TestCase("order=status")]
        [TestCase("direction=up")]
        [TestCase("per_page=0")]
        [TestCase("per_page=101")]
        [TestCase("page=-1")]
        public async Task RejectsAnInvalidQuery(string query)
        {
            ApiResponse response = await GetAsync(Accounts($"stores?{query}"));

            AssertFailure(response, HttpStatusCode.BadRequest, EmulatorErrorCodes.ValidationFailed);
        }

        private static string[] Names(ApiResponse response) =>
            response.Result.EnumerateArray().Select(store => store.GetProperty("name").GetString()!).ToArray();
    }

    public class TheDeleteStoreOperation : EmulatorTest
    {
        [Test]
        public async Task DeletesAnEmptyStoreAndAnswersANullResult()
        {
            string storeId = await CreateStoreAsync();

            ApiResponse response = await DeleteAsync(Accounts($"stores/{storeId}"));

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
            SpecSchema.AssertConforms("secrets-store-delete-by-id", response);
            Assert.That(response.Json.GetProperty("result").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That((await GetAsync(Accounts($"stores/{storeId}"))).Status, Is.EqualTo(HttpStatusCode.NotFound));
        }

        [Test]
        public async Task RefusesANonEmptyStoreWithStoreNotEmpty()
        {
            string storeId = await CreateStoreAsync();
            await CreateSecretAsync(storeId, "KEEP_ME");

            ApiResponse response = await DeleteAsync(Accounts($"stores/{storeId}"));

            AssertKnown(response, SecretsStoreKnownErrors.StoreNotEmpty);
            SpecSchema.AssertConforms("secrets-store-delete-by-id", response);
            Assert.That(response.ErrorMessages, Is.EqualTo(new[] { "store_not_empty" }));
            Assert.That((await GetAsync(Accounts($"stores/{storeId}"))).Status, Is.EqualTo(HttpStatusCode.OK));
        }

        [Test]
        public async Task RefusesANonEmptyStoreWhenForceIsFalse()
        {
            string storeId = await CreateStoreAsync();
            await CreateSecretAsync(storeId, "KEEP_ME");

            ApiResponse response = await DeleteAsync(Accounts($"stores/{storeId}?force=false"));

            AssertKnown(response, SecretsStoreKnownErrors.StoreNotEmpty);
        }

        [Test]
        public async Task CascadesToTheSecretsWithForce()
        {
            string storeId = await CreateStoreAsync();
            IReadOnlyList<string> secretIds = await CreateSecretsAsync(storeId, Secret("ONE"), Secret("TWO"));

            ApiResponse response = await DeleteAsync(Accounts($"stores/{storeId}?force=true"));

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
            Assert.That(Emulator.TryGetSecretValue(AccountId, storeId, secretIds[0], out _), Is.False);
            ApiResponse quota = await GetAsync(Accounts("quota"));
            Assert.That(quota.Result.GetProperty("secrets").GetProperty("usage").GetInt32(), Is.Zero);
        }

        [Test]
        public async Task RejectsAForceValueThatIsNotABoolean()
        {
            string storeId = await CreateStoreAsync();

            ApiResponse response = await DeleteAsync(Accounts($"stores/{storeId}?force=yes"));

            AssertFailure(response, HttpStatusCode.BadRequest, EmulatorErrorCodes.ValidationFailed);
        }

        [Test]
        public async Task AnswersNotFoundForAnUnknownStore()
        {
            ApiResponse response = await DeleteAsync(Accounts("stores/023e105f4ecef8ad9ca31a8372d0c353"));

            AssertKnown(response, SecretsStoreKnownErrors.StoreNotFound);
        }

        [Test]
        public async Task FreesTheStoreQuota()
        {
            string storeId = await CreateStoreAsync();
            await DeleteAsync(Accounts($"stores/{storeId}"));

            ApiResponse response = await PostAsync(Accounts("stores"), new { name = "replacement" });

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
        }
    }

    public class TheQuotaOperation : EmulatorTest
    {
        protected override EmulatorOptions CreateEmulatorOptions() => new() { MaxSecretsPerAccount = 7 };

        [Test]
        public async Task ReportsTheQuotaAndTheSecretsInTheAccount()
        {
            string storeId = await CreateStoreAsync();
            await CreateSecretsAsync(storeId, Secret("A"), Secret("B"), Secret("C"));

            ApiResponse response = await GetAsync(Accounts("quota"));

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
            SpecSchema.AssertConforms("secrets-store-quota", response);
            JsonElement secrets = response.Result.GetProperty("secrets");
            Assert.That(secrets.GetProperty("quota").GetInt32(), Is.EqualTo(7));
            Assert.That(secrets.GetProperty("usage").GetInt32(), Is.EqualTo(3));
        }

        [Test]
        public async Task ReportsZeroUsageForANewAccount()
        {
            ApiResponse response = await GetAsync(Accounts("quota"));

            Assert.That(response.Result.GetProperty("secrets").GetProperty("usage").GetInt32(), Is.Zero);
        }
    }
}
