using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CloudflareSecrets.Emulator.Hosting;

/// <summary>One address to listen on, from <c>--urls</c>.</summary>
internal sealed record ListenAddress(string Url, string Host, int Port)
{
    public bool IsLoopback =>
        Host == "localhost" || (IPAddress.TryParse(Host.Trim('[', ']'), out IPAddress? ip) && Http.HostCheck.IsLoopback(ip));

    public void Apply(KestrelServerOptions kestrel)
    {
        if (IPAddress.TryParse(Host.Trim('[', ']'), out IPAddress? ip))
        {
            // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) cannot be bound as such: the socket is the IPv4 one it maps to.
            kestrel.Listen(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip, Port);
        }
        else if (Host == "localhost")
        {
            // Kestrel cannot pick a free port for "localhost" (two sockets), so port 0 means IPv4 loopback only.
            if (Port == 0)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
            else
            {
                kestrel.ListenLocalhost(Port);
            }
        }
        else
        {
            // "*", "+" or a host name: Kestrel itself binds every interface for these.
            kestrel.ListenAnyIP(Port);
        }
    }
}

/// <summary>
/// The parsed command line of the standalone emulator, on System.CommandLine (as the command-line tool's). The options
/// fill an <see cref="EmulatorOptions"/>; a repeatable option (<c>--urls</c>, <c>--token</c>, <c>--scope</c>,
/// <c>--allowed-host</c>) replaces the default with every value given.
/// </summary>
internal sealed class CommandLine
{
    public const string DefaultUrl = "http://127.0.0.1:8787";

    private const string Description = """
        Cloudflare Secrets Store emulator: an in-memory stand-in for the Secrets Store API on this machine.
        Run as cloudflare-secrets-emulator (the .NET tool CloudflareSecrets.Emulator.Tool) or, in the repository,
        dotnet run --project src/CloudflareSecrets.Emulator -- [options].
        """;

    private static readonly Regex UrlPattern = new(
        @"^(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*)://(?<host>\[[^\]]+\]|[^:/\[\]]+)(?::(?<port>\d{1,5}))?/?$",
        RegexOptions.CultureInvariant);

    // No response files: an '@name' argument is a value (a token, a host), never a file to read more arguments from.
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    private static readonly Option<List<ListenAddress>> Urls = new("--urls")
    {
        Description = "Where to listen (default " + DefaultUrl + "; port 0 picks a free one). http only.",
        HelpName = "url[;url...]",
        CustomParser = ParseUrls,
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<bool> AllowNonLoopbackOption = new("--allow-non-loopback")
    {
        Description = "Allow addresses other than loopback (127.0.0.0/8, ::1, localhost). "
            + "The emulator has no real security: only use this on a network you trust.",
    };

    private static readonly Option<string[]> AllowedHosts = new("--allowed-host")
    {
        Description = "Also answer requests whose Host header names this host (repeatable; '*' for any). By default only "
            + "localhost, loopback addresses and the address a request arrived on are answered (a defence against DNS rebinding).",
        HelpName = "name",
    };

    private static readonly Option<string[]> Tokens = new("--token")
    {
        Description = "Accept this API token (repeatable; replaces the default '" + EmulatorOptions.DefaultApiToken + "').",
        HelpName = "token",
    };

    private static readonly Option<string> Email = new("--email")
    {
        Description = "With --key: accept this global API key pair (replaces "
            + EmulatorOptions.DefaultEmail + " / " + EmulatorOptions.DefaultApiKey + ").",
        HelpName = "email",
    };

    private static readonly Option<string> Key =
        new("--key") { Description = "The global API key that goes with --email.", HelpName = "key" };

    private static readonly Option<int?> MaxStores =
        Count("--max-stores", "n", $"Stores per account (default {SecretsStoreLimits.MaxStoresPerAccount}, Cloudflare's).");

    private static readonly Option<int?> MaxSecrets =
        Count("--max-secrets", "n", $"Secrets per account (default {SecretsStoreLimits.MaxSecretsPerAccount}, Cloudflare's).");

    private static readonly Option<int?> Budget =
        Count("--request-budget", "n", "Refuse requests past n per window with 429 (default: no budget).");

    private static readonly Option<int?> Window = Count("--request-window", "s", "The budget window in seconds (default 300).");

    private static readonly Option<TimeSpan?> Latency = new("--latency")
    {
        Description = "Hold every answer back this long, like a network round trip: 50ms, 0.2s or a number of milliseconds "
            + "(default 0, at most 10s).",
        HelpName = "time",
        CustomParser = ParseLatency,
    };

    private static readonly Option<string[]> Scopes = new("--scope")
    {
        Description = "Accept this scope (repeatable; replaces the default " + string.Join(", ", EmulatorOptions.DefaultScopes) + ").",
        HelpName = "name",
    };

    private static readonly Option<int?> Pending =
        Count("--pending", "s", "New secrets read 'pending' for s seconds before 'active' (default 0).");

    private static readonly Option<int?> DeleteDelay =
        Count("--delete-delay", "s", "Deleted secrets stay, reading 'deleted', for s seconds (default 0).");

    private static readonly Command Root = Build();

    private CommandLine(ParseResult parse)
    {
        Parse = parse;
    }

    /// <summary>The help text <c>--help</c> prints.</summary>
    public static string Usage
    {
        get
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            Root.Parse(["--help"], Parsing).Invoke(new InvocationConfiguration { Output = writer });
            return writer.ToString();
        }
    }

