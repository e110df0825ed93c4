using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Tests.Support;

/// <summary>Runs the tool's entry in this process, with stdin, stdout, stderr and the environment captured.</summary>
public static class InProcessCli
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, string? stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost
        {
            Input = new StringReader(stdin ?? ""),
            Output = output,
            Error = error,
            InputIsTerminal = false,
            OutputIsTerminal = false,
            ErrorIsTerminal = false,
            Environment = name => environment.TryGetValue(name, out string? value) ? value : null,
            EnvironmentNames = () => environment.Keys,
            WorkingDirectory = TestContext.CurrentContext.WorkDirectory,
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        int exit = await CliApplication.RunAsync(args, host, timeout.Token);
        var result = new CliResult(exit, output.ToString(), error.ToString());
        TestContext.Out.WriteLine($"$ cfsecrets {string.Join(' ', args)}\n{result}");
        return result;
    }
}
