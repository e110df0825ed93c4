using CloudflareSecrets.Emulator;
using CloudflareSecrets.IntegrationTests.Support;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>The quota against an emulator whose accounts may hold 5 secrets (Cloudflare: 100).</summary>
[TestFixture(ClientKind.Constructed)]
[TestFixture(ClientKind.DependencyInjection)]
public sealed class QuotaTests(ClientKind kind) : EmulatorTests(kind)
{
    private const int MaxSecrets = 5;

    [Test]
    public async Task TheQuota_CountsTheSecretsOfEveryStoreOfTheAccount()
    {
        SecretsQuota empty = await Client.GetQuotaAsync();
        SecretStore first = await Client.CreateStoreAsync("first");
        SecretStore second = await Client.CreateStoreAsync("second");
        await Client.CreateSecretsAsync(
            first.Id, [new NewSecret("A", "v", [SecretScopes.Workers]), new NewSecret("B", "v", [SecretScopes.Workers])]);
        await Client.CreateSecretAsync(second.Id, "C", "v", [SecretScopes.Workers]);
        Secret deleted = await Client.CreateSecretAsync(first.Id, "D", "v", [SecretScopes.Workers]);
        await Client.DeleteSecretAsync(first.Id, deleted.Id);

        SecretsQuota used = await Client.GetQuotaAsync();

        Assert.That(empty, Is.EqualTo(new SecretsQuota(MaxSecrets, 0)));
        Assert.That(used, Is.EqualTo(new SecretsQuota(MaxSecrets, 3)));
        Assert.That(used.Remaining, Is.EqualTo(2));
    }

    [Test]
    public async Task CreatingPastTheQuota_IsRefused_AndCreatesNothing()
    {
        SecretStore store = await NewStoreAsync();
        await Client.CreateSecretsAsync(
            store.Id, [.. Enumerable.Range(1, 4).Select(i => new NewSecret($"EXISTING_{i}", "v", [SecretScopes.Workers]))]);

        CloudflareValidationException? e = Assert.ThrowsAsync<CloudflareValidationException>(() => Client.CreateSecretsAsync(store.Id,
        [
            new NewSecret("FITS", "v", [SecretScopes.Workers]),
            new NewSecret("DOES_NOT_FIT", "v", [SecretScopes.Workers]),
        ]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.StatusCode, Is.EqualTo(SecretsStoreKnownErrors.MaximumSecretsExceeded.Status));
            Assert.That(e.ErrorCode, Is.EqualTo(SecretsStoreKnownErrors.MaximumSecretsExceeded.Code));
            Assert.That(e.Is(SecretsStoreKnownErrors.MaximumSecretsExceeded), Is.True);
            Assert.That(e.RayId, Is.EqualTo(LastRayId()));
            Assert.That(await Client.FindSecretByNameAsync(store.Id, "FITS"), Is.Null, "all or nothing");
            Assert.That((await Client.GetQuotaAsync()).Usage, Is.EqualTo(4));
        }
    }

    [Test]
    public async Task DuplicatingPastTheQuota_IsRefused()
    {
        SecretStore store = await NewStoreAsync();
        IReadOnlyList<Secret> created = await Client.CreateSecretsAsync(
            store.Id, [.. Enumerable.Range(1, MaxSecrets).Select(i => new NewSecret($"EXISTING_{i}", "v", [SecretScopes.Workers]))]);

        CloudflareValidationException? e = Assert.ThrowsAsync<CloudflareValidationException>(
            () => Client.DuplicateSecretAsync(store.Id, created[0].Id, "ONE_TOO_MANY", [SecretScopes.Workers]));

        Assert.That(e.Is(SecretsStoreKnownErrors.MaximumSecretsExceeded), Is.True);
        Assert.That((await Client.GetQuotaAsync()).Usage, Is.EqualTo(MaxSecrets));
    }

    protected override EmulatorOptions CreateEmulatorOptions() => new() { MaxStoresPerAccount = 2, MaxSecretsPerAccount = MaxSecrets };
}
