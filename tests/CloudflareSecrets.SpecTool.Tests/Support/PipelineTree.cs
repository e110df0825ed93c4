using System.Diagnostics;
using System.Text;

namespace CloudflareSecrets.SpecTool.Tests.Support;

/// <summary>
/// A copy of the parts of the repository that make the library (build settings, nswag.json, the generation target and client templates,
/// the overlay and the library's sources) in a temp folder, so that a spec made from any document can go through the
/// real pipeline (spec tool → NSwag → compile) without touching the repository's own spec/, generated/ or outputs.
/// </summary>
internal sealed class PipelineTree : IDisposable
{
    private static readonly string[] RootFiles =
    [
        "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", ".editorconfig", "nswag.json",
        "LICENSE",
    ];
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private readonly TempDirectory _dir = new();
    private bool _restored;

    public PipelineTree()
    {
        foreach (string file in RootFiles)
        {
            File.Copy(Path.Combine(RepoPaths.Root, file), _dir.File(file));
        }

        Directory.CreateDirectory(_dir.File("build"));
        CopySources(Path.Combine(RepoPaths.Root, "build", "generation"), _dir.File(Path.Combine("build", "generation")));
        CopySources(Path.Combine(RepoPaths.Root, "build", "packaging"), _dir.File(Path.Combine("build", "packaging")));
        CopySources(Path.Combine(RepoPaths.Root, "build", "qa", "style"), _dir.File(Path.Combine("build", "qa", "style")));
        Directory.CreateDirectory(_dir.File("spec"));
        File.Copy(RepoPaths.Overlay, Overlay);
        Directory.CreateDirectory(_dir.File("generated"));
        CopySources(Path.Combine(RepoPaths.Root, "src", "CloudflareSecrets"), _dir.File(Path.Combine("src", "CloudflareSecrets")));
    }

    public string Overlay => _dir.File(Path.Combine("spec", "overlay.json"));

    public string Spec => _dir.File(Path.Combine("spec", "secrets-store.openapi.json"));

    public string GeneratedFile => _dir.File(Path.Combine("generated", "SecretsStoreRawClient.g.cs"));

    public string Folder => _dir.Path;

    /// <summary>Runs the spec tool on <paramref name="upstream"/> with the copied overlay, writing the copy's spec/.</summary>
    public CommandRun Extract(string upstream) =>
        CommandRun.Of(
            "--input", upstream, "--overlay", Overlay, "--output", Spec, "--source", _dir.File(Path.Combine("spec", "source.json")));

    /// <summary>
    /// Builds the library from the copy's spec/: the generation target runs NSwag, then the compiler. Returns the exit code
    /// and the build's output.
    /// </summary>
    public (int ExitCode, string Output) BuildLibrary()
    {
        File.Delete(GeneratedFile); // the target is incremental on file times: a missing output always regenerates
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string project = Path.Combine("src", "CloudflareSecrets", "CloudflareSecrets.csproj");
        foreach (string arg in new[] { "build", project, "-nologo", "-v:minimal", "-nodeReuse:false" })
        {
            start.ArgumentList.Add(arg);
        }

        if (_restored)
        {
            start.ArgumentList.Add("--no-restore");
        }

        // The test host's MSBuild variables point at its own build; the child build must find its own SDK.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(BuildTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"the build did not end within {BuildTimeout.TotalMinutes} minutes\n{output}");
        }

        process.WaitForExit();
        _restored |= process.ExitCode == 0;
        return (process.ExitCode, output.ToString());
    }

    public void Dispose() => _dir.Dispose();

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string dir in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopySources(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}
