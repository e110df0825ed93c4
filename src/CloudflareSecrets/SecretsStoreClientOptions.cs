using CloudflareSecrets.Internal;

namespace CloudflareSecrets;

/// <summary>
/// Settings of <see cref="SecretsStoreClient"/>: the credentials (an API token, or an email plus a global API key,
/// never both), the default account, and the API's base URL. <see cref="ToString"/> never shows a credential.
/// </summary>
public sealed class SecretsStoreClientOptions
{
    /// <summary>Cloudflare's API base URL.</summary>
    public const string DefaultBaseUrl = "https://api.cloudflare.com/client/v4/";

    /// <summary>
    /// The most characters <see cref="ApiToken"/>, <see cref="ApiKey"/> and <see cref="Email"/> may have: 1,024. Cloudflare's
    /// API tokens have 40 characters and global API keys 37, and an email address at most 254 (RFC 5321); the ceiling leaves
    /// room for longer formats while a file or variable of the wrong content (a whole key file, a megabyte) is refused
    /// before it is sent as a header.
    /// </summary>
    public const int MaxCredentialLength = 1024;

    /// <summary>The configuration section <c>AddCloudflareSecretsStore(IConfiguration)</c> is usually given: <c>Cloudflare</c>.</summary>
    public const string SectionName = "Cloudflare";

    private Uri _baseUrl = new(DefaultBaseUrl);

    // Whether BaseUrl was set (even to the default): only an unset one is taken from the environment.
    private bool _baseUrlSet;

    /// <summary>
    /// An API token (recommended), sent as <c>Authorization: Bearer</c>. Environment: <c>CLOUDFLARE_API_TOKEN</c>. At most
    /// <see cref="MaxCredentialLength"/> characters, without white space or control characters.
    /// </summary>
    public string? ApiToken { get; set; }

    /// <summary>
    /// The account email for the global API key (legacy). Environment: <c>CLOUDFLARE_EMAIL</c>. At most
    /// <see cref="MaxCredentialLength"/> characters.
    /// </summary>
    public string? Email { get; set; }

    /// <summary>
    /// The global API key (legacy); needs <see cref="Email"/>. Environment: <c>CLOUDFLARE_API_KEY</c>. At most
    /// <see cref="MaxCredentialLength"/> characters.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The account used when a call does not name one. Environment: <c>CLOUDFLARE_ACCOUNT_ID</c>.</summary>
    public string? AccountId { get; set; }

    /// <summary>
    /// The API base URL, ending with <c>/client/v4/</c> (a missing final slash is added). Must be https unless the host
    /// is loopback (a local emulator). A loopback host is never reached through a proxy by the client's own transport; a
    /// caller's <see cref="HttpClient"/> whose handler would send plain http through one is refused.
    /// Environment: <c>CLOUDFLARE_BASE_URL</c>. Default: <see cref="DefaultBaseUrl"/>.
    /// </summary>
    public Uri BaseUrl
    {
        get => _baseUrl;
        set
        {
            _baseUrl = value;
            _baseUrlSet = true;
        }
    }

    /// <summary>
    /// How many secrets one create request carries when creating many (1 to <see cref="SecretsStoreLimits.MaxSecretsPerCreate"/>;
    /// default <see cref="SecretsStoreLimits.MaxSecretsPerCreate"/>).
    /// </summary>
    public int CreateBatchSize { get; set; } = SecretsStoreLimits.MaxSecretsPerCreate;

    /// <summary>Retries, timeouts and backoff.</summary>
    public SecretsStoreRetryOptions Retry { get; set; } = new();

    /// <summary>Rate-limit awareness and the optional client-side request budget.</summary>
    public SecretsStoreRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>
    /// The largest response body the client reads, in bytes (default 4 MiB; a page of 100 secrets is about 30 KB).
    /// A larger or endless body fails cleanly instead of exhausting memory.
    /// </summary>
    public int MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Creates options from the environment variables the official Cloudflare SDKs read.</summary>
    /// <returns>The options; validate them before use (the client's constructor does).</returns>
    public static SecretsStoreClientOptions FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>
    /// Creates options from the variables <see cref="FromEnvironment()"/> reads (<c>CLOUDFLARE_API_TOKEN</c>,
    /// <c>CLOUDFLARE_EMAIL</c>, <c>CLOUDFLARE_API_KEY</c>, <c>CLOUDFLARE_ACCOUNT_ID</c>, <c>CLOUDFLARE_BASE_URL</c>), each
    /// looked up through <paramref name="read"/>: a tool with its own view of the environment (a test's, or one that
    /// adds another variable's name) supplies it. A value that is empty or white space counts as unset; others are trimmed.
    /// </summary>
    /// <param name="read">Returns a variable's value by its name, or <see langword="null"/> when it is not set.</param>
    /// <returns>The options; validate them before use (the client's constructor does).</returns>
    public static SecretsStoreClientOptions FromEnvironment(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var options = new SecretsStoreClientOptions();
        options.ApplyEnvironment(read);
        return options;
    }

