using System.Text.Json;

namespace CloudflareSecrets.Testing;

/// <summary>The repository's files, found from its root (the folder of CloudflareSecrets.sln) above the test output.</summary>
public static class RepositoryPaths
{
    private const string SolutionFile = "CloudflareSecrets.sln";

    private static readonly Lazy<string> LazyRoot = new(() => FindFrom(AppContext.BaseDirectory));

    /// <summary>The folder that holds <c>CloudflareSecrets.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The spec the client is generated from, overlay applied: Prism serves exactly this.</summary>
    public static string Spec => Path.Combine(Root, "spec", "secrets-store.openapi.json");

    /// <summary>The npm package that pins Prism.</summary>
    public static string ContractTools => Path.Combine(Root, "tests", "contract");

    /// <summary>Prism as <c>npm ci</c> in <see cref="ContractTools"/> installs it.</summary>
    public static string PrismBin =>
        Path.Combine(ContractTools, "node_modules", ".bin", OperatingSystem.IsWindows() ? "prism.cmd" : "prism");

    /// <summary>A path below the repository root, such as <c>Of("docs", "cli.md")</c>.</summary>
    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A path relative to the repository root, for messages (no machine paths in test output).</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>The operationIds <see cref="Spec"/> declares, in its order.</summary>
    public static IReadOnlyList<string> SpecOperationIds()
    {
        using var spec = JsonDocument.Parse(File.ReadAllBytes(Spec));
        var ids = new List<string>();
        foreach (JsonProperty path in spec.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (JsonProperty operation in path.Value.EnumerateObject())
            {
                if (operation.Value.ValueKind == JsonValueKind.Object && operation.Value.TryGetProperty("operationId", out JsonElement id))
                {
                    ids.Add(id.GetString()!);
                }
            }
        }

        return ids;
    }

    /// <summary>Walks up from <paramref name="start"/> to the folder holding the solution.</summary>
    /// <exception cref="DirectoryNotFoundException">No parent folder holds the solution file.</exception>
    private static string FindFrom(string start)
    {
        for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No folder above {start} holds {SolutionFile}: these tests run from a checkout of the repository.");
    }
}
