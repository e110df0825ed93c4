using CloudflareSecrets.Emulator;
using CloudflareSecrets.IntegrationTests.Support;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>
/// A multi-batch create that fails in a later batch: the exception says exactly which secrets exist, which failed and
/// which were never sent, and the emulator's contents agree.
/// </summary>
public sealed class PartialBatchTests : EmulatorTests
{
    [Test]
    public async Task ACreateWhoseSecondBatchMeetsTheQuota_ReportsTheFirstBatchAsCreatedAndTheRestAsNotCreated()
    {
        SecretStore store = await NewStoreAsync();
        ISecretsStoreClient client = CreateClient(o => o.CreateBatchSize = 2);
        NewSecret[] secrets = [.. Enumerable.Range(1, 5).Select(i => new NewSecret($"S{i}", $"secret-value-{i}", [SecretScopes.Workers]))];

        SecretsPartiallyCreatedException? e = Assert.ThrowsAsync<SecretsPartiallyCreatedException>(
            () => client.CreateSecretsAsync(store.Id, secrets));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Created.Select(s => s.Name), Is.EqualTo(new[] { "S1", "S2" }));
            Assert.That(e.FailedNames, Is.EqualTo(new[] { "S3", "S4" }));
            Assert.That(e.NotSent, Is.EqualTo(new[] { "S5" }));
            Assert.That(e.FailedBatchOutcomeUnknown, Is.False);
            Assert.That(((CloudflareApiException)e.InnerException!).Is(SecretsStoreKnownErrors.MaximumSecretsExceeded), Is.True);
            List<string> listed = await Client.ListSecretsAsync(store.Id).Select(s => s.Id).ToListAsync();
            Assert.That(listed, Is.EquivalentTo(e.Created.Select(s => s.Id)), "exactly the reported secrets exist");
            Assert.That(e.Message, Does.Not.Contain("secret-value"));
        }
    }

    [Test]
    public async Task ACreateWhoseFirstBatchMeetsA5xx_ThrowsTheFailureAsItIs_AndSendsNoLaterBatch()
    {
        SecretStore store = await NewStoreAsync();
        ISecretsStoreClient client = CreateClient(o => o.CreateBatchSize = 1);
        await client.CreateSecretAsync(store.Id, "WARM", "secret-value-0", [SecretScopes.Workers]);
        Emulator.Faults.Add(new FaultRule { Method = "POST", PathPattern = OwnPath("stores/"), Count = 1, Status = 503 });

        // The first of the two batches meets the 503: nothing was created and the failure is thrown as it is.
        Assert.ThrowsAsync<CloudflareServerException>(() => client.CreateSecretsAsync(
            store.Id,
            [
                new NewSecret("X1", "secret-value-1", [SecretScopes.Workers]),
                new NewSecret("X2", "secret-value-2", [SecretScopes.Workers]),
            ]));

        Assert.That(await Client.FindSecretByNameAsync(store.Id, "X2"), Is.Null, "a later batch is never sent after a failure");
    }

    protected override EmulatorOptions CreateEmulatorOptions() => new() { MaxStoresPerAccount = 1, MaxSecretsPerAccount = 3 };
}
