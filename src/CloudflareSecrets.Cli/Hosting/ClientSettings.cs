using CloudflareSecrets.Cli.Files;

namespace CloudflareSecrets.Cli.Hosting;

/// <summary>
/// Where the client's settings come from: flags first, then the variables the library and wrangler read. A credential
/// never comes from a flag's value (it would show in the process list and the shell history); only from the
/// environment or from a file named by <c>--api-token-file</c>.
/// </summary>
internal sealed record ClientSettings(string? ApiToken, string? Email, string? ApiKey, string AccountId, Uri BaseUrl)
{
    public static async Task<ClientSettings> ResolveAsync(CliHost host, string? accountIdFlag, string? baseUrlFlag, string? tokenFile, CancellationToken cancellationToken)
    {
        string? token;
        string? email = null;
        string? key = null;
        if (tokenFile is not null)
        {
            token = await ReadTokenFileAsync(host, tokenFile, cancellationToken);
        }
        else
        {
            token = Read(host, "CLOUDFLARE_API_TOKEN");
            email = Read(host, "CLOUDFLARE_EMAIL");
            key = Read(host, "CLOUDFLARE_API_KEY");
        }

        string accountId = accountIdFlag ?? Read(host, "CLOUDFLARE_ACCOUNT_ID")
            ?? throw new CliException("No account: set CLOUDFLARE_ACCOUNT_ID or pass --account-id ID (the 32-character id on the dashboard's account home).");

        // CLOUDFLARE_API_BASE_URL is wrangler's name for the same setting, so one environment serves both tools.
        string baseUrlText = baseUrlFlag ?? Read(host, "CLOUDFLARE_BASE_URL") ?? Read(host, "CLOUDFLARE_API_BASE_URL") ?? SecretsStoreClientOptions.DefaultBaseUrl;
        if (!Uri.TryCreate(baseUrlText, UriKind.Absolute, out Uri? baseUrl))
        {
            throw new CliException($"The base URL is not an absolute URL (from {(baseUrlFlag is null ? "the environment" : "--base-url")}).");
        }

        var settings = new ClientSettings(token, email, key, accountId, baseUrl);
        settings.Check();
        return settings;
    }

    public void ApplyTo(SecretsStoreClientOptions options)
    {
        options.ApiToken = ApiToken;
        options.Email = Email;
        options.ApiKey = ApiKey;
        options.AccountId = AccountId;
        options.BaseUrl = BaseUrl;
    }

    private void Check()
    {
        var options = new SecretsStoreClientOptions();
        ApplyTo(options);
        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count == 0)
        {
            return;
        }

        bool token = !string.IsNullOrEmpty(ApiToken);
        bool globalKey = !string.IsNullOrEmpty(ApiKey) || !string.IsNullOrEmpty(Email);
        string? credentialProblem = (token, globalKey) switch
        {
            (false, false) => "No credentials: set CLOUDFLARE_API_TOKEN (or pass --api-token-file PATH), or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY.",
            (true, true) => "Both CLOUDFLARE_API_TOKEN and CLOUDFLARE_EMAIL/CLOUDFLARE_API_KEY are set: unset one kind (the token is the recommended one).",
            _ => null,
        };

        // A half pair or a credential with white space is as wrong as none: it would fail at Cloudflare, so it fails here.
        bool credentials = credentialProblem is not null
            || problems.Any(p => p.Contains("ApiToken", StringComparison.Ordinal) || p.Contains("ApiKey", StringComparison.Ordinal) || p.Contains("Email", StringComparison.Ordinal));
        throw new CliException(credentialProblem ?? string.Join(Environment.NewLine, problems), credentials ? ExitCodes.Authentication : ExitCodes.Usage);
    }

    private static async Task<string> ReadTokenFileAsync(CliHost host, string path, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(path, host.WorkingDirectory);
        string token;
        try
        {
            token = (await BoundedInput.ReadFileAsync(full, BoundedInput.MaxTokenFileBytes, () => new CliException($"The token file '{path}' is larger than {BoundedInput.MaxTokenFileBytes:N0} bytes; it should hold one API token.", ExitCodes.Authentication), cancellationToken)).Trim();
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
            host.Error.WriteLine(Output.TerminalText.Neutralise($"warning: the token file '{path}' can be read or changed by other users (mode {octal}); chmod 600 it."));
        }
    }

    private static string? Read(CliHost host, string name) =>
        host.Environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
