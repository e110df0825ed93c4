using CloudflareSecrets.SpecTool.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Tests;

/// <summary>The <c>diff</c> command line: arguments, formats, exit codes, where output goes.</summary>
public static class DiffCommandTests
{
    private const string UsageStart = "usage: CloudflareSecrets.SpecTool diff --from";

    private static (string From, string To) Files(TempDirectory dir)
    {
        JObject after = DiffDocuments.Document();
        after.Parameter("page").Remove();
        return (dir.WriteJson("old.json", DiffDocuments.Document()), dir.WriteGzip("new.json.gz", after));
    }

    [Test]
    public static void PrintsAMarkdownReportByDefault_ReadingPlainAndGzipDocuments()
    {
        using var dir = new TempDirectory();
        (string from, string to) = Files(dir);

        var run = CommandRun.Of("diff", "--from", from, "--to", to);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        Assert.That(run.Stdout, Does.StartWith("# Secrets Store API changes: old.json → new.json.gz\n"));
        Assert.That(run.Stdout, Does.Contain(
            "| parameter removed | parameter | parameter `page` (query) | removed | secrets-store-list | `ListStoresAsync` |"));
        Assert.That(run.Stderr, Is.Empty);
    }

    [Test]
    public static void PrintsJson_WithTheClassOfEachChange()
    {
        using var dir = new TempDirectory();
        (string from, string to) = Files(dir);

        var run = CommandRun.Of("diff", "--from", from, "--to", to, "--format", "json");

        var json = JObject.Parse(run.Stdout);
        Assert.That((int?)json["counts"]!["breaking"], Is.EqualTo(1));
        Assert.That((string?)json["changes"]![0]!["class"], Is.EqualTo("breaking"));
        Assert.That(json["changes"]![0]!["facade_members"]!.Values<string>(), Is.EqualTo(new[] { "ListStoresAsync" }));
    }

    [Test]
    public static void PrintsExactlyOneSummaryLine()
    {
        using var dir = new TempDirectory();
        (string from, string to) = Files(dir);

        var run = CommandRun.Of("diff", "--from", from, "--to", to, "--format", "summary");

        Assert.That(run.Stdout, Is.EqualTo(
            "API diff old.json → new.json.gz: 2 → 2 operations (0 added, 0 removed, 1 changed); " +
            "1 breaking, 0 non-breaking, 0 documentation-only; breaking changes touch ListStoresAsync\n"));
    }

    [Test]
    public static void WritesToTheOutputFile_AndPrintsNothing()
    {
        using var dir = new TempDirectory();
        (string from, string to) = Files(dir);

        var run = CommandRun.Of("diff", "--from", from, "--to", to, "--output", dir.File("report.md"));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(File.ReadAllText(dir.File("report.md")), Does.StartWith("# Secrets Store API changes"));
    }

    [Test]
    public static void SucceedsWhenNothingChanged()
    {
        using var dir = new TempDirectory();
        string same = dir.WriteJson("same.json", DiffDocuments.Document());

        var run = CommandRun.Of("diff", "--from", same, "--to", same, "--format", "summary");

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Stdout, Does.Contain("0 breaking, 0 non-breaking, 0 documentation-only\n"));
    }

    [TestCase(new[] { "diff" }, "error: --from and --to are required.", TestName = "{m}(no documents)")]
    [TestCase(new[] { "diff", "--from", "a.json" }, "error: --from and --to are required.", TestName = "{m}(no --to)")]
    [TestCase(
        new[] { "diff", "--from", "a.json", "--to", "b.json", "--format", "html" },
        "error: --format must be markdown, json or summary (got 'html').",
        TestName = "{m}(an unknown format)")]
    [TestCase(
        new[] { "diff", "--from", "a.json", "--to", "b.json", "--colour" },
        "error: unexpected argument '--colour'.",
        TestName = "{m}(an unknown option)")]
    [TestCase(new[] { "diff", "--from" }, "error: unexpected argument '--from'.", TestName = "{m}(an option without its value)")]
    public static void BadArguments_ExitWith2_NamingTheProblem_AndPrintTheUsage(string[] args, string message)
    {
        var run = CommandRun.Of(args);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.StartWith(message + "\n" + UsageStart));
        Assert.That(run.Stdout, Is.Empty);
    }

    [Test]
    public static void AMissingDocument_ExitsWith2_NamingIt()
    {
        using var dir = new TempDirectory();

        var run = CommandRun.Of("diff", "--from", dir.File("gone.json"), "--to", dir.WriteJson("b.json", DiffDocuments.Document()));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Is.EqualTo($"error: Document '{dir.File("gone.json")}' does not exist.\n"));
    }

    [Test]
    public static void ADocumentWithoutSecretsStoreOperations_ExitsWith2_SayingSo()
    {
        using var dir = new TempDirectory();
        string other = dir.WriteJson(
            "other.json",
            JObject.Parse("""{ "openapi": "3.0.3", "paths": { "/zones": { "get": { "responses": { } } } } }"""));

        var run = CommandRun.Of("diff", "--from", other, "--to", other);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.StartWith("error: 'other.json' has no Secrets Store operations"));
    }

    [TestCase("--help")]
    [TestCase("-h")]
    public static void AskingForHelp_PrintsTheUsageOnStdout(string help)
    {
        var run = CommandRun.Of("diff", help);

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Stdout, Does.StartWith(UsageStart));
    }
}
