using System.Net;
using CloudflareSecrets.Generated;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.RawClient;

public class QuotaTests
{
    [Test]
    public async Task SecretsStoreQuota_SendsGetToQuotaPath_AndParsesUsage()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, "https://api.cloudflare.com/client/v4/accounts/acc1/secrets_store/quota")
            .Respond(HttpStatusCode.OK, "application/json", """{"success":true,"errors":[],"messages":[],"result":{"secrets":{"quota":100,"usage":7}}}""");
        using var http = new HttpClient(mock) { BaseAddress = new Uri("https://api.cloudflare.com/client/v4/") };

        var response = await new SecretsStoreRawClient(http).SecretsStoreQuotaAsync("acc1");

        Assert.That(response.Result!.Secrets.Usage, Is.EqualTo(7));
        mock.VerifyNoOutstandingExpectation();
    }
}
