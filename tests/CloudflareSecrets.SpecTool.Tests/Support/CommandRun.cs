namespace CloudflareSecrets.SpecTool.Tests.Support;

/// <summary>The outcome of one <see cref="SpecToolCommand.Run"/> call.</summary>
internal sealed record CommandRun(int ExitCode, string Stdout, string Stderr)
{
    public static CommandRun Of(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        int exitCode = SpecToolCommand.Run(args, stdout, stderr);
        return new CommandRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// Runs the tool on <paramref name="input"/> with <paramref name="overlay"/>, writing into <paramref name="outputDirectory"/>.
    /// </summary>
    public static CommandRun Extract(string input, string overlay, string outputDirectory) =>
        Of("--input", input, "--overlay", overlay,
           "--output", Path.Combine(outputDirectory, OutputName), "--source", Path.Combine(outputDirectory, SourceName));

    public const string OutputName = "secrets-store.openapi.json";

    public const string SourceName = "source.json";
}
