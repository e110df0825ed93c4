using System.Net;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.Facade;

public class UndeclaredSuccessStatusTests
{
    private const string Base = "https://api.cloudflare.com/client/v4/accounts/acc/secrets_store/stores/store1/secrets";

    [TestCase(HttpStatusCode.OK)]
    [TestCase(HttpStatusCode.NoContent)]
    public void DeleteSecretAsync_AcceptsAnUndeclared2xxWithASuccessEnvelope(HttpStatusCode status)
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Delete, Base + "/sec1")
            .Respond(status, "application/json", """{"success":true,"errors":[],"messages":[],"result":null}""");
        var client = new SecretsStoreClient(
            new SecretsStoreClientOptions { ApiToken = "test-token", AccountId = "acc" },
            mock.ToHttpClient());

        Assert.That(() => client.DeleteSecretAsync("store1", "sec1"), Throws.Nothing);
        mock.VerifyNoOutstandingExpectation();
    }
}
