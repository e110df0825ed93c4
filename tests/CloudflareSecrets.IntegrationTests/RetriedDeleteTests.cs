using CloudflareSecrets.Emulator;
using CloudflareSecrets.IntegrationTests.Support;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>
/// Retries that do not lie: a delete whose answer is lost after the emulator acted (a 502 or a dropped connection after
/// processing, or a timeout) is retried, the retry finds the secret gone, and the call reports the success it was.
/// A not-found that is true (nothing ambiguous happened, or a bulk answer naming only some ids) is still thrown.
/// </summary>
public sealed class RetriedDeleteTests : EmulatorTests
{
    public static IEnumerable<TestCaseData> LostAnswers()
    {
        yield return new TestCaseData(new FaultRule { Method = "DELETE", AfterProcessing = true, Status = 502 })
            .SetArgDisplayNames("502 after acting");
        yield return new TestCaseData(new FaultRule { Method = "DELETE", AfterProcessing = true, Status = 503 })
            .SetArgDisplayNames("503 after acting");
        yield return new TestCaseData(new FaultRule { Method = "DELETE", AfterProcessing = true, AbortConnection = true, Count = 2 })
            .SetArgDisplayNames("connection lost after acting");
    }

    [TestCaseSource(nameof(LostAnswers))]
    public async Task ADeleteRetriedAfterItsAnswerWasLost_Succeeds(FaultRule fault)
    {
        SecretStore store = await NewStoreAsync();
        Secret secret = await Client.CreateSecretAsync(store.Id, "GOES", "a-secret-value", [SecretScopes.Workers]);
        Emulator.Faults.Add(fault);

        await Client.DeleteSecretAsync(store.Id, secret.Id);

        Assert.That(Requests().Count(r => r.Method == "DELETE"), Is.GreaterThanOrEqualTo(2), "the lost answer was retried");
        Assert.That(StoredValue(store.Id, secret.Id), Is.Null, "the secret is gone");
    }

    [Test]
    public async Task ADeleteRetriedAfterATimeout_Succeeds()
    {
        SecretStore store = await NewStoreAsync();
        Secret secret = await Client.CreateSecretAsync(store.Id, "GOES", "a-secret-value", [SecretScopes.Workers]);
        ISecretsStoreClient client = CreateClient(o => o.Retry.AttemptTimeout = TimeSpan.FromMilliseconds(300));

        // The stalled attempt times out, and the emulator then carries it out; the retry comes after and finds nothing.
        Emulator.Faults.Add(new FaultRule { Method = "DELETE", Delay = TimeSpan.FromMilliseconds(500) });
        await client.DeleteSecretAsync(store.Id, secret.Id);

        Assert.That(StoredValue(store.Id, secret.Id), Is.Null);
    }

    [Test]
    public async Task ABulkDeleteRetriedAfterItsAnswerWasLost_Succeeds()
    {
        SecretStore store = await NewStoreAsync();
        IReadOnlyList<Secret> created = await Client.CreateSecretsAsync(store.Id,
            [new NewSecret("A", "a-secret-value", [SecretScopes.Workers]), new NewSecret("B", "b-secret-value", [SecretScopes.Workers])]);
        Emulator.Faults.Add(new FaultRule { Method = "DELETE", AfterProcessing = true, Status = 502 });

        await Client.DeleteSecretsAsync(store.Id, created.Select(s => s.Id));

        Assert.That(created.Select(s => StoredValue(store.Id, s.Id)), Is.All.Null);
    }

    [Test]
    public async Task ABulkDeleteRetriedAfterA5xxThatDidNotAct_StillReportsTheIdsThatNeverExisted()
    {
        SecretStore store = await NewStoreAsync();
        Secret kept = await Client.CreateSecretAsync(store.Id, "KEPT", "a-secret-value", [SecretScopes.Workers]);
        const string NeverExisted = "3fd85f74b32742f1bff64a85009dda07";
        Emulator.Faults.Add(new FaultRule { Method = "DELETE", Status = 503 });

        CloudflareNotFoundException? e = Assert.ThrowsAsync<CloudflareNotFoundException>(
            () => Client.DeleteSecretsAsync(store.Id, [kept.Id, NeverExisted]));

        Assert.That(e.Is(SecretsStoreKnownErrors.SecretNotFound), Is.True);
        Assert.That(e.Errors.Select(x => x.SourcePointer), Is.EqualTo(new[] { "/ids/1" }));
        Assert.That(StoredValue(store.Id, kept.Id), Is.EqualTo("a-secret-value"), "all or nothing: the existing one stays");
    }

    [Test]
    public async Task ADeleteOfAnUnknownSecret_WithoutAnAmbiguousAttempt_IsNotFound()
    {
        SecretStore store = await NewStoreAsync();
        Emulator.Faults.Add(new FaultRule { Method = "DELETE", Status = 429, Headers = { ["Retry-After"] = "0" } });

        CloudflareNotFoundException? e = Assert.ThrowsAsync<CloudflareNotFoundException>(
            () => Client.DeleteSecretAsync(store.Id, "3fd85f74b32742f1bff64a85009dda07"));

        Assert.That(e.Is(SecretsStoreKnownErrors.SecretNotFound), Is.True, "a 429 says the server did not act: the not-found is true");
    }

    [Test]
    public async Task ADeleteThatFailsWithA5xxEveryTime_IsStillAServerError()
    {
        SecretStore store = await NewStoreAsync();
        Secret secret = await Client.CreateSecretAsync(store.Id, "STAYS", "a-secret-value", [SecretScopes.Workers]);
        Emulator.Faults.Add(new FaultRule { Method = "DELETE", Status = 503, Count = 3 });

        Assert.ThrowsAsync<CloudflareServerException>(() => Client.DeleteSecretAsync(store.Id, secret.Id));
        Assert.That(StoredValue(store.Id, secret.Id), Is.EqualTo("a-secret-value"));
    }
}
