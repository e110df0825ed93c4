using System.Text.Json;

namespace CloudflareSecrets.Conformance.Tests;

/// <summary>
/// The kit against the emulator with its default options, the way <c>dotnet run</c> runs it: no probe may differ from
/// the table of known errors or from a behaviour live tests observed, and the committed report is what it writes today.
/// </summary>
public sealed class DefaultEmulatorTests
{
    private string outDir = string.Empty;
    private int exitCode;
    private string output = string.Empty;
    private Report report = null!;

    [OneTimeSetUp]
    public async Task RunTheKitAsync()
    {
        outDir = Path.Combine(Path.GetTempPath(), "conformance-" + Guid.NewGuid().ToString("N"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        exitCode = await KitCommand.RunAsync(["--out", outDir], _ => null, stdout, stderr, transport: null, CancellationToken.None);
        output = stdout + stderr.ToString();
        report = Report.FromJson(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")));
    }

    [OneTimeTearDown]
    public void RemoveTheReport() => Directory.Delete(outDir, recursive: true);

    [Test]
    public void NoProbeDiffers()
    {
        Assert.That(KitHarness.Differing(report), Is.Empty, KitHarness.Describe(report));
        Assert.That(exitCode, Is.EqualTo(KitCommand.Ok), output);
    }

    [Test]
    public void EveryRowOfTheKnownErrorsTableIsProbedAndMatches()
    {
        var probed = report.Probes.Where(p => p.Kind == ProbeKinds.KnownError).ToDictionary(p => p.Id);

        Assert.That(probed.Keys, Is.EqualTo(SecretsStoreKnownErrors.All.Select(row => "known-error/" + row.Token)));
        Assert.That(probed.Values.Select(p => p.Verdict), Is.All.EqualTo(Verdict.Matches), KitHarness.Describe(report));
    }

    [Test]
    public void EveryObservedBehaviourIsProbedAndMatches()
    {
        var behaviours = report.Probes.Where(p => p.Kind == ProbeKinds.Behaviour).ToList();

        Assert.That(behaviours.Select(p => p.Id), Is.EquivalentTo(new[]
        {
            "behaviour/scopes-sorted", "behaviour/comment-null", "behaviour/long-store-id", "behaviour/long-secret-id",
            "behaviour/store-before-body-bulk-delete", "behaviour/store-before-body-create", "behaviour/status-after-create",
            "behaviour/deleted-secret-gone",
        }));
        Assert.That(behaviours.Select(p => p.Verdict), Is.All.EqualTo(Verdict.Matches), KitHarness.Describe(report));
    }

    [Test]
    public void EveryUnknownIsProbedAndRecordedAsNewlyObserved()
    {
        var unknowns = report.Probes.Where(p => p.Kind == ProbeKinds.Unknown).ToList();

        Assert.That(unknowns.Select(p => p.Id), Is.EquivalentTo(new[]
        {
            "unknown/default-per-page", "unknown/page-honoured", "unknown/scopes-filter-comma", "unknown/scopes-filter-repeated",
            "unknown/bulk-delete-partly-unknown", "unknown/name-length", "unknown/comment-length",
        }));
        Assert.That(unknowns.Select(p => p.Verdict), Is.All.EqualTo(Verdict.NewlyObserved));
        Assert.That(unknowns.Select(p => p.Observed?.Detail), Has.None.Null.And.None.Empty);
    }

    [Test]
    public void TheStoreCreatedForTheRunIsGoneAndTheCleanupSaysSo()
    {
        Assert.That(report.Store, Does.StartWith("created for the run"));
        Assert.That(report.Cleanup, Is.Not.Null);
        Assert.That(report.Cleanup!.LeftBehind, Is.Zero);
        Assert.That(report.Cleanup.StoresDeleted, Is.EqualTo(1));
        Assert.That(output, Does.Contain("nothing the run created is left"));
    }

    [Test]
    public async Task TheCommittedReportIsWhatTheKitWritesToday()
    {
        string docs = RepositoryPaths.Of("docs", "conformance");
        string committedJson = await File.ReadAllTextAsync(Path.Combine(docs, "emulator.json"));
        string committedMarkdown = await File.ReadAllTextAsync(Path.Combine(docs, "emulator.md"));
        string freshMarkdown = await File.ReadAllTextAsync(Path.Combine(outDir, "report.md"));

        // Only the time of the run may differ.
        Assert.That(WithoutTime(Report.FromJson(committedJson)).ToJson(), Is.EqualTo(WithoutTime(report).ToJson()),
            "docs/conformance/emulator.json is out of date: regenerate it (docs/conformance.md)");
        Assert.That(WithoutTimeLine(committedMarkdown), Is.EqualTo(WithoutTimeLine(freshMarkdown)),
            "docs/conformance/emulator.md is out of date: regenerate it (docs/conformance.md)");
    }

    [Test]
    public void TheJsonReportHasTheDocumentedFields()
    {
        using var json = JsonDocument.Parse(report.ToJson());
        JsonElement root = json.RootElement;
        JsonElement probe = root.GetProperty("probes")[0];

        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "format", "target", "endpoint", "generated_at", "store", "interrupted", "refused", "probes", "cleanup",
        }));
        Assert.That(root.GetProperty("format").GetString(), Is.EqualTo("cloudflare-secrets-conformance/1"));
        Assert.That(probe.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "id", "kind", "title", "request", "expected", "observed", "verdict", "inferred", "note",
        }));
        Assert.That(probe.GetProperty("expected").EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "text", "status", "code", "token" }));
        Assert.That(probe.GetProperty("observed").EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "status", "code", "token", "detail" }));
        Assert.That(root.GetProperty("probes").EnumerateArray().Select(p => p.GetProperty("verdict").GetString()).Distinct(),
            Is.SubsetOf(new[] { "matches", "differs", "newly_observed", "skipped" }));
        Assert.That(root.GetProperty("cleanup").EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "secrets_deleted", "stores_deleted", "left_behind", "detail" }));
    }

    [Test]
    public void TheReportNamesNoIdNameOrAccount()
    {
        string json = report.ToJson();

        Assert.That(json, Does.Not.Contain(KitCommand.EmulatorAccountId).And.Not.Contain("cfconf-"));
        Assert.That(json, Does.Not.Match("[0-9a-f]{32}"));
    }

    private static Report WithoutTime(Report report) => report with { GeneratedAt = string.Empty };

    private static string WithoutTimeLine(string markdown) =>
        string.Join(
            '\n',
            markdown.ReplaceLineEndings("\n").Split('\n').Where(line => !line.StartsWith("- generated: ", StringComparison.Ordinal)));

}
