using System.Net;
using CloudflareSecrets.Generated;

namespace CloudflareSecrets.Tests.RawClient;

/// <summary>The generated raw client's quota operation (secrets-store-quota), at the HTTP boundary.</summary>
public static class QuotaTests
{
    public class TheSecretsStoreQuotaAsyncMethod
    {
        private static readonly string Response = Examples.Envelope("""{ "secrets": { "quota": 100, "usage": 7 } }""");

        [Test]
        public async Task SendsGetToTheQuotaPath_AcceptingJson_WithoutBody()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Response);

            await api.Client.SecretsStoreQuotaAsync(Examples.AccountId);

            Assert.That(api.Request.Method, Is.EqualTo(HttpMethod.Get));
            Assert.That(
                api.Request.Url,
                Is.EqualTo($"https://api.cloudflare.com/client/v4/accounts/{Examples.AccountId}/secrets_store/quota"));
            Assert.That(api.Request.Accept, Is.EqualTo("application/json"));
            Assert.That(api.Request.Body, Is.Null);
        }

        [Test]
        public async Task ParsesQuotaAndUsage()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Response);

            SecretsStore_quota_response response = await api.Client.SecretsStoreQuotaAsync(Examples.AccountId);

            Assert.That(response.Success, Is.True);
            Assert.That(response.Result!.Secrets.Quota, Is.EqualTo(100));
            Assert.That(response.Result.Secrets.Usage, Is.EqualTo(7));
        }

        [Test]
        public async Task EscapesTheAccountIdInThePath()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Response);

            await api.Client.SecretsStoreQuotaAsync("a b/c?d");

            Assert.That(api.Request.Url, Is.EqualTo("https://api.cloudflare.com/client/v4/accounts/a%20b%2Fc%3Fd/secrets_store/quota"));
        }
    }
}
