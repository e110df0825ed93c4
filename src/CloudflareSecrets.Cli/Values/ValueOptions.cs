using System.CommandLine;
using CloudflareSecrets.Cli.Files;
using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Values;

/// <summary>
/// Where a secret value comes from: stdin, a file, an environment variable, or a prompt that does not echo; never a
/// command-line argument, which other users can read in the process list and which the shell keeps in its history.
/// </summary>
internal sealed class ValueOptions
{
    public Option<string?> File { get; } = new("--value-file")
    {
        Description = "Read the value from this file ('-' for stdin); one final line break is dropped.",
        HelpName = "PATH",
    };

    public Option<string?> Env { get; } = new("--value-env")
    {
        Description = "Read the value from this environment variable.",
        HelpName = "VAR",
    };

    public Option<bool> Stdin { get; } = new("--value-stdin")
    {
        Description = "Read the value from stdin (the default when stdin is not a terminal).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(File);
        command.Options.Add(Env);
        command.Options.Add(Stdin);
    }

    /// <summary>Whether the command line names a value source.</summary>
    public bool Given(ParseResult result) =>
        result.GetValue(File) is not null || result.GetValue(Env) is not null || result.GetValue(Stdin);

    /// <summary>Reads the value from the named source, else stdin when it is redirected, else the prompt.</summary>
    public async Task<string> ReadAsync(ParseResult result, CliHost host, string secretName, CancellationToken cancellationToken)
    {
        string? file = result.GetValue(File);
        string? env = result.GetValue(Env);
        bool stdin = result.GetValue(Stdin);
        if ((file is not null ? 1 : 0) + (env is not null ? 1 : 0) + (stdin ? 1 : 0) > 1)
        {
            throw new CliException("Give one value source: --value-file, --value-env or --value-stdin.");
        }

        string value;
        if (env is not null)
        {
            value = host.Environment(env) ?? throw new CliException($"The environment variable '{env}' (--value-env) is not set.");
        }
        else if (file is not null && file != "-")
        {
            value = DropFinalLineBreak(await ReadFileAsync(host, file, cancellationToken));
        }
        else if (stdin || file == "-" || !host.InputIsTerminal)
        {
            value = DropFinalLineBreak(
                await BoundedInput.ReadAsync(host.Input, BoundedInput.MaxValueInputBytes, () => TooLarge("stdin"), cancellationToken));
            if (value.Length == 0)
            {
                throw new CliException("No value on stdin: pipe it in, or use --value-file PATH or --value-env VAR.");
            }
        }
        else if (host.PromptSecret is { } prompt)
        {
            value = await prompt($"Value for {secretName} (not shown):", cancellationToken);
        }
        else
        {
            throw new CliException("No value: pipe it on stdin, or use --value-file PATH or --value-env VAR.");
        }

        if (value.Length == 0)
        {
            throw new CliException($"The value for {secretName} is empty.");
        }

        // Checked here, before the command looks up (or creates) a store: bad input sends nothing.
        return InputRules.Value(value, $"The value for {secretName}");
    }

    private static async Task<string> ReadFileAsync(CliHost host, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await BoundedInput.ReadFileAsync(
                Path.GetFullPath(path, host.WorkingDirectory),
                BoundedInput.MaxValueInputBytes,
                () => TooLarge("the value file"),
                cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // '@' is an ordinary character here (no response files), which someone used to curl may not expect.
            string at = path.StartsWith('@') ? " ('@' is part of the path: give the file's path without it)" : "";
            throw new CliException($"Cannot read the value file '{path}'{at}: {e.Message}");
        }
    }

    private static CliException TooLarge(string source) =>
        new($"The value from {source} is larger than {SecretsStoreLimits.MaxValueBytes:N0} bytes, the most a secret holds; "
            + "reading stopped there.");

    // `echo value | cfsecrets ...` and editors end the text with a line break nobody means as part of the secret.
    private static string DropFinalLineBreak(string text) =>
        text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
}
