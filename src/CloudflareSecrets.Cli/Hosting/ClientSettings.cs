namespace CloudflareSecrets.Cli.Hosting;

/// <summary>
/// Where the client's settings come from: flags first, then the variables the library and wrangler read. A credential
/// never comes from a flag's value (it would show in the process list and the shell history); only from the
/// environment or from a file named by <c>--api-token-file</c>.
/// </summary>
internal sealed record ClientSettings(string? ApiToken, string? Email, string? ApiKey, string AccountId, Uri BaseUrl)
{
    public static ClientSettings Resolve(CliHost host, string? accountIdFlag, string? baseUrlFlag, string? tokenFile)
    {
        string? token;
        string? email = null;
        string? key = null;
        if (tokenFile is not null)
        {
            token = ReadTokenFile(host, tokenFile);
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

    private static string ReadTokenFile(CliHost host, string path)
    {
        string full = Path.GetFullPath(path, host.WorkingDirectory);
        try
        {
            string token = File.ReadAllText(full).Trim();
            return token.Length > 0 ? token : throw new CliException($"The token file '{path}' is empty.", ExitCodes.Authentication);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot read the token file '{path}': {e.Message}.", ExitCodes.Authentication);
        }
    }

    private static string? Read(CliHost host, string name) =>
        host.Environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
