using System.Net;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.Facade;

public class SmokeTests
{
    private const string Base = "https://api.cloudflare.com/client/v4/accounts/acc/secrets_store/stores/store1/secrets";

    [Test]
    public async Task CreateSecretAsync_SendsArrayBody_AndMapsTheCreatedSecret()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Post, Base)
            .WithHeaders("Authorization", "Bearer test-token")
            .WithContent("""[{"comment":"info","name":"MY_KEY","scopes":["workers"],"value":"s3cret"}]""")
            .Respond("application/json", """{"success":true,"errors":[],"messages":[],"result":[{"id":"abc","name":"MY_KEY","store_id":"store1","status":"pending","scopes":["workers","future_scope"],"comment":"info","created":"2023-09-21T18:56:32.624632Z","modified":"2023-09-21T18:56:32.624632Z","extra":1}]}""");
        var client = new SecretsStoreClient(new SecretsStoreClientOptions { ApiToken = "test-token", AccountId = "acc" }, mock.ToHttpClient());

        Secret secret = await client.CreateSecretAsync("store1", "MY_KEY", "s3cret", [SecretScopes.Workers], "info");

        Assert.That(secret.Id, Is.EqualTo("abc"));
        Assert.That(secret.Scopes, Is.EqualTo(new[] { "workers", "future_scope" }));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void GetSecretAsync_On404_ThrowsNotFoundWithErrorsAndRay()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, Base + "/sec1")
            .Respond(HttpStatusCode.NotFound, [new KeyValuePair<string, string>("CF-Ray", "8f00aa-EWR")], "application/json", """{"success":false,"errors":[{"code":1003,"message":"secret not found"}],"messages":[],"result":null}""");
        var client = new SecretsStoreClient(new SecretsStoreClientOptions { ApiToken = "test-token", AccountId = "acc" }, mock.ToHttpClient());

        var ex = Assert.ThrowsAsync<CloudflareNotFoundException>(() => client.GetSecretAsync("store1", "sec1"));

        Assert.That(ex!.Errors[0].Code, Is.EqualTo(1003));
        Assert.That(ex.RayId, Is.EqualTo("8f00aa-EWR"));
        Assert.That(ex.Message, Does.Contain("GetSecret failed: HTTP 404"));
    }

    [TestCase(HttpStatusCode.OK)]
    [TestCase(HttpStatusCode.NoContent)]
    public void DeleteSecretAsync_AcceptsAnUndeclared2xxWithASuccessEnvelope(HttpStatusCode status)
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Delete, Base + "/sec1")
            .Respond(status, "application/json", """{"success":true,"errors":[],"messages":[],"result":null}""");
        var client = new SecretsStoreClient(new SecretsStoreClientOptions { ApiToken = "test-token", AccountId = "acc" }, mock.ToHttpClient());

        Assert.That(() => client.DeleteSecretAsync("store1", "sec1"), Throws.Nothing);
        mock.VerifyNoOutstandingExpectation();
    }
}
