using CloudflareSecrets.SpecTool.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Tests;

/// <summary>The command line of the spec tool: arguments, exit codes and what it prints.</summary>
public static class SpecToolCommandTests
{
    private const string UsageStart = "usage: CloudflareSecrets.SpecTool --input <document.json[.gz]>";

    public class Arguments
    {
        [Test]
        public void WithoutInput_ExitsWith2AndPrintsTheUsage_WritingNothing()
        {
            using var dir = new TempDirectory();

            var run = CommandRun.Of("--output", dir.File(CommandRun.OutputName), "--source", dir.File(CommandRun.SourceName));

            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Stderr, Does.StartWith("error: --input is required.\n" + UsageStart));
            Assert.That(run.Stdout, Is.Empty);
            Assert.That(dir.Snapshot(), Is.Empty);
        }

        [Test]
        public void WithNoArgumentsAtAll_ExitsWith2AndPrintsTheUsage()
        {
            var run = CommandRun.Of();

            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Stderr, Does.StartWith("error: --input is required.\n" + UsageStart));
        }

        [Test]
        public void WithAnUnknownArgument_ExitsWith2NamingIt()
        {
            var run = CommandRun.Of("--input", "x.json", "--frobnicate");

            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Stderr, Does.StartWith("error: unexpected argument '--frobnicate'.\n" + UsageStart));
        }

        [Test]
        public void WithAnOptionMissingItsValue_ExitsWith2NamingIt()
        {
            var run = CommandRun.Of("--input");

            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Stderr, Does.StartWith("error: unexpected argument '--input'.\n" + UsageStart));
        }

        [TestCase("--help")]
        [TestCase("-h")]
        public void AskingForHelp_PrintsTheUsageOnStdout_AndSucceeds(string help)
        {
            var run = CommandRun.Of(help);

            Assert.That(run.ExitCode, Is.EqualTo(0));
            Assert.That(run.Stdout, Does.StartWith(UsageStart));
            Assert.That(run.Stderr, Is.Empty);
        }
    }

    public class ASuccessfulRun
    {
        [Test]
        public void WritesTheSpecAndTheSourceRecord_AndSaysWhatItWrote()
        {
            using var dir = new TempDirectory();
            string input = dir.WriteJson("cloudflare-openapi.2026-01-02.json", Synthetic.Document());
            string overlay = dir.WriteJson("fixes.json", Synthetic.HarmlessOverlay());
            string output = dir.File(CommandRun.OutputName);

            var run = CommandRun.Extract(input, overlay, dir.Path);

            Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
            Assert.That(run.Stdout, Is.EqualTo($"wrote {output}: 1 operations, 7 components (from cloudflare-openapi.2026-01-02.json).\n"));
            Assert.That(run.Stderr, Is.Empty);
            Assert.That(JObject.Parse(File.ReadAllText(output))["paths"]!.Children<JProperty>().Select(p => p.Name),
                Is.EqualTo(new[] { Synthetic.SecretsPath }));
            Assert.That((string?)JObject.Parse(File.ReadAllText(dir.File(CommandRun.SourceName)))["document"],
                Is.EqualTo("cloudflare-openapi.2026-01-02.json"));
        }

        [Test]
        public void WritesExactlyTheCanonicalFormOfWhatTheExtractorReturns()
        {
            using var dir = new TempDirectory();
            string input = dir.WriteJson("cloudflare-openapi.2026-01-02.json", Synthetic.Document());
            string overlay = dir.WriteJson("fixes.json", Synthetic.HarmlessOverlay());
            ExtractionResult expected = SpecExtractor.Extract(input, overlay);

            CommandRun.Extract(input, overlay, dir.Path);

            Assert.That(File.ReadAllText(dir.File(CommandRun.OutputName)), Is.EqualTo(JsonFiles.ToCanonicalString(expected.Document)));
            Assert.That(File.ReadAllText(dir.File(CommandRun.SourceName)), Is.EqualTo(JsonFiles.ToCanonicalString(expected.Source)));
        }

        [Test]
        public void UsesTheDateOption()
        {
            using var dir = new TempDirectory();
            string input = dir.WriteJson("whole-api.json", Synthetic.Document());
            string overlay = dir.WriteJson("fixes.json", Synthetic.HarmlessOverlay());

            var run = CommandRun.Of("--input", input, "--overlay", overlay, "--date", "2026-03-04",
                "--output", dir.File(CommandRun.OutputName), "--source", dir.File(CommandRun.SourceName));

            Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
            Assert.That((string?)JObject.Parse(File.ReadAllText(dir.File(CommandRun.SourceName)))["published"], Is.EqualTo("2026-03-04"));
        }
    }
}
