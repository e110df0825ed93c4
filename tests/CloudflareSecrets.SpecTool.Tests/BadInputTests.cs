using System.Text;
using CloudflareSecrets.SpecTool.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Tests;

/// <summary>
/// Every kind of bad input stops the tool with a message that says what is wrong, and nothing is written:
/// the output files stay absent, or unchanged when they existed before.
/// </summary>
public static class BadInputTests
{
    /// <summary>One bad input: how to lay out the files, and what the message must say.</summary>
    public sealed class Case
    {
        private readonly string _name;
        private readonly Func<TempDirectory, (string Input, string Overlay)> _arrange;
        private readonly string[] _expected;

        internal Case(string name, Func<TempDirectory, (string Input, string Overlay)> arrange, params string[] expected)
        {
            _name = name;
            _arrange = arrange;
            _expected = expected;
        }

        internal (string Input, string Overlay) Arrange(TempDirectory dir) => _arrange(dir);

        /// <summary>Fragments the message must contain; <c>{input}</c> and <c>{overlay}</c> stand for the paths.</summary>
        internal IEnumerable<string> Expected(string input, string overlay) =>
            _expected.Select(e => e
                .Replace("{input}", input, StringComparison.Ordinal)
                .Replace("{overlay}", overlay, StringComparison.Ordinal));

        public override string ToString() => _name;
    }

    private const string InputName = "cloudflare-openapi.2026-01-02.json";

    public static IEnumerable<Case> Cases()
    {
        yield return new Case("missing input file",
            dir => (dir.File(InputName), Overlay(dir)),
            "Input document '{input}' does not exist.");
        yield return new Case("input is not JSON",
            dir => (dir.WriteText(InputName, "<html>Bad gateway</html>"), Overlay(dir)),
            "Input document '{input}' is not JSON");
        yield return new Case("input is empty",
            dir => (dir.WriteText(InputName, string.Empty), Overlay(dir)),
            "Input document '{input}' is not JSON");
        yield return new Case("input is JSON but not an object",
            dir => (dir.WriteText(InputName, "[1, 2]"), Overlay(dir)),
            "Input document '{input}' is JSON but not an object (it is Array).");
        yield return new Case("input gzip is truncated",
            dir => (
                dir.WriteBytes(InputName + ".gz", Truncated(TempDirectory.Gzip(Encoding.UTF8.GetBytes(Synthetic.Document().ToString())))),
                Overlay(dir)),
            "Input document '{input}' is corrupt gzip data: the gzip data is truncated");
        yield return new Case("input is not UTF-8",
            dir => (dir.WriteBytes(InputName, [0x7b, 0xff, 0xfe, 0x7d]), Overlay(dir)),
            "Input document '{input}' is not UTF-8 text.");
        yield return new Case("input has a path item that is not an object",
            dir => (dir.WriteText(InputName, """{ "openapi": "3.0.3", "paths": { "/a/secrets_store/x": [] } }"""), Overlay(dir)),
            "Input document's path item '/a/secrets_store/x' is not an object.");
        yield return new Case("input gzip has damaged data",
            dir => (
                dir.WriteBytes(InputName + ".gz", Damaged(TempDirectory.Gzip(Encoding.UTF8.GetBytes(Synthetic.Document().ToString())))),
                Overlay(dir)),
            "Input document '{input}' is corrupt gzip data");
        yield return new Case("input named .gz is not gzip",
            dir => (dir.WriteJson(InputName + ".gz", Synthetic.Document()), Overlay(dir)),
            "Input document '{input}' is named .gz but is not gzip data.");
        yield return new Case("input has no Secrets Store paths",
            dir => (dir.WriteJson(InputName, WithoutSecretsStorePaths()), Overlay(dir)),
            "Input document has no Secrets Store paths (none contains '/secrets_store').");
        yield return new Case("input is not OpenAPI",
            dir => (dir.WriteText(InputName, """{ "swagger": "2.0", "paths": {} }"""), Overlay(dir)),
            "Input document is not an OpenAPI 3 document");
        yield return new Case("input has a dangling $ref",
            dir => (dir.WriteJson(InputName, WithDanglingRef()), Overlay(dir)),
            "Dangling $ref '#/components/schemas/missing'");
        yield return new Case("input name has no date",
            dir => (dir.WriteJson("cloudflare-openapi.json", Synthetic.Document()), Overlay(dir)),
            "Cannot tell the publication date of 'cloudflare-openapi.json': pass --date YYYY-MM-DD.");
        yield return new Case("missing overlay file",
            dir => (dir.WriteJson(InputName, Synthetic.Document()), dir.File("fixes.json")),
            "Overlay '{overlay}' does not exist.");
        yield return new Case("overlay is not JSON",
            dir => (dir.WriteJson(InputName, Synthetic.Document()), dir.WriteText("fixes.json", "actions:\n  - target: $.info\n")),
            "Overlay '{overlay}' is not JSON");
        yield return new Case("overlay is not an Overlay 1.x document",
            dir => (dir.WriteJson(InputName, Synthetic.Document()), dir.WriteJson("fixes.json", Synthetic.Document())),
            "Overlay 'fixes.json' is not an OpenAPI Overlay 1.x document");
        yield return new Case("overlay action target matches nothing",
            dir => (dir.WriteJson(InputName, Synthetic.Document()),
                    dir.WriteJson(
                        "fixes.json",
                        Synthetic.Overlay(Synthetic.Update("$.info", "{}"), Synthetic.Remove("$.paths['/gone'].get")))),
            "Overlay 'fixes.json' action 2: target '$.paths['/gone'].get' matches nothing in the document.");
    }

