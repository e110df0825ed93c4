using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Conformance.Tests;

/// <summary>
/// A run stopped mid-way (Ctrl+C cancels the same token) leaves nothing behind: the emulator is read afterwards. The
/// stop comes at several points of the script, either before a request is sent or after the API acted and its answer
/// was lost to the run (then only the sweep by prefix can find what the request created).
/// </summary>
public sealed class InterruptionTests
{
    // 1-2: the checks; 3: the run's store; 4: the fixtures; then the probes (about 38 requests in all).
    [Test]
    public async Task AStoppedRunLeavesTheAccountAsItFoundIt([Values(3, 4, 8, 16, 30, 37)] int at, [Values] bool afterAnswer)
    {
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync();
        using var run = new CancellationTokenSource();
        using var transport = new InterruptingHandler(at, afterAnswer, run);

        Report report = await KitHarness.RunAsync(emulator, transport, run.Token);

        Assert.That(report.Interrupted, Is.True, KitHarness.Describe(report));
        Assert.That(report.Probes, Has.Count.LessThan(Script.Probes.Count));
        Assert.That(await KitHarness.StoresAsync(emulator), Is.Empty, "the store created for the run is gone");
        Assert.That(await KitHarness.UsageAsync(emulator), Is.Zero, "no secret is left in the account");
        Assert.That(report.Cleanup!.LeftBehind, Is.Zero);
    }

    [Test]
    public async Task AStoppedRunInTheAccountsOwnStoreLeavesItsStoreAndSecrets([Values(4, 20)] int at, [Values] bool afterAnswer)
    {
        var store = new SeedStore { AccountId = KitHarness.Account, Name = "production" };
        store.Secrets.Add(new SeedSecret { Name = "KEEP_ME", Value = "kept", Scopes = ["workers"] });
        var options = new EmulatorOptions();
        options.Seed.Add(store);
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync(options);
        using var run = new CancellationTokenSource();
        using var transport = new InterruptingHandler(at, afterAnswer, run);

        Report report = await KitHarness.RunAsync(emulator, transport, run.Token);

        List<(string Id, string Name)> stores = await KitHarness.StoresAsync(emulator);
        Assert.That(report.Interrupted, Is.True, KitHarness.Describe(report));
        Assert.That(stores.Select(s => s.Name), Is.EqualTo(new[] { "production" }));
        Assert.That(await KitHarness.SecretNamesAsync(emulator, stores[0].Id), Is.EqualTo(new[] { "KEEP_ME" }));
    }

    [Test]
    public async Task CtrlCOnTheCommandStillCleansUpAndExitsWith130()
    {
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync();
        using var run = new CancellationTokenSource();
        using var transport = new InterruptingHandler(10, afterAnswer: false, run);
        string outDir = Path.Combine(Path.GetTempPath(), "conformance-" + Guid.NewGuid().ToString("N"));
        using var stdout = new StringWriter();

        try
        {
            int exit = await KitCommand.RunAsync(
                ["--live", "--pace-ms", "0", "--out", outDir],
                LiveModeTests.Environment(emulator),
                stdout,
                TextWriter.Null,
                transport,
                run.Token);

            Assert.That(exit, Is.EqualTo(KitCommand.Interrupted), stdout.ToString());
            Assert.That(stdout.ToString(), Does.Contain("Interrupted").And.Contain("nothing the run created is left"));
            Assert.That(await File.ReadAllTextAsync(Path.Combine(outDir, "report.md")), Does.Contain("**interrupted**"));
            Assert.That(await KitHarness.StoresAsync(emulator), Is.Empty);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
