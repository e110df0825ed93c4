using System.Text;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Tests.Support;

/// <summary>
/// Runs of the tool on the real upstream documents, shared by the tests that read them: each document is about
/// 12 MB of JSON, so each run is made once per test run.
/// </summary>
internal static class UpstreamRuns
{
    public const string OlderDocument = "cloudflare-openapi.2026-07-06.json.gz";

    private static readonly Lazy<Written> LazyCurrent = new(() => Run(RepoPaths.CurrentUpstream));
    private static readonly Lazy<Written> LazyCurrentAgain = new(() => Run(RepoPaths.CurrentUpstream));
    private static readonly Lazy<Written> LazyOlder = new(() => Run(RepoPaths.Fixture(OlderDocument)));
    private static readonly Lazy<JObject> LazyCurrentUpstream =
        new(() => JsonFiles.ReadObject(RepoPaths.CurrentUpstream, "Input document"));

    /// <summary>The tool run on the upstream document that <c>spec/source.json</c> records, with <c>spec/overlay.json</c>.</summary>
    public static Written Current => LazyCurrent.Value;

    /// <summary>A second, independent run on the same input as <see cref="Current"/>.</summary>
    public static Written CurrentAgain => LazyCurrentAgain.Value;

    /// <summary>The tool run on the 2026-07-06 document (a fixture), with <c>spec/overlay.json</c>.</summary>
    public static Written Older => LazyOlder.Value;

    /// <summary>The whole upstream document behind <see cref="Current"/>, as published.</summary>
    public static JObject CurrentUpstream => LazyCurrentUpstream.Value;

    private static Written Run(string input)
    {
        using var dir = new TempDirectory();
        var run = CommandRun.Extract(input, RepoPaths.Overlay, dir.Path);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"The spec tool failed on '{input}' (exit {run.ExitCode}): {run.Stderr}");
        }

        return new Written(File.ReadAllBytes(dir.File(CommandRun.OutputName)), File.ReadAllBytes(dir.File(CommandRun.SourceName)));
    }

    /// <summary>The two files one run wrote.</summary>
    public sealed class Written(byte[] spec, byte[] source)
    {
        private readonly Lazy<JObject> _document = new(() => JsonFiles.ParseObject(Encoding.UTF8.GetString(spec), "written spec"));

        public byte[] SpecBytes { get; } = spec;

        public byte[] SourceBytes { get; } = source;

        /// <summary>The written spec, parsed (tests only read it).</summary>
        public JObject Document => _document.Value;
    }
}
