using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Tests.TestSupport;

/// <summary>Finds the repository's files from the test output folder, wherever the repository is checked out.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder that holds <c>CloudflareSecrets.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    public static string CommittedSpec => Path.Combine(Root, "spec", "secrets-store.openapi.json");

    public static string CommittedSource => Path.Combine(Root, "spec", "source.json");

    public static string Overlay => Path.Combine(Root, "spec", "overlay.json");

    /// <summary>The upstream document the committed spec was made from, as <c>spec/source.json</c> records it (what CI regenerates from).</summary>
    public static string CurrentUpstream =>
        Path.Combine(Root, "spec", "upstream", (string)JObject.Parse(File.ReadAllText(CommittedSource))["document"]!);

    /// <summary>A real upstream document by file name: the one in <c>spec/upstream</c>, or an older one among the fixtures.</summary>
    public static string Upstream(string name) =>
        File.Exists(Path.Combine(Root, "spec", "upstream", name)) ? Path.Combine(Root, "spec", "upstream", name) : Fixture(name);

    /// <summary>The real upstream documents kept as fixtures (every one but the recorded one), by name.</summary>
    public static IEnumerable<string> FixtureUpstreams() =>
        Directory.GetFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures"), "cloudflare-openapi.*.json.gz")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!;

    /// <summary>A file copied next to the tests from <c>Fixtures/</c>.</summary>
    public static string Fixture(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudflareSecrets.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above '{TestContext.CurrentContext.TestDirectory}' contains CloudflareSecrets.sln.");
    }
}
