using System.Diagnostics;

namespace CloudflareSecrets.Cli.Tests.Support;

/// <summary>
/// wrangler as tests/wrangler's lock file pins it (installed by <c>npm ci</c> there, as CI does). Where it is not
/// installed the tests that need it are ignored with the reason, except on CI (<c>CI=true</c>), where that fails them.
/// </summary>
public static class WranglerProcess
{
    public static string Executable { get; } =
        RepositoryPaths.Of("tests", "wrangler", "node_modules", ".bin", OperatingSystem.IsWindows() ? "wrangler.cmd" : "wrangler");

    /// <summary>Ignores the test (outside CI) or fails it (on CI) when wrangler is not installed.</summary>
    public static void RequireInstalled()
    {
        if (File.Exists(Executable))
        {
            return;
        }

        string reason = $"wrangler is not installed: run 'npm ci' in tests/wrangler (looked for {Executable}).";
        ChildProcess.Unavailable(onCi: reason + " CI must run the wrangler tests.", elsewhere: reason);
    }

    /// <summary>The environment wrangler runs with in tests: no telemetry, its own home, nothing of the user's.</summary>
    public static Dictionary<string, string> Environment(string home) => new()
    {
        ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "",
        ["HOME"] = home,
        ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
        ["WRANGLER_SEND_METRICS"] = "false",
        ["NO_COLOR"] = "1",
        ["FORCE_COLOR"] = "0",
    };

    /// <summary>Runs <c>wrangler ARGS</c> in <paramref name="directory"/>, bounded by 120 s.</summary>
    public static async Task<CliResult> RunAsync(string directory, params string[] args)
    {
        var start = new ProcessStartInfo(Executable) { WorkingDirectory = directory };
        args.ToList().ForEach(start.ArgumentList.Add);
        start.Environment.Clear();
        foreach ((string name, string value) in Environment(Path.Combine(directory, ".home")))
        {
            start.Environment[name] = value;
        }

        ProcessResult run = await ChildProcess.RunAsync(start, stdin: null, TimeSpan.FromSeconds(120));
        var result = new CliResult(run.ExitCode, run.Stdout, run.Stderr);
        TestContext.Out.WriteLine($"$ wrangler {string.Join(' ', args)}\n{result}");
        return result;
    }
}
