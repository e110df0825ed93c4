using CloudflareSecrets.Tests.Resilience.Support;

namespace CloudflareSecrets.Tests.Resilience;

/// <summary>Cloudflare's error texts reach exception messages; what the caller sent as secret must not come back through them.</summary>
public class ErrorRedactionTests
{
    private const string Value = "VALUE-4f1e-never-shown";

    [Test]
    public void ErrorEchoingTheValueWhereALongMessageIsCut_ShowsNoPartOfIt()
    {
        // 283 characters, then the value: a 300-character cut would keep its first 17 characters.
        string echoed = new string('x', 283) + Value;
        using var server = new ScriptedServer([Reply.Status(400, Api.Failure(1001, echoed))]);
        using HttpClient http = server.CreateClient();
        var client = new SecretsStoreClient(new SecretsStoreClientOptions { ApiToken = "t-" + Guid.NewGuid().ToString("N"), AccountId = Api.Account }, http);

        var e = Assert.ThrowsAsync<CloudflareValidationException>(() => client.CreateSecretAsync(Api.StoreId, "NAME", Value, [SecretScopes.Workers]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e!.Errors.Single().Message, Is.EqualTo(new string('x', 283) + "***"));
            Assert.That(e.ToString(), Does.Not.Contain(Value[..8]));
        }
    }
}