    public EmulatorOptions Options { get; } = new();

    public List<ListenAddress> Addresses { get; } = [];

    public bool AllowNonLoopback { get; private set; }

    public bool ShowHelp => Parse.Action is HelpAction;

    private ParseResult Parse { get; }

    /// <summary>Parses <paramref name="args"/>, or returns the reason it cannot (<paramref name="error"/>).</summary>
    public static CommandLine? TryParse(IReadOnlyList<string> args, out string? error)
    {
        ParseResult parse = Root.Parse(args, Parsing);
        if (parse.Errors.Count > 0)
        {
            error = string.Join("; ", parse.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal));
            return null;
        }

        error = null;
        var result = new CommandLine(parse) { AllowNonLoopback = parse.GetValue(AllowNonLoopbackOption) };
        result.Addresses.AddRange(parse.GetValue(Urls) is { Count: > 0 } urls ? urls : [ParseUrl(DefaultUrl)]);
        EmulatorOptions options = result.Options;
        options.AllowedHosts.UnionWith(parse.GetValue(AllowedHosts) ?? []);
        Replace(options.ApiTokens, parse.GetValue(Tokens));
        Replace(options.AcceptedScopes, parse.GetValue(Scopes));
        if (parse.GetValue(Email) is { } email && parse.GetValue(Key) is { } key)
        {
            options.GlobalApiKeys.Clear();
            options.GlobalApiKeys[email] = key;
        }

        options.MaxStoresPerAccount = parse.GetValue(MaxStores) ?? options.MaxStoresPerAccount;
        options.MaxSecretsPerAccount = parse.GetValue(MaxSecrets) ?? options.MaxSecretsPerAccount;
        options.Latency = parse.GetValue(Latency) ?? options.Latency;
        options.PendingDuration = parse.GetValue(Pending) is { } pending ? TimeSpan.FromSeconds(pending) : options.PendingDuration;
        options.DeleteDelay = parse.GetValue(DeleteDelay) is { } delay ? TimeSpan.FromSeconds(delay) : options.DeleteDelay;
        int? budget = parse.GetValue(Budget);
        int? window = parse.GetValue(Window);
        if (budget is not null || window is not null)
        {
            options.RequestBudget = new RequestBudget
            {
                Limit = budget ?? EmulatorSettings.CloudflareLimit,
                Window = window is null ? EmulatorSettings.CloudflareWindow : TimeSpan.FromSeconds(window.Value),
            };
        }

        return result;
    }

    /// <summary>Writes the help text, as the parse found <c>--help</c> (<see cref="ShowHelp"/>).</summary>
    public void WriteHelp(TextWriter output) => Parse.Invoke(new InvocationConfiguration { Output = output });

    private static Command Build()
    {
        var root = new Command("cloudflare-secrets-emulator", Description)
        {
            Urls, AllowNonLoopbackOption, AllowedHosts, Tokens, Email, Key, MaxStores, MaxSecrets, Budget, Window, Latency,
            Scopes, Pending, DeleteDelay, new HelpOption { Action = new HelpAction { MaxWidth = 120 } },
        };
        root.Validators.Add(result =>
        {
            if ((result.GetResult(Email) is null) != (result.GetResult(Key) is null))
            {
                result.AddError("--email and --key go together");
            }
        });
        return root;
    }

    private static void Replace(ISet<string> set, string[]? values)
    {
        if (values is { Length: > 0 })
        {
            set.Clear();
            set.UnionWith(values);
        }
    }

    private static Option<int?> Count(string name, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result =>
        {
            string value = result.Tokens.Single().Value;
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            {
                return count;
            }

            result.AddError($"{name} needs a non-negative integer (got '{value}')");
            return null;
        },
    };

    private static List<ListenAddress> ParseUrls(ArgumentResult result)
    {
        var addresses = new List<ListenAddress>();
        try
        {
            foreach (Token token in result.Tokens)
            {
                foreach (string url in token.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    addresses.Add(ParseUrl(url));
                }
            }
        }
        catch (FormatException exception)
        {
            result.AddError(exception.Message);
        }

        return addresses;
    }

    private static ListenAddress ParseUrl(string url)
    {
        Match match = UrlPattern.Match(url);
        if (!match.Success)
        {
            throw new FormatException($"'{url}' is not a URL of the form http://host:port");
        }

        if (!string.Equals(match.Groups["scheme"].Value, "http", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"'{url}': only http is supported (the emulator has no certificate)");
        }

        int port = match.Groups["port"].Success ? int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture) : 80;
        if (port > 65535)
        {
            throw new FormatException($"'{url}': port {port} is out of range");
        }

        return new ListenAddress(url, match.Groups["host"].Value.ToLowerInvariant(), port);
    }

    private static TimeSpan? ParseLatency(ArgumentResult result)
    {
        string value = result.Tokens.Single().Value;
        (string? number, double unit) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 1.0)
            : value.EndsWith('s') ? (value[..^1], 1000.0)
            : (value, 1.0);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount))
        {
            result.AddError($"--latency needs a duration such as 50ms or 0.2s (got '{value}')");
            return null;
        }

        var latency = TimeSpan.FromMilliseconds(amount * unit);
        if (latency > EmulatorOptions.MaxLatency)
        {
            result.AddError($"--latency must be at most {EmulatorOptions.MaxLatency.TotalSeconds:0}s (got '{value}')");
            return null;
        }

        return latency;
    }
}
