using System.Net;
using CloudflareSecrets.Generated;

namespace CloudflareSecrets.Tests.RawClient;

/// <summary>The generated raw client's secret operations, at the HTTP boundary.</summary>
public static class SecretsTests
{
    private const string SecretsUrl =
        $"https://api.cloudflare.com/client/v4/accounts/{Examples.AccountId}/secrets_store/stores/{Examples.StoreId}/secrets";
    private const string SecretUrl = $"{SecretsUrl}/{Examples.SecretId}";

    private static readonly string[] ExampleScopes = ["workers", "ai_gateway", "dex", "access", "websearch"];

    private static void AssertIsTheExampleSecret(SecretsStore_secretObject? secret)
    {
        Assert.That(secret, Is.Not.Null);
        Assert.That(secret!.Id, Is.EqualTo(Examples.SecretId));
        Assert.That(secret.Store_id, Is.EqualTo(Examples.StoreId));
        Assert.That(secret.Name, Is.EqualTo(Examples.SecretName));
        Assert.That(secret.Comment, Is.EqualTo(Examples.Comment));
        Assert.That(secret.Scopes, Is.EqualTo(ExampleScopes));
        Assert.That(secret.Status, Is.EqualTo("active"));
        Assert.That(secret.Created, Is.EqualTo(Examples.Created));
        Assert.That(secret.Modified, Is.EqualTo(Examples.Created));
        Assert.That(secret.AdditionalProperties, Is.Empty);
    }

    private static SecretsStore_scopes Scopes(params string[] scopes)
    {
        var result = new SecretsStore_scopes();
        foreach (string scope in scopes)
        {
            result.Add(scope);
        }

        return result;
    }

    public class TheSecretsStoreSecretsListAsyncMethod
    {
        private static readonly string Response = Examples.Envelope($"[ {Examples.Secret} ]", Examples.ResultInfo);

        [Test]
        public async Task SendsGetToTheSecretsPath_WithoutQueryString_WhenNoFilterIsGiven()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Response);

            await api.Client.SecretsStoreSecretsListAsync(Examples.AccountId, Examples.StoreId);

