using System.Diagnostics;

namespace CloudflareSecrets.Cli.Tests.Infrastructure;

/// <summary>Runs the built tool as a real process (<c>dotnet exec cfsecrets.dll</c>), as a user's shell would.</summary>
public static class ToolProcess
{
    /// <summary>The tool's own build output (next to its runtimeconfig and deps files), of this test run's configuration.</summary>
    public static string ToolDll { get; } = FindToolDll();

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(ToolDll);
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
        using var process = Process.Start(StartInfo(environment, args))!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var result = new CliResult(process.ExitCode, await stdout, await stderr);
        TestContext.Out.WriteLine($"$ cfsecrets {string.Join(' ', args)}   (real process)\n{result}");
        return result;
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudflareSecrets.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (CloudflareSecrets.sln) is not above the test output.");
    }

    private static string FindToolDll()
    {
        // The test output is tests/<project>/bin/<Configuration>/net10.0/; the tool's is src/CloudflareSecrets.Cli/bin/<Configuration>/net10.0/.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string configuration = output.Parent!.Name;
        string dll = Path.Combine(FindRepositoryRoot(), "src", "CloudflareSecrets.Cli", "bin", configuration, output.Name, "cfsecrets.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The tool is not built for {configuration}.", dll);
    }
}
