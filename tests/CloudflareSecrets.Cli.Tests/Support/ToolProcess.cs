using System.Diagnostics;

namespace CloudflareSecrets.Cli.Tests.Support;

/// <summary>
/// Runs the tool as a real process, as a user's shell would: the build output (<c>dotnet exec cfsecrets.dll</c>), or,
/// when <c>CFSECRETS_UNDER_TEST</c> names an executable, that one. CI points it at the tool installed from its
/// RID-specific package (self-contained and trimmed), so a member the trimmer removed fails these tests.
/// </summary>
public static class ToolProcess
{
    /// <summary>The environment variable naming an installed cfsecrets to run instead of the build output.</summary>
    public const string UnderTestVariable = "CFSECRETS_UNDER_TEST";

    private static readonly Lazy<string> BuiltToolDll = new(FindToolDll);

    /// <summary>The tool's own build output (next to its runtimeconfig and deps files), of this test run's configuration.</summary>
    public static string ToolDll => BuiltToolDll.Value;

    /// <summary>The installed executable named by <see cref="UnderTestVariable"/>, or null for the build output.</summary>
    public static string? InstalledTool { get; } = FindInstalledTool();

    /// <summary>A shell command line running the tool under test with <paramref name="args"/> (already quoted as needed).</summary>
    public static string ShellCommand(string args) =>
        InstalledTool is { } tool ? $"'{tool}' {args}" : $"dotnet exec '{ToolDll}' {args}";

    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(InstalledTool ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (InstalledTool is null)
        {
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(ToolDll);
        }

        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A clean environment: only what the test gives, plus what dotnet itself needs to start.
        start.Environment.Clear();
        foreach (string name in new[] { "PATH", "HOME", "DOTNET_ROOT", "TMPDIR" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, string? stdin, params string[] args)
    {
        ProcessResult run = await ChildProcess.RunAsync(StartInfo(environment, args), stdin, TimeSpan.FromSeconds(60));
        var result = new CliResult(run.ExitCode, run.Stdout, run.Stderr);
        TestContext.Out.WriteLine(
            $"$ cfsecrets {string.Join(' ', args)}   ({(InstalledTool is null ? "real process" : "installed tool")})\n{result}");
        return result;
    }

    private static string? FindInstalledTool()
    {
        string? path = Environment.GetEnvironmentVariable(UnderTestVariable);
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        // Named but missing is an error, never a quiet fall back to the build output.
        return File.Exists(path) ? Path.GetFullPath(path) : throw new FileNotFoundException($"{UnderTestVariable} names no file.", path);
    }

    private static string FindToolDll()
    {
        // The test output is tests/<project>/bin/<Configuration>/net10.0/; the tool's is
        // src/CloudflareSecrets.Cli/bin/<Configuration>/net10.0/.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string configuration = output.Parent!.Name;
        string dll = RepositoryPaths.Of("src", "CloudflareSecrets.Cli", "bin", configuration, output.Name, "cfsecrets.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The tool is not built for {configuration}.", dll);
    }
}