    /// <summary>Fills each setting that is not set yet from the environment.</summary>
    internal void ApplyEnvironment(Func<string, string?> read)
    {
        // Credentials are of one kind: an explicitly set kind wins whole, so an ambient variable of the other kind
        // cannot join it and make the options invalid. Within the global-key kind the environment completes the pair.
        bool tokenSet = !string.IsNullOrEmpty(ApiToken);
        bool globalKeySet = !string.IsNullOrEmpty(ApiKey) || !string.IsNullOrEmpty(Email);
        if (!globalKeySet)
        {
            ApiToken ??= NullIfEmpty(read("CLOUDFLARE_API_TOKEN"));
        }

        if (!tokenSet)
        {
            ApiKey ??= NullIfEmpty(read("CLOUDFLARE_API_KEY"));
            Email ??= NullIfEmpty(read("CLOUDFLARE_EMAIL"));
        }

        AccountId ??= NullIfEmpty(read("CLOUDFLARE_ACCOUNT_ID"));
        if (!_baseUrlSet && NullIfEmpty(read("CLOUDFLARE_BASE_URL")) is { } baseUrl)
        {
            BaseUrl = Uri.TryCreate(baseUrl, UriKind.Absolute, out Uri? uri) ? uri : new Uri("invalid:" + Uri.EscapeDataString(baseUrl));
        }
    }

    /// <summary>
    /// Checks the options; returns every problem with the setting it is about, empty when they are valid. For a tool
    /// that words a problem its own way (naming its flag or variable): it reads <see cref="SecretsStoreOptionsProblem.Property"/>,
    /// never the message.
    /// </summary>
    /// <returns>The problems, in the order of the settings.</returns>
    public IReadOnlyList<SecretsStoreOptionsProblem> GetProblems()
    {
        var problems = new List<SecretsStoreOptionsProblem>();
        bool token = !string.IsNullOrEmpty(ApiToken);
        bool key = !string.IsNullOrEmpty(ApiKey);
        bool email = !string.IsNullOrEmpty(Email);
        if (token && (key || email))
        {
            problems.Add(new(
                nameof(ApiToken), "Both an API token and an email/global API key are set: use one kind of credential (prefer ApiToken)."));
        }
        else if (!token && !key && !email)
        {
            problems.Add(new(
                nameof(ApiToken),
                "No credentials: set ApiToken (or CLOUDFLARE_API_TOKEN), or Email and ApiKey (CLOUDFLARE_EMAIL, CLOUDFLARE_API_KEY)."));
        }
        else if (!token && key != email)
        {
            problems.Add(key
                ? new(nameof(Email), "ApiKey is set without Email: the global API key needs the account email.")
                : new(nameof(ApiKey), "Email is set without ApiKey: the account email needs the global API key."));
        }

        foreach ((string name, string? value) in new[] { (nameof(ApiToken), ApiToken), (nameof(Email), Email), (nameof(ApiKey), ApiKey) })
        {
            // A header the size of a file read by mistake would be sent with every request: refused by its size alone.
            if (value is { Length: > MaxCredentialLength })
            {
                problems.Add(new(
                    name,
                    $"{name} must be at most {MaxCredentialLength:N0} characters (Cloudflare's API tokens have 40, global API keys 37); "
                        + $"it has {value.Length:N0}."));
            }

            // A header value with a line break or a space would fail only when the first request is sent.
            else if (!string.IsNullOrEmpty(value) && value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                problems.Add(new(name, $"{name} contains white space or control characters."));
            }
        }

        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("https" or "http"))
        {
            problems.Add(new(nameof(BaseUrl), "BaseUrl must be an absolute http(s) URL such as https://api.cloudflare.com/client/v4/."));
        }
        else if (BaseUrl.Scheme == "http" && !IsLoopback(BaseUrl))
        {
            problems.Add(new(
                nameof(BaseUrl),
                "BaseUrl must use https unless its host is loopback (credentials would travel in clear text); "
                    + $"the host is '{BaseUrl.Host}'."));
        }
        else if (!string.IsNullOrEmpty(BaseUrl.Query) || !string.IsNullOrEmpty(BaseUrl.Fragment) || !string.IsNullOrEmpty(BaseUrl.UserInfo))
        {
            problems.Add(new(nameof(BaseUrl), "BaseUrl must not have a query, a fragment or user information."));
        }

        // The same rule every call applies to an id: an account id that passes here is never refused later.
        if (AccountId is not null && Identifier.Check(AccountId, out int position) is var fault and not IdentifierFault.None)
        {
            problems.Add(new(nameof(AccountId), $"AccountId must be {Identifier.Rule}. {Identifier.Describe(AccountId, fault, position)}"));
        }

        if (CreateBatchSize is < 1 or > SecretsStoreLimits.MaxSecretsPerCreate)
        {
            problems.Add(new(
                nameof(CreateBatchSize),
                $"CreateBatchSize must be from 1 to {SecretsStoreLimits.MaxSecretsPerCreate}; it is {CreateBatchSize}."));
        }

        if (MaxResponseBytes < 1024)
        {
            problems.Add(new(nameof(MaxResponseBytes), $"MaxResponseBytes must be at least 1024; it is {MaxResponseBytes}."));
        }

        if (Retry is null || RateLimit is null)
        {
            problems.Add(new(Retry is null ? nameof(Retry) : nameof(RateLimit), "Retry and RateLimit must not be null."));
        }
        else
        {
            problems.AddRange(Retry.Validate());
            problems.AddRange(RateLimit.Validate());
        }

        return problems;
    }

    /// <summary>The base URL as the client uses it: with a final slash.</summary>
    internal string NormalizedBaseUrl
    {
        get
        {
            string text = BaseUrl.AbsoluteUri;
            return text.EndsWith('/') ? text : text + "/";
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"SecretsStoreClientOptions {{ BaseUrl = {BaseUrl}, AccountId = {AccountId}, Credentials = {CredentialKind} }}";

    private string CredentialKind =>
        string.IsNullOrEmpty(ApiToken)
            ? (string.IsNullOrEmpty(ApiKey) ? "none" : "email + global API key (***)")
            : "API token (***)";

    private static bool IsLoopback(Uri uri) => Loopback.Is(uri);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
