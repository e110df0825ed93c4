using System.CommandLine;
using System.CommandLine.Parsing;
using CloudflareSecrets.Cli.Commands;
using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli;

/// <summary>The tool's entry: parses, runs one command, and maps every outcome to an exit code.</summary>
internal static class CliApplication
{
    // Options that would put a secret on the command line, by their key: the name lowercased without dashes and
    // underscores. They are refused before parsing, so neither a parse error nor anything else ever echoes what
    // followed them.
    private static readonly (string Key, string Option, string Instead)[] Refused =
    [
        ("value", "--value", "pipe the value on stdin, or use --value-file PATH, --value-env VAR, or the hidden prompt"),
        ("apitoken", "--api-token", "set CLOUDFLARE_API_TOKEN or use --api-token-file PATH"),
        ("token", "--token", "set CLOUDFLARE_API_TOKEN or use --api-token-file PATH"),
        ("apikey", "--api-key", "set CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY"),
    ];

    // No response files: System.CommandLine would read '@PATH' as more arguments, so '--value-file @secret.txt' (a curl
    // habit) printed the value in an error, and a file holding '--value X' got past the refusal above.
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken = default)
    {
        RootCommand root = Build(host);
        HashSet<string> names = SymbolNames(root);
        // Every argument, those after '--' too: a secret there is on the command line all the same, and would be sent
        // and shown as a name ('secret get -- --value=S').
        foreach (string arg in args)
        {
            if (RefusedOption(arg, names) is var (option, instead))
            {
                host.Error.WriteLine(
                    $"error: {option} is refused (in any spelling): a secret given as an argument is visible to other users "
                    + $"in the process list and stays in the shell history; {instead}.");
                return ExitCodes.Usage;
            }
        }

        ParseResult result = root.Parse(args, Parsing);
        if (result.Errors.Count > 0)
        {
            foreach (ParseError error in result.Errors)
            {
                host.Error.WriteLine(
                    Output.TerminalText.NeutraliseLines($"error: {ParseErrors.Redact(error.Message, args, result.Tokens, names)}"));
            }

            host.Error.WriteLine(
                "Run 'cfsecrets --help' for usage. Arguments are counted from 1 after 'cfsecrets'; "
                + "their text is never repeated, as it could be a secret.");
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
        var root = new RootCommand(
            "cfsecrets: Cloudflare Secrets Store from the command line. Values are read from stdin, a file, "
            + "an environment variable or a hidden prompt, never from arguments.");
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
        root.Subcommands.Add(BindingsCommand.Create(global));
        return root;
    }

    /// <summary>
    /// The refused option an argument spells, if any: <c>--value</c>, <c>--value=X</c>, <c>--value:X</c> (which
    /// System.CommandLine splits), any case (<c>--VALUE</c>), one dash (<c>-value</c>), <c>_</c> for <c>-</c>
    /// (<c>--api_token</c>), the short <c>-v</c>, and one typo away (<c>--valeu</c>, <c>--values</c>), which would
    /// otherwise be an unknown option followed by a repeated value. The tool's own options (<c>--value-file</c>) pass.
    /// </summary>
    internal static (string Option, string Instead)? RefusedOption(string arg, IReadOnlySet<string> knownNames)
    {
        if (arg.Length < 2 || arg[0] != '-')
        {
            return null;
        }

        int end = arg.IndexOfAny([':', '=']);
        string flag = end < 0 ? arg : arg[..end];
        if (knownNames.Contains(flag))
        {
            return null;
        }

        string key = string.Concat(flag.TrimStart('-').Where(c => c is not ('-' or '_'))).ToLowerInvariant();
        if (key == "v")
        {
            key = "value";
        }

        foreach ((string refusedKey, string option, string instead) in Refused)
        {
            if (key == refusedKey || (key.Length >= 4 && EditDistanceAtMostOne(key, refusedKey)))
            {
                return (option, instead);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether one insertion, deletion, substitution or swap of neighbours turns <paramref name="a"/> into <paramref name="b"/>.
    /// </summary>
    private static bool EditDistanceAtMostOne(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (i == a.Length && i == b.Length)
        {
            return true;
        }

        return a.Length == b.Length
            ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))
                || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)))
            : a.Length > b.Length
                ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i))
                : a.AsSpan(i).SequenceEqual(b.AsSpan(i + 1));
    }

    /// <summary>Every command name and option alias of the tree: the words a parse error may repeat.</summary>
    private static HashSet<string> SymbolNames(Command root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Command>([root]);
        while (pending.TryPop(out Command? command))
        {
            names.Add(command.Name);
            names.UnionWith(command.Aliases);
            foreach (Option option in command.Options)
            {
                names.Add(option.Name);
                names.UnionWith(option.Aliases);
            }

            foreach (Command sub in command.Subcommands)
            {
                pending.Push(sub);
            }
        }

        return names;
    }
}
