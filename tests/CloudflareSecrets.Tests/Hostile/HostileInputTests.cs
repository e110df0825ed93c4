using CloudflareSecrets.Tests.Facade.Support;

namespace CloudflareSecrets.Tests.Hostile;

/// <summary>Input that must be refused before anything is sent, with a message naming the rule and the size, never the input.</summary>
public class HostileInputTests
{
    private const string Sentinel = "SENTINEL-VALUE-31f0";

    private static readonly string HundredMegabytes = Sentinel + new string('a', 100 * 1024 * 1024);

    public static IEnumerable<TestCaseData> OversizedCredentials()
    {
        yield return new TestCaseData(new Action<SecretsStoreClientOptions>(o => o.ApiToken = HundredMegabytes), "ApiToken")
            .SetName("a 100 MB ApiToken");
        yield return new TestCaseData(
            new Action<SecretsStoreClientOptions>(o => (o.Email, o.ApiKey) = ("me@example.com", HundredMegabytes)),
            "ApiKey").SetName("a 100 MB ApiKey");
        yield return new TestCaseData(
            new Action<SecretsStoreClientOptions>(
                o => (o.Email, o.ApiKey) = (Sentinel + new string('e', 1024) + "@example.com", "0123456789abcdef0123456789abcdef01234")),
            "Email").SetName("a 1 KB Email");
    }

    [TestCaseSource(nameof(OversizedCredentials))]
    public void AnOversizedCredentialIsRefusedAtConstructionBySizeAlone(Action<SecretsStoreClientOptions> configure, string option)
    {
        var options = new SecretsStoreClientOptions { AccountId = FakeCloudflare.AccountId };
        configure(options);
        int length = option == "Email" ? options.Email!.Length : HundredMegabytes.Length;

        ArgumentException? e = Assert.Throws<ArgumentException>(() => new SecretsStoreClient(options));

        Assert.That(e!.Message, Does.Contain($"{option} must be at most 1,024 characters").And.Contain($"it has {length:N0}"));
        Assert.That(e.ToString(), Does.Not.Contain(Sentinel));
        Assert.That(options.ProblemMessages(), Has.Count.EqualTo(1), "one problem, not also a white-space complaint");
    }

    [TestCase(40, TestName = "an API token of Cloudflare's 40 characters")]
    [TestCase(1024, TestName = "an API token at the ceiling")]
    public void ACredentialUpToTheCeilingIsAccepted(int length)
    {
        var options = new SecretsStoreClientOptions { ApiToken = new string('t', length) };

        Assert.That(options.ProblemMessages(), Is.Empty);
        Assert.That(SecretsStoreClientOptions.MaxCredentialLength, Is.EqualTo(1024));
    }

    public static IEnumerable<TestCaseData> CallsWithANul()
    {
        string value = Sentinel + "\0" + Sentinel;
        string position = $"position {Sentinel.Length} of {value.Length}";
        yield return new TestCaseData(
            new Func<ISecretsStoreClient, Task>(c => c.CreateSecretAsync(FakeCloudflare.StoreId, "A", value, [SecretScopes.Workers])),
            "value",
            position).SetName("CreateSecretAsync");
        yield return new TestCaseData(
            new Func<ISecretsStoreClient, Task>(
                c => c.CreateSecretsAsync(
                    FakeCloudflare.StoreId,
                    [new NewSecret("A", "ok", [SecretScopes.Workers]), new NewSecret("B", value, [SecretScopes.Workers])])),
            "secrets[1].Value",
            position).SetName("CreateSecretsAsync");
        yield return new TestCaseData(
            new Func<ISecretsStoreClient, Task>(
                c => c.UpdateSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId, new SecretUpdate { Value = value })),
            "update.Value",
            position).SetName("UpdateSecretAsync");
        yield return new TestCaseData(
            new Func<ISecretsStoreClient, Task>(c => c.SetSecretAsync(FakeCloudflare.StoreId, "A", value)),
            "value",
            position).SetName("SetSecretAsync");
        yield return new TestCaseData(
            new Func<ISecretsStoreClient, Task>(c => c.SyncSecretsAsync(FakeCloudflare.StoreId, [new("A", "ok"), new("B", value)])),
            "desired[\"B\"]",
            position).SetName("SyncSecretsAsync");
        yield return new TestCaseData(
            new Func<ISecretsStoreClient, Task>(c => c.CreateSecretAsync(FakeCloudflare.StoreId, "A", "\0", [SecretScopes.Workers])),
            "value",
            "position 0 of 1").SetName("CreateSecretAsync with a value of one NUL");
    }

    [TestCaseSource(nameof(CallsWithANul))]
    public void AValueWithANulIsRefusedBeforeAnythingIsSent(Func<ISecretsStoreClient, Task> call, string parameter, string position)
    {
        using var fake = new FakeCloudflare();

        ArgumentException? e = Assert.CatchAsync<ArgumentException>(() => call(fake.CreateClient()));

        Assert.That(e!.ParamName, Is.EqualTo(parameter));
        Assert.That(e.Message, Does.Contain($"A secret value must not contain NUL characters (U+0000); found one at {position}."));
        Assert.That(e.ToString(), Does.Not.Contain(Sentinel));
        Assert.That(fake.Requests, Is.Empty);
    }
}