            Assert.That(api.Request.Method, Is.EqualTo(HttpMethod.Get));
            Assert.That(api.Request.Url, Is.EqualTo(SecretsUrl));
            Assert.That(api.Request.Body, Is.Null);
        }

        [Test]
        public async Task SendsEveryFilter_WithTheScopesCommaJoinedInOneParameter()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Response);

            await api.Client.SecretsStoreSecretsListAsync(Examples.AccountId, Examples.StoreId,
                Direction.Desc, page: 2, per_page: 50, search: "MY_API", Order2.Name, scopes: ["workers", "ai_gateway"]);

            Assert.That(
                api.Request.Url,
                Is.EqualTo(SecretsUrl + "?direction=desc&page=2&per_page=50&search=MY_API&order=name&scopes=workers,ai_gateway"));
        }

        [Test]
        public async Task EscapesTheSearchText()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Response);

            await api.Client.SecretsStoreSecretsListAsync(Examples.AccountId, Examples.StoreId, search: "my key&x=1");

            Assert.That(api.Request.Url, Is.EqualTo(SecretsUrl + "?search=my%20key%26x%3D1"));
        }

        [Test]
        public async Task SendsNoScopesParameter_ForAnEmptyScopeList()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Response);

            await api.Client.SecretsStoreSecretsListAsync(Examples.AccountId, Examples.StoreId, page: 1, scopes: []);

            Assert.That(api.Request.Url, Is.EqualTo(SecretsUrl + "?page=1"));
        }

        [Test]
        public async Task ParsesTheSecretsAndThePagingInfo()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Response);

            SecretsStore_secrets_response_collection response = await api.Client.SecretsStoreSecretsListAsync(
                Examples.AccountId, Examples.StoreId);

            Assert.That(response.Result, Has.Count.EqualTo(1));
            AssertIsTheExampleSecret(response.Result!.Single());
            Assert.That(response.Result_info!.Total_pages, Is.EqualTo(100));
            Assert.That(response.Result_info.Total_count, Is.EqualTo(2000));
        }
    }

    public class TheSecretsStoreSecretCreateAsyncMethod
    {
        private static readonly string Response = Examples.Envelope($"[ {Examples.Secret} ]");

        [Test]
        public async Task PostsAJsonArrayOfSecrets_LeavingOutAnUnsetComment()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Response);

            await api.Client.SecretsStoreSecretCreateAsync(Examples.AccountId, Examples.StoreId,
            [
                new SecretsStore_createSecretObject
                {
                    Name = Examples.SecretName,
                    Value = Examples.SecretValue,
                    Scopes = Scopes("workers", "ai_gateway"),
                    Comment = Examples.Comment,
                },
                new SecretsStore_createSecretObject { Name = "OTHER_KEY", Value = "v2", Scopes = Scopes("workers") },
            ]);

            Assert.That(api.Request.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(api.Request.Url, Is.EqualTo(SecretsUrl));
            Assert.That(api.Request.ContentType, Is.EqualTo("application/json"));
            Assert.That(api.Request.Json, JsonIs.StructurallyEqualTo($$"""
                [
                  {
                    "name": "{{Examples.SecretName}}", "value": "{{Examples.SecretValue}}",
                    "scopes": [ "workers", "ai_gateway" ], "comment": "{{Examples.Comment}}"
                  },
                  { "name": "OTHER_KEY", "value": "v2", "scopes": [ "workers" ] }
                ]
                """));
        }

        [Test]
        public async Task PostsAOneElementArray_ForASingleSecret()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Response);

            await api.Client.SecretsStoreSecretCreateAsync(
                Examples.AccountId,
                Examples.StoreId,
                [
                    new SecretsStore_createSecretObject
                    {
                        Name = Examples.SecretName,
                        Value = Examples.SecretValue,
                        Scopes = Scopes("workers"),
                    },
                ]);

            Assert.That(api.Request.Json, JsonIs.StructurallyEqualTo($$"""
                [ { "name": "{{Examples.SecretName}}", "value": "{{Examples.SecretValue}}", "scopes": [ "workers" ] } ]
                """));
        }

        [Test]
        public async Task ParsesTheCreatedSecrets()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Response);

            SecretsStore_secrets_response_collection response = await api.Client.SecretsStoreSecretCreateAsync(
                Examples.AccountId,
                Examples.StoreId,
                [
                    new SecretsStore_createSecretObject
                    {
                        Name = Examples.SecretName,
                        Value = Examples.SecretValue,
                        Scopes = Scopes("workers"),
                    },
                ]);

            Assert.That(response.Result, Has.Count.EqualTo(1));
            AssertIsTheExampleSecret(response.Result!.Single());
        }
    }

    public class TheSecretsStoreDeleteBulkAsyncMethod
    {
        [Test]
        public async Task SendsDeleteWithTheIdsInAJsonBody()
        {
            using var api = new RawClientHarness(HttpStatusCode.Accepted, Examples.DeleteResponse);

            await api.Client.SecretsStoreDeleteBulkAsync(Examples.AccountId, Examples.StoreId,
                new SecretsStore_deleteSecretsRequest { Ids = [Examples.SecretId, "4ab85f74b32742f1bff64a85009dda08"] });

            Assert.That(api.Request.Method, Is.EqualTo(HttpMethod.Delete));
            Assert.That(api.Request.Url, Is.EqualTo(SecretsUrl));
            Assert.That(api.Request.ContentType, Is.EqualTo("application/json"));
            Assert.That(
                api.Request.Json,
                JsonIs.StructurallyEqualTo($$"""{ "ids": [ "{{Examples.SecretId}}", "4ab85f74b32742f1bff64a85009dda08" ] }"""));
        }

        [Test]
        public async Task ParsesTheAcceptedResponse()
        {
            using var api = new RawClientHarness(HttpStatusCode.Accepted, Examples.DeleteResponse);

            SecretsStore_delete_response response = await api.Client.SecretsStoreDeleteBulkAsync(Examples.AccountId, Examples.StoreId,
                new SecretsStore_deleteSecretsRequest { Ids = [Examples.SecretId] });

            Assert.That(response.Success, Is.True);
            Assert.That(response.Result, Is.Null);
        }
    }

    public class TheSecretsStoreGetByIdAsyncMethod
    {
        [Test]
        public async Task SendsGetToTheSecretPath()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.SecretResponse);

            await api.Client.SecretsStoreGetByIdAsync(Examples.AccountId, Examples.StoreId, Examples.SecretId);

            Assert.That(api.Request.Method, Is.EqualTo(HttpMethod.Get));
            Assert.That(api.Request.Url, Is.EqualTo(SecretUrl));
            Assert.That(api.Request.Body, Is.Null);
        }

        [Test]
        public async Task ParsesTheSecret()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.SecretResponse);

            SecretsStore_secret_response response = await api.Client.SecretsStoreGetByIdAsync(
                Examples.AccountId, Examples.StoreId, Examples.SecretId);

            Assert.That(response.Success, Is.True);
            AssertIsTheExampleSecret(response.Result);
        }
    }

    public class TheSecretsStorePatchByIdAsyncMethod
    {
        [Test]
        public async Task SendsPatchToTheSecretPath()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.SecretResponse);

            await api.Client.SecretsStorePatchByIdAsync(
                Examples.AccountId, Examples.StoreId, Examples.SecretId, new SecretsStore_patchSecretObject { Comment = "new" });

            Assert.That(api.Request.Method, Is.EqualTo(HttpMethod.Patch));
            Assert.That(api.Request.Url, Is.EqualTo(SecretUrl));
            Assert.That(api.Request.ContentType, Is.EqualTo("application/json"));
        }

        [Test]
        public async Task SendsOnlyTheComment_WhenOnlyTheCommentIsSet()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.SecretResponse);

            await api.Client.SecretsStorePatchByIdAsync(
                Examples.AccountId, Examples.StoreId, Examples.SecretId, new SecretsStore_patchSecretObject { Comment = "new" });

            Assert.That(api.Request.Json, JsonIs.StructurallyEqualTo("""{ "comment": "new" }"""));
        }

        [Test]
        public async Task SendsOnlyTheValue_WhenOnlyTheValueIsSet()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.SecretResponse);

            await api.Client.SecretsStorePatchByIdAsync(
                Examples.AccountId, Examples.StoreId, Examples.SecretId, new SecretsStore_patchSecretObject { Value = "rotated" });

            Assert.That(api.Request.Json, JsonIs.StructurallyEqualTo("""{ "value": "rotated" }"""));
        }

        [Test]
        public async Task SendsOnlyTheScopes_WhenOnlyTheScopesAreSet()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.SecretResponse);

            await api.Client.SecretsStorePatchByIdAsync(
                Examples.AccountId,
                Examples.StoreId,
                Examples.SecretId,
                new SecretsStore_patchSecretObject { Scopes = Scopes("workers", "dex") });

            Assert.That(api.Request.Json, JsonIs.StructurallyEqualTo("""{ "scopes": [ "workers", "dex" ] }"""));
        }

        [Test]
        public async Task SendsAnEmptyScopeList_AsAnEmptyArray_NotAsNothing()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.SecretResponse);

            await api.Client.SecretsStorePatchByIdAsync(
                Examples.AccountId, Examples.StoreId, Examples.SecretId, new SecretsStore_patchSecretObject { Scopes = Scopes() });

            Assert.That(api.Request.Json, JsonIs.StructurallyEqualTo("""{ "scopes": [] }"""));
        }

        [Test]
        public async Task SendsEveryField_WhenAllAreSet()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.SecretResponse);

            await api.Client.SecretsStorePatchByIdAsync(Examples.AccountId, Examples.StoreId, Examples.SecretId,
                new SecretsStore_patchSecretObject { Value = "rotated", Scopes = Scopes("workers"), Comment = "new" });

            Assert.That(
                api.Request.Json,
                JsonIs.StructurallyEqualTo("""{ "value": "rotated", "scopes": [ "workers" ], "comment": "new" }"""));
        }

        [Test]
        public async Task ParsesTheUpdatedSecret()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.SecretResponse);

            SecretsStore_secret_response response = await api.Client.SecretsStorePatchByIdAsync(
                Examples.AccountId, Examples.StoreId, Examples.SecretId, new SecretsStore_patchSecretObject { Comment = Examples.Comment });

            AssertIsTheExampleSecret(response.Result);
        }
    }

    public class TheSecretsStoreSecretDeleteByIdAsyncMethod
    {
        [Test]
        public async Task SendsDeleteToTheSecretPath_WithoutBody()
        {
            using var api = new RawClientHarness(HttpStatusCode.Accepted, Examples.DeleteResponse);

            await api.Client.SecretsStoreSecretDeleteByIdAsync(Examples.AccountId, Examples.StoreId, Examples.SecretId);

            Assert.That(api.Request.Method, Is.EqualTo(HttpMethod.Delete));
            Assert.That(api.Request.Url, Is.EqualTo(SecretUrl));
            Assert.That(api.Request.Body, Is.Null);
        }

        [Test]
        public async Task ParsesTheAcceptedResponse()
        {
            using var api = new RawClientHarness(HttpStatusCode.Accepted, Examples.DeleteResponse);

            SecretsStore_delete_response response = await api.Client.SecretsStoreSecretDeleteByIdAsync(
                Examples.AccountId, Examples.StoreId, Examples.SecretId);

            Assert.That(response.Success, Is.True);
            Assert.That(response.Result, Is.Null);
        }
    }

    public class TheSecretsStoreDuplicateByIdAsyncMethod
    {
        [Test]
        public async Task PostsNameScopesAndCommentToTheDuplicatePath()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.SecretResponse);

            await api.Client.SecretsStoreDuplicateByIdAsync(
                Examples.AccountId,
                Examples.StoreId,
                Examples.SecretId,
                new SecretsStore_duplicateSecretObject
                {
                    Name = "MY_API_KEY_COPY", Scopes = Scopes("workers", "ai_gateway"), Comment = "copy",
                });

            Assert.That(api.Request.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(api.Request.Url, Is.EqualTo(SecretUrl + "/duplicate"));
            Assert.That(api.Request.ContentType, Is.EqualTo("application/json"));
            Assert.That(
                api.Request.Json,
                JsonIs.StructurallyEqualTo("""{ "name": "MY_API_KEY_COPY", "scopes": [ "workers", "ai_gateway" ], "comment": "copy" }"""));
        }

        [Test]
        public async Task LeavesOutAnUnsetComment()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.SecretResponse);

            await api.Client.SecretsStoreDuplicateByIdAsync(Examples.AccountId, Examples.StoreId, Examples.SecretId,
                new SecretsStore_duplicateSecretObject { Name = "MY_API_KEY_COPY", Scopes = Scopes("workers") });

            Assert.That(api.Request.Json, JsonIs.StructurallyEqualTo("""{ "name": "MY_API_KEY_COPY", "scopes": [ "workers" ] }"""));
        }

        [Test]
        public async Task ParsesTheNewSecret()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.SecretResponse);

            SecretsStore_secret_response response = await api.Client.SecretsStoreDuplicateByIdAsync(
                Examples.AccountId,
                Examples.StoreId,
                Examples.SecretId,
                new SecretsStore_duplicateSecretObject { Name = Examples.SecretName, Scopes = Scopes("workers") });

            AssertIsTheExampleSecret(response.Result);
        }
    }
}
