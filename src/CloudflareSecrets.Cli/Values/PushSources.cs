using System.CommandLine;
using CloudflareSecrets.Cli.Files;
using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Values;

/// <summary>
/// What <c>push</c> reads: a file (or stdin), the environment (<c>--from-env</c>, <c>--from-env-prefix</c>), or a .NET
/// project's user secrets (<c>--from-user-secrets</c>). Exactly one kind; each is read in full and checked before the
/// first request, so the plan, dry run, prune, quota check and exit codes are the same whatever the source.
/// </summary>
internal sealed class PushSources
{
    public Option<string[]> FromEnv { get; } = new("--from-env")
    {
        Description = "Push these environment variables (NAME,NAME... or repeated); each secret is named like its variable.",
        HelpName = "NAME,...",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> FromEnvPrefix { get; } = new("--from-env-prefix")
    {
        Description = "Push every environment variable whose name starts with PREFIX (case-sensitive), named without the prefix.",
        HelpName = "PREFIX",
    };

    public Option<bool> KeepPrefix { get; } = new("--keep-prefix")
    {
        Description = "With --from-env-prefix: keep the prefix in the secrets' names.",
    };

    public Option<string?> FromUserSecrets { get; } = new("--from-user-secrets")
    {
        Description = "Push a .NET project's 'dotnet user-secrets' (the project in this directory, a project file or directory, "
            + "or a UserSecretsId); ':' in keys becomes '__'.",
        HelpName = "PROJECT|ID",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(FromEnv);
        command.Options.Add(FromEnvPrefix);
        command.Options.Add(KeepPrefix);
        command.Options.Add(FromUserSecrets);
    }

    public async Task<IReadOnlyList<SecretsFileEntry>> ReadAsync(
        CliHost host, ParseResult result, string? file, string? format, CancellationToken cancellationToken)
    {
        string[] names =
        [
            .. (result.GetValue(FromEnv) ?? [])
                .SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
        ];
        bool fromEnv = result.GetResult(FromEnv) is not null;
        string? prefix = result.GetValue(FromEnvPrefix);
        bool fromUserSecrets = result.GetResult(FromUserSecrets) is not null;
        int kinds = (file is not null ? 1 : 0) + (fromEnv || prefix is not null ? 1 : 0) + (fromUserSecrets ? 1 : 0);
        if (kinds == 0)
        {
            throw new CliException(
                "Nothing to push: give FILE ('-' for stdin), --from-env NAME,..., --from-env-prefix PREFIX "
                + "or --from-user-secrets [PROJECT|ID].");
        }

        if (kinds > 1)
        {
            throw new CliException(
                "Give one source of secrets: FILE, the environment (--from-env, --from-env-prefix), or --from-user-secrets.");
        }

        if (result.GetValue(KeepPrefix) && prefix is null)
        {
            throw new CliException("--keep-prefix applies to --from-env-prefix only.");
        }

        if (format is not null && file is null)
        {
            throw new CliException("--format applies to FILE only.");
        }

        if (fromEnv && names.Length == 0)
        {
            throw new CliException("--from-env needs at least one variable name.");
        }

        if (file is not null)
        {
            return await SecretsFile.ReadAsync(host, file, format, cancellationToken);
        }

        IReadOnlyList<SecretsFileEntry> entries = fromUserSecrets
            ? await UserSecrets.ReadAsync(host, result.GetValue(FromUserSecrets), cancellationToken)
            : EnvironmentSecrets.Read(host, names, prefix, result.GetValue(KeepPrefix));

        // The same rules as for a file, before the first request: a problem names the secret, never its value.
        foreach (SecretsFileEntry entry in entries)
        {
            InputRules.Name(entry.Name, entry.Name);
            InputRules.Value(entry.Value, entry.Name);
        }

        return entries;
    }
}
