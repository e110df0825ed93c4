using System.Net;
using CloudflareSecrets.Emulator;
using CloudflareSecrets.IntegrationTests.Support;

namespace CloudflareSecrets.IntegrationTests;

[TestFixture(ClientKind.Constructed)]
[TestFixture(ClientKind.DependencyInjection)]
public sealed class AuthenticationTests(ClientKind kind) : EmulatorTests(kind)
{
    [Test]
    public async Task AnApiToken_IsSentAsABearerToken()
    {
        await Client.GetQuotaAsync();

        Assert.That(Requests().Single().AuthKind, Is.EqualTo(AuthKind.ApiToken));
    }

    [Test]
    public async Task AnEmailAndGlobalKey_AreAccepted_ForEveryKindOfCall()
    {
        ISecretsStoreClient client = CreateClient(UseGlobalKey(EmulatorOptions.DefaultEmail, EmulatorOptions.DefaultApiKey));

        SecretStore store = await client.CreateStoreAsync("legacy_key");
        Secret secret = await client.CreateSecretAsync(store.Id, "LEGACY", "value", [SecretScopes.Workers]);
        await client.UpdateSecretAsync(store.Id, secret.Id, new SecretUpdate { Value = "rotated" });
        await client.DeleteStoreAsync(store.Id, force: true);

        Assert.That(Requests().Select(r => (r.AuthKind, r.StatusCode)), Is.All.EqualTo((AuthKind.GlobalApiKey, 200)));
    }

    [Test]
    public void AWrongApiToken_IsAnAuthenticationFailure_NotRetried()
    {
        ISecretsStoreClient client = CreateClient(o => o.ApiToken = "not-the-emulator-token");

        CloudflareAuthenticationException? e = Assert.ThrowsAsync<CloudflareAuthenticationException>(() => client.GetQuotaAsync());

        AssertAuthenticationFailure(e, AuthKind.ApiToken);
    }

    [Test]
    public void AWrongGlobalKey_IsAnAuthenticationFailure()
    {
        ISecretsStoreClient client = CreateClient(UseGlobalKey(EmulatorOptions.DefaultEmail, "not-the-emulator-key"));

        CloudflareAuthenticationException? e = Assert.ThrowsAsync<CloudflareAuthenticationException>(
            () => client.ListStoresAsync().ToListAsync().AsTask());

        AssertAuthenticationFailure(e, AuthKind.GlobalApiKey);
    }

    [Test]
    public void AWrongEmail_IsAnAuthenticationFailure()
    {
        ISecretsStoreClient client = CreateClient(UseGlobalKey("someone-else@example.com", EmulatorOptions.DefaultApiKey));

        CloudflareAuthenticationException? e = Assert.ThrowsAsync<CloudflareAuthenticationException>(
            () => client.CreateStoreAsync("never_created"));

        AssertAuthenticationFailure(e, AuthKind.GlobalApiKey);
    }

    private static Action<SecretsStoreClientOptions> UseGlobalKey(string email, string key) => o =>
    {
        o.ApiToken = null;
        o.Email = email;
        o.ApiKey = key;
    };

    private void AssertAuthenticationFailure(CloudflareAuthenticationException? e, AuthKind sent)
    {
        RecordedRequest request = Requests().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e?.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(e?.ErrorCode, Is.EqualTo(EmulatorErrorCodes.AuthenticationError));
            Assert.That(e?.RayId, Is.EqualTo(request.RayId));
            Assert.That((request.AuthKind, request.StatusCode), Is.EqualTo((sent, 401)), "one request: a 401 is not retried");
        }
    }
}
