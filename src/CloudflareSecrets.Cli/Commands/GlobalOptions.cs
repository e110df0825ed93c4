using System.CommandLine;
using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Commands;

/// <summary>The options every command takes, and how a command that talks to Cloudflare gets its session.</summary>
internal sealed class GlobalOptions(CliHost host)
{
    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write the documented JSON shape to stdout instead of a table.",
        Recursive = true,
    };

    public Option<string?> AccountId { get; } = new("--account-id")
    {
        Description = "The account (default: CLOUDFLARE_ACCOUNT_ID).",
        HelpName = "ID",
        Recursive = true,
    };

    public Option<string?> BaseUrl { get; } = new("--base-url")
    {
        Description = "The API root (default: CLOUDFLARE_BASE_URL, CLOUDFLARE_API_BASE_URL, or Cloudflare's).",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string?> TokenFile { get; } = new("--api-token-file")
    {
        Description = "Read the API token from this file (default: CLOUDFLARE_API_TOKEN).",
        HelpName = "PATH",
        Recursive = true,
    };

    public CliHost Host { get; } = host;

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Json);
        root.Options.Add(AccountId);
        root.Options.Add(BaseUrl);
        root.Options.Add(TokenFile);
    }

    /// <summary>Runs <paramref name="body"/> with a session built from the parsed options.</summary>
    public void SetAction(Command command, Func<CliSession, ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (result, cancellationToken) =>
        {
            ClientSettings settings = await ClientSettings.ResolveAsync(
                Host, result.GetValue(AccountId), result.GetValue(BaseUrl), result.GetValue(TokenFile), cancellationToken);
            await using var session = CliSession.Create(Host, settings, result.GetValue(Json));
            return await body(session, result, cancellationToken);
        });

    /// <summary>A <c>--store</c> option for the commands that work in a store.</summary>
    public static Option<string?> StoreOption() =>
        new("--store") { Description = "The store's id or name (default: the account's only store).", HelpName = "ID|NAME" };

    /// <summary>Scopes, repeated or comma-separated: <c>--scopes workers,ai_gateway</c> or <c>--scopes workers --scopes dex</c>.</summary>
    public static Option<string[]> ScopesOption(string name, string description, bool required = false) =>
        new(name) { Description = description, HelpName = "SCOPE,...", Required = required, AllowMultipleArgumentsPerToken = false };

    public static IReadOnlyList<string>? Scopes(ParseResult result, Option<string[]> option)
    {
        string[]? raw = result.GetValue(option);
        if (raw is null || raw.Length == 0)
        {
            return null;
        }

        string[] scopes =
        [
            .. raw.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Distinct(StringComparer.Ordinal),
        ];
        foreach (string scope in scopes)
        {
            Values.InputRules.Scope(scope, option.Name);
        }

        return scopes.Length > 0 ? scopes : throw new CliException($"{option.Name} needs at least one scope, such as workers.");
    }
}
