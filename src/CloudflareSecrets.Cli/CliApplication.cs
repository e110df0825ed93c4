using System.CommandLine;
using CloudflareSecrets.Cli.Commands;
using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli;

/// <summary>The tool's entry: parses, runs one command, and maps every outcome to an exit code.</summary>
internal static class CliApplication
{
    // Options that would put a secret on the command line. They are refused before parsing, so neither a parse
    // error nor anything else ever echoes what followed them.
    private static readonly (string Option, string Instead)[] Refused =
    [
        ("--value", "pipe the value on stdin, or use --value-file PATH, --value-env VAR, or the hidden prompt"),
        ("--api-token", "set CLOUDFLARE_API_TOKEN or use --api-token-file PATH"),
        ("--token", "set CLOUDFLARE_API_TOKEN or use --api-token-file PATH"),
        ("--api-key", "set CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY"),
    ];

    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken = default)
    {
        foreach (string arg in args.TakeWhile(a => a != "--"))
        {
            foreach ((string option, string instead) in Refused)
            {
                if (arg == option || arg.StartsWith(option + "=", StringComparison.Ordinal))
                {
                    host.Error.WriteLine($"error: {option} is refused: a secret given as an argument is visible to other users in the process list and stays in the shell history; {instead}.");
                    return ExitCodes.Usage;
                }
            }
        }

        RootCommand root = Build(host);
        ParseResult result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                host.Error.WriteLine($"error: {error.Message}");
            }

            host.Error.WriteLine("Run 'cfsecrets --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await result.InvokeAsync(new InvocationConfiguration
            {
                Output = host.Output,
                Error = host.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = host.HandleTermination ? TimeSpan.FromSeconds(2) : null,
            }, cancellationToken);
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, host.Error);
        }
    }

    private static RootCommand Build(CliHost host)
    {
        var global = new GlobalOptions(host);
        var root = new RootCommand("cfsecrets: Cloudflare Secrets Store from the command line. Values are read from stdin, a file, an environment variable or a hidden prompt, never from arguments.");
        global.AddTo(root);
        root.Subcommands.Add(QuotaCommand.Create(global));
        root.Subcommands.Add(StoreCommands.Create(global));
        var secret = new Command("secret", "List, show, create, update, duplicate and delete secrets.");
        secret.Subcommands.Add(SecretReadCommands.List(global));
        secret.Subcommands.Add(SecretReadCommands.Get(global));
        secret.Subcommands.Add(SecretWriteCommands.Create(global));
        secret.Subcommands.Add(SecretWriteCommands.Update(global));
        secret.Subcommands.Add(SecretWriteCommands.Duplicate(global));
        secret.Subcommands.Add(SecretWriteCommands.Delete(global));
        root.Subcommands.Add(secret);
        root.Subcommands.Add(SetCommand.Create(global));
        root.Subcommands.Add(PushCommand.Create(global));
        return root;
    }
}
