using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

// What a user debugging into a packaged assembly gets: the PDB embedded in the assembly, every source file embedded in
// the PDB, and (for a CI build) paths normalized to /_/ instead of the build machine's.
internal static class DebugInformation
{
    private static readonly Guid EmbeddedSource = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    public static IEnumerable<string> Check(Assembly assembly)
    {
        var name = assembly.GetName();
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var folder = Path.GetFileName(Path.GetDirectoryName(assembly.Location));
        Console.WriteLine($"{name.Name} {version}, loaded from {folder}/{Path.GetFileName(assembly.Location)}");

        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var entry = pe.ReadDebugDirectory().FirstOrDefault(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        if (entry.DataSize == 0)
        {
            yield return $"{name.Name}: no embedded PDB";
            yield break;
        }

        using var pdb = pe.ReadEmbeddedPortablePdbDebugDirectoryData(entry);
        var reader = pdb.GetMetadataReader();
        var documents = reader.Documents.Select(reader.GetDocument).ToList();
        var embedded = reader.CustomDebugInformation
            .Select(reader.GetCustomDebugInformation)
            .Count(info => info.Parent.Kind == HandleKind.Document && reader.GetGuid(info.Kind) == EmbeddedSource);
        var sample = documents.Count > 0 ? reader.GetString(documents[0].Name) : "(none)";
        Console.WriteLine($"  embedded PDB: {documents.Count} source documents, {embedded} with embedded source; for example {sample}");
        if (documents.Count == 0 || embedded < documents.Count)
        {
            yield return $"{name.Name}: {documents.Count - embedded} of {documents.Count} source documents are not embedded";
        }

        // ContinuousIntegrationBuild is on exactly when CI=true, so a CI build's packages must not carry machine paths.
        if (Environment.GetEnvironmentVariable("CI") == "true" && !sample.StartsWith("/_/", StringComparison.Ordinal))
        {
            yield return $"{name.Name}: a CI build's PDB holds the build machine's paths ({sample})";
        }
    }
}