    public class ThroughTheLibrary
    {
        [TestCaseSource(typeof(BadInputTests), nameof(Cases))]
        public void SpecExtractorThrowsSpecToolExceptionSayingWhatIsWrong_AndWritesNothing(Case badInput)
        {
            using var dir = new TempDirectory();
            (string input, string overlay) = badInput.Arrange(dir);
            IReadOnlyDictionary<string, string> before = dir.Snapshot();

            SpecToolException? exception = Assert.Throws<SpecToolException>(() => SpecExtractor.Extract(input, overlay));

            foreach (string fragment in badInput.Expected(input, overlay))
            {
                Assert.That(exception.Message, Does.Contain(fragment));
            }

            Assert.That(dir.Snapshot(), Is.EqualTo(before));
        }
    }

    public class ThroughTheCommandLine
    {
        [TestCaseSource(typeof(BadInputTests), nameof(Cases))]
        public void ExitsWith2AndPrintsTheErrorOnStderr_WritingNoOutputFile(Case badInput)
        {
            using var dir = new TempDirectory();
            (string input, string overlay) = badInput.Arrange(dir);
            IReadOnlyDictionary<string, string> before = dir.Snapshot();

            var run = CommandRun.Extract(input, overlay, dir.Path);

            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Stderr, Does.StartWith("error: "));
            foreach (string fragment in badInput.Expected(input, overlay))
            {
                Assert.That(run.Stderr, Does.Contain(fragment));
            }

            Assert.That(run.Stdout, Is.Empty);
            Assert.That(File.Exists(dir.File(CommandRun.OutputName)), Is.False, "output file");
            Assert.That(File.Exists(dir.File(CommandRun.SourceName)), Is.False, "source file");
            Assert.That(dir.Snapshot(), Is.EqualTo(before));
        }

        [TestCaseSource(typeof(BadInputTests), nameof(Cases))]
        public void LeavesExistingOutputFilesUnchanged(Case badInput)
        {
            using var dir = new TempDirectory();
            (string input, string overlay) = badInput.Arrange(dir);
            dir.WriteText(CommandRun.OutputName, "{ \"previous\": \"spec\" }\n");
            dir.WriteText(CommandRun.SourceName, "{ \"previous\": \"source\" }\n");
            IReadOnlyDictionary<string, string> before = dir.Snapshot();

            var run = CommandRun.Extract(input, overlay, dir.Path);

            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(dir.Snapshot(), Is.EqualTo(before));
        }
    }

    private static string Overlay(TempDirectory dir) => dir.WriteJson("fixes.json", Synthetic.HarmlessOverlay());

    private static JObject WithoutSecretsStorePaths()
    {
        JObject document = Synthetic.Document();
        ((JObject)document["paths"]!).Remove(Synthetic.SecretsPath);
        return document;
    }

    private static JObject WithDanglingRef()
    {
        JObject document = Synthetic.Document();
        document["components"]!["schemas"]!["thing"]!["properties"]!["name"]!["$ref"] = "#/components/schemas/missing";
        return document;
    }

    /// <summary>The first half of the file, as a download cut short leaves it.</summary>
    private static byte[] Truncated(byte[] gzip) => gzip[..(gzip.Length / 2)];

    /// <summary>The gzip header intact, the compressed data after it overwritten.</summary>
    private static byte[] Damaged(byte[] gzip)
    {
        byte[] damaged = (byte[])gzip.Clone();
        for (int i = 10; i < damaged.Length - 8; i++)
        {
            damaged[i] = 0xff;
        }

        return damaged;
    }
}
