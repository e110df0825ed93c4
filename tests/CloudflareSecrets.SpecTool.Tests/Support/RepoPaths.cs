using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Tests.Support;

/// <summary>The spec tool's files in the repository (its root from <see cref="RepositoryPaths"/>) and among the fixtures.</summary>
internal static class RepoPaths
{
    /// <summary>The folder that holds <c>CloudflareSecrets.sln</c>.</summary>
    public static string Root => RepositoryPaths.Root;

    public static string CommittedSpec => Path.Combine(Root, "spec", "secrets-store.openapi.json");

    public static string CommittedSource => Path.Combine(Root, "spec", "source.json");

    public static string Overlay => Path.Combine(Root, "spec", "overlay.json");

    /// <summary>
    /// The upstream document the committed spec was made from, as <c>spec/source.json</c> records it (what CI regenerates
    /// from).
    /// </summary>
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

}
