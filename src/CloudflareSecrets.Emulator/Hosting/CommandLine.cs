using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CloudflareSecrets.Emulator.Hosting;

/// <summary>One address to listen on, from <c>--urls</c>.</summary>
internal sealed record ListenAddress(string Url, string Host, int Port)
{
    public bool IsLoopback => Host == "localhost" || (IPAddress.TryParse(Host.Trim('[', ']'), out var ip) && Http.HostCheck.IsLoopback(ip));

    public void Apply(KestrelServerOptions kestrel)
    {
        if (IPAddress.TryParse(Host.Trim('[', ']'), out var ip))
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

/// <summary>The parsed command line of the standalone emulator.</summary>
internal sealed class CommandLine
{
    public const string DefaultUrl = "http://127.0.0.1:8787";

    public const string Usage = """
        Cloudflare Secrets Store emulator: an in-memory stand-in for the Secrets Store API on this machine.

        Usage: cloudflare-secrets-emulator [options]   (the .NET tool CloudflareSecrets.Emulator.Tool)
           or: dotnet run --project src/CloudflareSecrets.Emulator -- [options]   (in the repository)

        Options:
          --urls <url>[;<url>...]   Where to listen (default http://127.0.0.1:8787). http only.
          --allow-non-loopback      Allow addresses other than loopback (127.0.0.0/8, ::1, localhost). The emulator has
                                    no real security: only use this on a network you trust.
          --allowed-host <name>     Also answer requests whose Host header names this host (repeatable; '*' for any).
                                    By default only localhost, loopback addresses and the address a request arrived
                                    on are answered (a defence against DNS rebinding).
          --token <token>           Accept this API token (repeatable; replaces the default 'emulator-token').
          --email <email> --key <key>
                                    Accept this global API key pair (replaces dev@example.com / emulator-key).
          --max-stores <n>          Stores per account (default 1).
          --max-secrets <n>         Secrets per account (default 100).
          --request-budget <n>      Refuse requests past n per window with 429 (default: no budget).
          --request-window <s>      The budget window in seconds (default 300).
          --latency <time>          Hold every answer back this long, like a network round trip: 50ms, 0.2s or
                                    a number of milliseconds (default 0, at most 10s).
          --scope <name>            Accept this scope (repeatable; replaces the default workers, ai_gateway, dex,
                                    access, containers, websearch).
          --pending <s>             New secrets read 'pending' for s seconds before 'active' (default 0).
          --delete-delay <s>        Deleted secrets stay, reading 'deleted', for s seconds (default 0).
          --help                    Show this text.
        """;

    private static readonly Regex UrlPattern = new(
        @"^(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*)://(?<host>\[[^\]]+\]|[^:/\[\]]+)(?::(?<port>\d{1,5}))?/?$",
        RegexOptions.CultureInvariant);

    private CommandLine()
    {
    }

    public EmulatorOptions Options { get; } = new();

    public List<ListenAddress> Addresses { get; } = [];

    public bool AllowNonLoopback { get; private set; }

    public bool ShowHelp { get; private set; }

    /// <summary>Parses <paramref name="args"/>, or returns the reason it cannot (<paramref name="error"/>).</summary>
    public static CommandLine? TryParse(IReadOnlyList<string> args, out string? error)
    {
        var result = new CommandLine();
        var tokens = new List<string>();
        var scopes = new List<string>();
        string? email = null, key = null;
        int? budget = null, window = null;
        error = null;
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                string Next() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{arg} needs a value");
                switch (arg)
                {
                    case "--urls":
                        foreach (var url in Next().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        {
                            result.Addresses.Add(ParseUrl(url));
                        }

                        break;
                    case "--allow-non-loopback":
                        result.AllowNonLoopback = true;
                        break;
                    case "--allowed-host":
                        result.Options.AllowedHosts.Add(Next());
                        break;
                    case "--token":
                        tokens.Add(Next());
                        break;
                    case "--email":
                        email = Next();
                        break;
                    case "--key":
                        key = Next();
                        break;
                    case "--max-stores":
                        result.Options.MaxStoresPerAccount = ParseCount(arg, Next());
                        break;
                    case "--max-secrets":
                        result.Options.MaxSecretsPerAccount = ParseCount(arg, Next());
                        break;
                    case "--request-budget":
                        budget = ParseCount(arg, Next());
                        break;
                    case "--request-window":
                        window = ParseCount(arg, Next());
                        break;
                    case "--latency":
                        result.Options.Latency = ParseLatency(arg, Next());
                        break;
                    case "--scope":
                        scopes.Add(Next());
                        break;
                    case "--pending":
                        result.Options.PendingDuration = TimeSpan.FromSeconds(ParseCount(arg, Next()));
                        break;
                    case "--delete-delay":
                        result.Options.DeleteDelay = TimeSpan.FromSeconds(ParseCount(arg, Next()));
                        break;
                    case "--help" or "-h" or "-?":
                        result.ShowHelp = true;
                        break;
                    default:
                        throw new FormatException($"unknown option '{arg}'");
                }
            }

            if ((email is null) != (key is null))
            {
                throw new FormatException("--email and --key go together");
            }
        }
        catch (FormatException exception)
        {
            error = exception.Message;
            return null;
        }

        if (result.Addresses.Count == 0)
        {
            result.Addresses.Add(ParseUrl(DefaultUrl));
        }

        if (tokens.Count > 0)
        {
            result.Options.ApiTokens.Clear();
            result.Options.ApiTokens.UnionWith(tokens);
        }

        if (scopes.Count > 0)
        {
            result.Options.AcceptedScopes.Clear();
            result.Options.AcceptedScopes.UnionWith(scopes);
        }

        if (email is not null)
        {
            result.Options.GlobalApiKeys.Clear();
            result.Options.GlobalApiKeys[email] = key!;
        }

        if (budget is not null || window is not null)
        {
            result.Options.RequestBudget = new RequestBudget
            {
                Limit = budget ?? EmulatorSettings.CloudflareLimit,
                Window = window is null ? EmulatorSettings.CloudflareWindow : TimeSpan.FromSeconds(window.Value),
            };
        }

        return result;
    }

    private static ListenAddress ParseUrl(string url)
    {
        var match = UrlPattern.Match(url);
        if (!match.Success)
        {
            throw new FormatException($"'{url}' is not a URL of the form http://host:port");
        }

        if (!string.Equals(match.Groups["scheme"].Value, "http", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"'{url}': only http is supported (the emulator has no certificate)");
        }

        var port = match.Groups["port"].Success ? int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture) : 80;
        if (port > 65535)
        {
            throw new FormatException($"'{url}': port {port} is out of range");
        }

        return new ListenAddress(url, match.Groups["host"].Value.ToLowerInvariant(), port);
    }

    private static TimeSpan ParseLatency(string option, string value)
    {
        var (number, unit) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 1.0)
            : value.EndsWith('s') ? (value[..^1], 1000.0)
            : (value, 1.0);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            throw new FormatException($"{option} needs a duration such as 50ms or 0.2s (got '{value}')");
        }

        var latency = TimeSpan.FromMilliseconds(amount * unit);
        return latency <= EmulatorOptions.MaxLatency
            ? latency
            : throw new FormatException($"{option} must be at most {EmulatorOptions.MaxLatency.TotalSeconds:0}s (got '{value}')");
    }

    private static int ParseCount(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new FormatException($"{option} needs a non-negative integer (got '{value}')");
}
