using CloudflareSecrets.IntegrationTests.Support;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>
/// The 64 KiB limit on values, counted in UTF-8 bytes: the client refuses more before sending; the emulator refuses it
/// too.
/// </summary>
[TestFixture(ClientKind.Constructed)]
[TestFixture(ClientKind.DependencyInjection)]
public sealed class ValueSizeTests(ClientKind kind) : EmulatorTests(kind)
{
    public static IEnumerable<TestCaseData> LargestValues() =>
    [
        new TestCaseData(new string('x', SecretsStoreLimits.MaxValueBytes)).SetArgDisplayNames("65,536 ASCII characters"),
        new TestCaseData(new string('é', SecretsStoreLimits.MaxValueBytes / 2)).SetArgDisplayNames("32,768 two-byte characters"),
    ];

    public static IEnumerable<TestCaseData> TooLargeValues() =>
    [
        new TestCaseData(new string('x', SecretsStoreLimits.MaxValueBytes + 1)).SetArgDisplayNames("65,537 ASCII characters"),
        new TestCaseData(new string('x', SecretsStoreLimits.MaxValueBytes - 1) + "é")
            .SetArgDisplayNames("65,536 characters making 65,537 bytes"),
    ];

    [TestCaseSource(nameof(LargestValues))]
    public async Task AValueOfExactly64KiB_IsStoredWhole(string value)
    {
        SecretStore store = await NewStoreAsync();

        Secret secret = await Client.CreateSecretAsync(store.Id, "LARGEST", value, [SecretScopes.Workers]);

        Assert.That(StoredValue(store.Id, secret.Id), Is.EqualTo(value));
    }

    [TestCaseSource(nameof(TooLargeValues))]
    public async Task ALargerValue_IsRefusedBeforeAnythingIsSent(string value)
    {
        SecretStore store = await NewStoreAsync();
        Secret existing = await Client.CreateSecretAsync(store.Id, "EXISTING", "small", [SecretScopes.Workers]);
        int before = Requests().Count;

        Func<Task>[] calls =
        [
            () => Client.CreateSecretAsync(store.Id, "TOO_LARGE", value, [SecretScopes.Workers]),
            () => Client.CreateSecretsAsync(
                store.Id,
                [new NewSecret("FINE", "small", [SecretScopes.Workers]), new NewSecret("TOO_LARGE", value, [SecretScopes.Workers])]),
            () => Client.UpdateSecretAsync(store.Id, existing.Id, new SecretUpdate { Value = value }),
        ];

        using (Assert.EnterMultipleScope())
        {
            foreach (Func<Task> call in calls)
            {
                ArgumentException? e = Assert.ThrowsAsync<ArgumentException>(() => call());
                Assert.That(e?.Message, Does.Contain("65,536").And.Contain("65,537 bytes"));
                Assert.That(e?.Message, Does.Not.Contain("xxxx"), "never the value");
            }

            Assert.That(Requests(), Has.Count.EqualTo(before), "the emulator saw nothing");
            Assert.That(StoredValue(store.Id, existing.Id), Is.EqualTo("small"));
        }
    }
}
