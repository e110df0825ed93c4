using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Conformance.Tests;

/// <summary>
/// An emulator made to answer one condition wrongly, by a fault rule or by an option: the kit reports exactly that
/// probe as differing, and nothing else.
/// </summary>
public sealed class WrongAnswerTests
{
    private static IEnumerable<TestCaseData> Faults()
    {
        yield return Case("known-error/store_not_found", "GET", $"/stores/{Script.UnknownId(2)}", 400, 1000, "validation_error");
        yield return Case("known-error/secret_not_found", "GET", $"/secrets/{Script.UnknownId(1)}", 404, 1001, "store_not_found");
        yield return Case(
            "behaviour/long-store-id", "GET", $"/stores/{Script.LongUnknownId(3)}", 400, 1000,
            "validation_error: store_id must be at most 32 characters");
        yield return Case(
            "behaviour/store-before-body-bulk-delete", "DELETE", $"/stores/{Script.UnknownId(5)}/secrets", 400, 1001,
            "invalid_json_body");
        yield return Case(
            "behaviour/store-before-body-create", "POST", $"/stores/{Script.UnknownId(6)}/secrets", 400, 1001,
            "invalid_json_body");
    }

    [TestCaseSource(nameof(Faults))]
    public async Task AFaultOnOneConditionIsReportedAsExactlyThatProbeDiffering(string probeId, FaultRule fault)
    {
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync();
        emulator.Faults.Add(fault);

        Report report = await KitHarness.RunAsync(emulator);

        Assert.That(KitHarness.Differing(report), Is.EqualTo(new[] { probeId }), KitHarness.Describe(report));
        Assert.That(report.Cleanup!.LeftBehind, Is.Zero);
    }

    [Test]
    public async Task ADeletedPhaseIsReportedAsTheDeleteBehaviourDiffering()
    {
        // DeleteDelay shows a "deleted" status for a while: what no live test ever saw.
        await using SecretsStoreEmulator emulator =
            await SecretsStoreEmulator.StartAsync(new EmulatorOptions { DeleteDelay = TimeSpan.FromMinutes(5) });

        Report report = await KitHarness.RunAsync(emulator);

        Assert.That(KitHarness.Differing(report), Is.EqualTo(new[] { "behaviour/deleted-secret-gone" }), KitHarness.Describe(report));
        Assert.That(report.Probes.Single(p => p.Id == "behaviour/deleted-secret-gone").Observed!.Detail, Does.Contain("status deleted"));
    }

    [Test]
    public async Task APendingStatusAfterCreateMatchesAsTheRealServiceShowsOne()
    {
        await using SecretsStoreEmulator emulator =
            await SecretsStoreEmulator.StartAsync(new EmulatorOptions { PendingDuration = TimeSpan.FromMinutes(5) });

        Report report = await KitHarness.RunAsync(emulator);

        Assert.That(KitHarness.Differing(report), Is.Empty, KitHarness.Describe(report));
        Assert.That(report.Probes.Single(p => p.Id == "behaviour/status-after-create").Observed!.Detail, Is.EqualTo("status: pending"));
    }

    [Test]
    public async Task ALargerQuotaOrAnotherStoreLimitIsCaughtByItsRow()
    {
        // Two stores allowed: the second-store probe succeeds (and its store is deleted by the cleanup).
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync(new EmulatorOptions { MaxStoresPerAccount = 2 });

        Report report = await KitHarness.RunAsync(emulator);

        Assert.That(KitHarness.Differing(report), Is.EqualTo(new[] { "known-error/maximum_stores_exceeded" }), KitHarness.Describe(report));
        Assert.That(await KitHarness.StoresAsync(emulator), Is.Empty, "the unexpected second store is deleted too");
    }

    // Each of these probes asks for an id of its own, so a fault on its path touches no other probe.
    private static TestCaseData Case(string probeId, string method, string path, int status, int code, string message)
    {
        var fault = new FaultRule
        {
            Method = method,
            PathPattern = path,
            Status = status,
            Body = FaultBody.Envelope,
            ErrorCode = code,
            ErrorMessage = message,
        };
        return new TestCaseData(probeId, fault).SetArgDisplayNames(probeId);
    }
}
