using CloudflareSecrets.Internal;

namespace CloudflareSecrets.Tests.Resilience;

/// <summary>The credential holder names its kind, never the credential, and masks every credential string it holds.</summary>
public class CredentialsTests
{
    private const string Sentinel = "SENTINEL-credential-5f1c";

    [Test]
    public void AnApiTokenIsNamedAsOneWithoutItsValue()
    {
        var credentials = Credentials.From(new SecretsStoreClientOptions { ApiToken = Sentinel, AccountId = "acc" });

        Assert.That(credentials.IsToken, Is.True);
        Assert.That(credentials.ToString(), Is.EqualTo("API token (***)"));
        Assert.That(credentials.Masked, Is.EqualTo(new[] { Sentinel }));
    }

    [Test]
    public void AnEmailAndGlobalKeyAreNamedAsSuchWithoutEither()
    {
        var credentials = Credentials.From(
            new SecretsStoreClientOptions { Email = Sentinel + "@example.com", ApiKey = Sentinel, AccountId = "acc" });

        Assert.That(credentials.IsToken, Is.False);
        Assert.That(credentials.ToString(), Is.EqualTo("email + global API key (***)"));
        Assert.That(credentials.Masked, Is.EqualTo(new[] { Sentinel + "@example.com", Sentinel }));
    }
}
