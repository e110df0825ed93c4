using System.Text.Json;

namespace CloudflareSecrets.ContractTests.Infrastructure;

/// <summary>The files the contract and integration tests use, found from the repository root (the folder of CloudflareSecrets.sln).</summary>
internal sealed class RepositoryPaths
{
    private const string SolutionFile = "CloudflareSecrets.sln";

    private RepositoryPaths(string root)
    {
        Root = root;
        Spec = Path.Combine(root, "spec", "secrets-store.openapi.json");
        ContractTools = Path.Combine(root, "tests", "contract");
        PrismBin = Path.Combine(ContractTools, "node_modules", ".bin", OperatingSystem.IsWindows() ? "prism.cmd" : "prism");
    }

    public string Root { get; }

    /// <summary>The spec the client is generated from, overlay applied: Prism mocks exactly this.</summary>
    public string Spec { get; }

    /// <summary>The npm package that pins Prism.</summary>
    public string ContractTools { get; }

    public string PrismBin { get; }

    /// <summary>Walks up from <paramref name="start"/> (the test assembly's folder) to the folder holding the solution.</summary>
    /// <exception cref="DirectoryNotFoundException">No parent folder holds the solution file.</exception>
    public static RepositoryPaths FindFrom(string start)
    {
        for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return new RepositoryPaths(folder.FullName);
            }
        }

        throw new DirectoryNotFoundException($"No folder above {start} holds {SolutionFile}: these tests run from a checkout of the repository.");
    }

    /// <summary>The operationIds <see cref="Spec"/> declares, in its order.</summary>
    public IReadOnlyList<string> SpecOperationIds()
    {
        using JsonDocument spec = JsonDocument.Parse(File.ReadAllBytes(Spec));
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

    /// <summary>A path relative to the repository root, for messages (no machine paths in test output).</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
}
