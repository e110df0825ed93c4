using CloudflareSecrets.Cli.Files;

namespace CloudflareSecrets.Cli.Hosting;

/// <summary>
/// Where the client's settings come from: flags first, then the variables the library reads
/// (<see cref="SecretsStoreClientOptions.FromEnvironment(Func{string, string?})"/>, given the tool's environment), and
/// wrangler's name for the base URL. A credential never comes from a flag's value (it would show in the process list and
/// the shell history); only from the environment or from a file named by <c>--api-token-file</c>.
/// </summary>
internal sealed record ClientSettings(string? ApiToken, string? Email, string? ApiKey, string AccountId, Uri BaseUrl)
{
    /// <summary>The library's variable for the base URL, and wrangler's name for the same setting.</summary>
    private const string BaseUrlVariable = "CLOUDFLARE_BASE_URL";
    private const string WranglerBaseUrlVariable = "CLOUDFLARE_API_BASE_URL";

    public static async Task<ClientSettings> ResolveAsync(
        CliHost host, string? accountIdFlag, string? baseUrlFlag, string? tokenFile, CancellationToken cancellationToken)
    {
        // One environment serves both tools: where the library's base URL variable is unset, wrangler's is read.
        var options = SecretsStoreClientOptions.FromEnvironment(name =>
            Read(host, name) ?? (name == BaseUrlVariable ? Read(host, WranglerBaseUrlVariable) : null));
        if (tokenFile is not null)
        {
            // The file's token wins whole: an email or key in the environment does not join it.
            options.ApiToken = await ReadTokenFileAsync(host, tokenFile, cancellationToken);
            options.Email = null;
            options.ApiKey = null;
        }

        options.AccountId = accountIdFlag ?? options.AccountId
            ?? throw new CliException(
                "No account: set CLOUDFLARE_ACCOUNT_ID or pass --account-id ID "
                + $"(the {SecretsStoreLimits.MaxIdLength}-character id on the dashboard's account home).");
        if (baseUrlFlag is not null)
        {
            options.BaseUrl = Uri.TryCreate(baseUrlFlag, UriKind.Absolute, out Uri? baseUrl)
                ? baseUrl
                : throw new CliException("The base URL is not an absolute URL (from --base-url).");
        }

        Check(options);
        return new ClientSettings(options.ApiToken, options.Email, options.ApiKey, options.AccountId, options.BaseUrl);
    }

    public void ApplyTo(SecretsStoreClientOptions options)
    {
        options.ApiToken = ApiToken;
        options.Email = Email;
        options.ApiKey = ApiKey;
        options.AccountId = AccountId;
        options.BaseUrl = BaseUrl;
    }

    /// <summary>
    /// Refuses settings the library would refuse, before anything is sent. The problems are read by the setting they are
    /// about, never by their words: a credential's problem is an authentication failure (exit code 3), worded with the
    /// variables a user sets; any other is a usage error (2) in the library's words.
    /// </summary>
    internal static void Check(SecretsStoreClientOptions options)
    {
        IReadOnlyList<SecretsStoreOptionsProblem> problems = options.GetProblems();
        if (problems.Count == 0)
        {
            return;
        }

        bool token = !string.IsNullOrEmpty(options.ApiToken);
        bool globalKey = !string.IsNullOrEmpty(options.ApiKey) || !string.IsNullOrEmpty(options.Email);
        string? credentialProblem = (token, globalKey) switch
        {
            (false, false) =>
                "No credentials: set CLOUDFLARE_API_TOKEN (or pass --api-token-file PATH), or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY.",
            (true, true) => "Both CLOUDFLARE_API_TOKEN and CLOUDFLARE_EMAIL/CLOUDFLARE_API_KEY are set: "
                + "unset one kind (the token is the recommended one).",
            _ => null,
        };

        // A half pair or a credential with white space is as wrong as none: it would fail at Cloudflare, so it fails here.
        bool credentials = credentialProblem is not null || problems.Any(IsCredential);
        throw new CliException(
            credentialProblem ?? string.Join(Environment.NewLine, problems.Select(p => p.Message)),
            credentials ? ExitCodes.Authentication : ExitCodes.Usage);
    }

    private static bool IsCredential(SecretsStoreOptionsProblem problem) =>
        problem.Property is nameof(SecretsStoreClientOptions.ApiToken)
            or nameof(SecretsStoreClientOptions.Email)
            or nameof(SecretsStoreClientOptions.ApiKey);

    private static async Task<string> ReadTokenFileAsync(CliHost host, string path, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(path, host.WorkingDirectory);
        string token;
        CliException TooLarge() => new(
            $"The token file '{path}' is larger than {BoundedInput.MaxTokenFileBytes:N0} bytes; it should hold one API token.",
            ExitCodes.Authentication);
        try
        {
            token = (await BoundedInput.ReadFileAsync(full, BoundedInput.MaxTokenFileBytes, TooLarge, cancellationToken)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string at = path.StartsWith('@') ? " ('@' is part of the path: give the file's path without it)" : "";
            throw new CliException($"Cannot read the token file '{path}'{at}: {e.Message}", ExitCodes.Authentication);
        }

        if (token.Length == 0)
        {
            throw new CliException($"The token file '{path}' is empty.", ExitCodes.Authentication);
        }

        WarnIfOthersCanRead(host, path, full);
        return token;
    }

    /// <summary>A warning, not an error (ssh refuses such a key file; a token works the same whoever else can read it).</summary>
    private static void WarnIfOthersCanRead(CliHost host, string path, string full)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        UnixFileMode mode = File.GetUnixFileMode(full);
        if ((mode & others) != 0)
        {
            string octal = Convert.ToString((int)mode & 0b111_111_111, 8);
            host.Error.WriteLine(Output.TerminalText.Neutralise(
                $"warning: the token file '{path}' can be read or changed by other users (mode {octal}); chmod 600 it."));
        }
    }

    private static string? Read(CliHost host, string name) =>
        host.Environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
