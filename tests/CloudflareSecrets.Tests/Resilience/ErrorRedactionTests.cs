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
        var client = new SecretsStoreClient(
            new SecretsStoreClientOptions { ApiToken = "t-" + Guid.NewGuid().ToString("N"), AccountId = Api.Account }, http);

        CloudflareValidationException? e = Assert.ThrowsAsync<CloudflareValidationException>(
            () => client.CreateSecretAsync(Api.StoreId, "NAME", Value, [SecretScopes.Workers]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e!.Errors.Single().Message, Is.EqualTo(new string('x', 283) + "***"));
            Assert.That(e.ToString(), Does.Not.Contain(Value[..8]));
        }
    }

    [TestCase("token-8d1f-never-shown", null, null)]
    [TestCase(null, "email-8d1f@example.invalid", "key-8d1f-never-shown")]
    public void ErrorEchoingTheRejectedCredentials_ShowsThemMasked(string? token, string? email, string? key)
    {
        // As a proxy might answer: the credential headers it received, quoted back.
        using var server = new ScriptedServer((request, _) => Reply.Status(401, Api.Failure(
            10000,
            "rejected: " + string.Join(
                " ",
                request.Headers.Where(h => h.Key is "Authorization" or "X-Auth-Email" or "X-Auth-Key").SelectMany(h => h.Value)))));
        using HttpClient http = server.CreateClient();
        var options = new SecretsStoreClientOptions { ApiToken = token, Email = email, ApiKey = key, AccountId = Api.Account };
        var client = new SecretsStoreClient(options, http);

        CloudflareAuthenticationException? e = Assert.ThrowsAsync<CloudflareAuthenticationException>(
            () => client.GetSecretAsync(Api.StoreId, Api.SecretId));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e!.Errors.Single().Message, Is.EqualTo(token is null ? "rejected: *** ***" : "rejected: Bearer ***"));
            foreach (string? credential in new[] { token, email, key }.Where(c => c is not null))
            {
                Assert.That(e.ToString(), Does.Not.Contain(credential));
            }
        }
    }
}
