namespace CloudflareSecrets.Cli.Hosting;

/// <summary>A failure the tool itself detects, with the exit code it ends with. Its message never holds a secret value.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.Usage) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException NotFound(string message) => new(message, ExitCodes.NotFound);
}
