namespace CloudflareSecrets.Emulator;

/// <summary>
/// Settings of a <see cref="SecretsStoreEmulator"/>: accepted credentials, limits, the optional request budget, seed data
/// and the clock. The emulator copies them when it starts; changing the options afterwards has no effect on it.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>The API token accepted by default (<c>Authorization: Bearer emulator-token</c>).</summary>
    public const string DefaultApiToken = "emulator-token";

    /// <summary>The e-mail address accepted by default with <see cref="DefaultApiKey"/> (<c>X-Auth-Email</c>).</summary>
    public const string DefaultEmail = "dev@example.com";

    /// <summary>The global API key accepted by default with <see cref="DefaultEmail"/> (<c>X-Auth-Key</c>).</summary>
    public const string DefaultApiKey = "emulator-key";

    /// <summary>
    /// The most accounts holding stores the emulator keeps: 10,000. A store created in one more account drops the account
    /// that got its first store longest ago, with its stores and secrets, so memory stays bounded whatever ids arrive.
    /// </summary>
    public const int MaxAccounts = 10_000;

    /// <summary>
    /// API tokens accepted in <c>Authorization: Bearer &lt;token&gt;</c> (compared ordinally).
    /// Holds <see cref="DefaultApiToken"/> unless cleared; when empty, no token is accepted.
    /// </summary>
    public ISet<string> ApiTokens { get; } = new HashSet<string>(StringComparer.Ordinal) { DefaultApiToken };

    /// <summary>
    /// Accepted <c>X-Auth-Email</c> → <c>X-Auth-Key</c> pairs (e-mail compared case-insensitively, key ordinally).
    /// Holds <see cref="DefaultEmail"/> → <see cref="DefaultApiKey"/> unless cleared.
    /// </summary>
    public IDictionary<string, string> GlobalApiKeys { get; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [DefaultEmail] = DefaultApiKey };

    /// <summary>
    /// Stores an account may hold (default Cloudflare's, <see cref="SecretsStoreLimits.MaxStoresPerAccount"/>). Creating
    /// one more answers as <see cref="SecretsStoreKnownErrors.MaximumStoresExceeded"/>.
    /// </summary>
    public int MaxStoresPerAccount { get; set; } = SecretsStoreLimits.MaxStoresPerAccount;

    /// <summary>
    /// Secrets an account may hold across its stores (default Cloudflare's, <see cref="SecretsStoreLimits.MaxSecretsPerAccount"/>);
    /// reported by <c>GET .../quota</c>.
    /// A create or duplicate that would exceed it answers as <see cref="SecretsStoreKnownErrors.MaximumSecretsExceeded"/>.
    /// </summary>
    public int MaxSecretsPerAccount { get; set; } = SecretsStoreLimits.MaxSecretsPerAccount;

    /// <summary>
    /// The scopes a secret may name (compared ordinally). Any other answers as
    /// <see cref="SecretsStoreKnownErrors.SecretScopeInvalid"/>, as Cloudflare does. Holds <see cref="DefaultScopes"/>
    /// unless changed: add a scope here to emulate a service Cloudflare added later.
    /// </summary>
    public ISet<string> AcceptedScopes { get; } = new HashSet<string>(DefaultScopes, StringComparer.Ordinal);

    /// <summary>The services Cloudflare accepts as scopes today: workers, ai_gateway, dex, access, containers, websearch.</summary>
    public static IReadOnlyList<string> DefaultScopes { get; } =
    [
        SecretScopes.Workers, SecretScopes.AiGateway, SecretScopes.Dex,
        SecretScopes.Access, SecretScopes.Containers, SecretScopes.WebSearch,
    ];

    /// <summary>
    /// How long a new secret (created or duplicated) reads <c>status: pending</c> before it turns <c>active</c>.
    /// The real service was seen to answer a create with <c>pending</c> (cloudflare/workers-sdk#9354), for a time
    /// nobody has measured; zero (the default) makes a new secret <c>active</c> at once, which keeps tests
    /// deterministic. Set it to test code that waits for <c>active</c>. Measured on <see cref="TimeProvider"/>.
    /// </summary>
    public TimeSpan PendingDuration { get; set; }

    /// <summary>
    /// Not what the real service does, and off (zero) by default: live tests see a deleted secret gone at once, out of
    /// the list and <c>secret_not_found</c> on its GET (cloudflare/workers-sdk packages/wrangler/e2e/secrets-store.test.ts;
    /// alchemy-run/distilled packages/cloudflare/test/secrets-store.test.ts), and nobody has observed a <c>deleted</c>
    /// status. An opt-in for testing code that must survive a slower delete: for this long after an accepted delete
    /// (202) the secret reads <c>status: deleted</c>, still holds its name and counts against the quota, and then
    /// disappears (404). Measured on <see cref="TimeProvider"/>.
    /// </summary>
    public TimeSpan DeleteDelay { get; set; }

    /// <summary>
    /// When set, requests beyond <see cref="RequestBudget.Limit"/> in a window answer 429 with <c>Retry-After</c>.
    /// When <see langword="null"/> (the default) nothing is refused, and the rate-limit headers advertise Cloudflare's
    /// own policy of 1,200 requests per 5 minutes while counting requests against it.
    /// </summary>
    public RequestBudget? RequestBudget { get; set; }

    /// <summary>
    /// The only account identifiers that exist, or <see langword="null"/> (the default) for "any identifier of at most
    /// <see cref="SecretsStoreLimits.MaxIdLength"/> characters is an account, created on first use". Requests for any
    /// other account answer 404, code <see cref="EmulatorErrorCodes.NoRoute"/>, as Cloudflare does for an identifier it
    /// cannot route.
    /// </summary>
    public ISet<string>? Accounts { get; set; }

    /// <summary>
    /// Host names the emulator answers besides <c>localhost</c> (and <c>.localhost</c> names), loopback addresses and the
    /// address a request arrived on; <c>*</c> answers any. A request naming another host in its <c>Host</c> header (as a
    /// DNS-rebinding web page's would) answers 400, code <see cref="EmulatorErrorCodes.ValidationFailed"/>. Compared
    /// ignoring case. Empty by default.
    /// </summary>
    public ISet<string> AllowedHosts { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Stores and secrets present at start and restored by <see cref="SecretsStoreEmulator.Reset"/>. Empty by default.</summary>
    public IList<SeedStore> Seed { get; } = new List<SeedStore>();

    /// <summary>The clock for <c>created</c>/<c>modified</c> timestamps and rate-limit windows. Defaults to the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The loopback port to listen on; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// How long every answer is held back (zero, the default, for none; at most <see cref="MaxLatency"/>), so that tests
    /// and benchmarks pay the round trip a real network costs. Concurrent requests wait concurrently. Measured on the wall
    /// clock, not on <see cref="TimeProvider"/>.
    /// </summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The largest <see cref="Latency"/> accepted.</summary>
    public static TimeSpan MaxLatency { get; } = TimeSpan.FromSeconds(10);
}

/// <summary>A request budget: at most <see cref="Limit"/> requests per fixed <see cref="Window"/>, counted across all callers.</summary>
public sealed class RequestBudget
{
    /// <summary>Requests allowed per window (at least 1). Defaults to Cloudflare's 1,200.</summary>
    public int Limit { get; set; } = 1200;

    /// <summary>Length of the window (at least one second). Defaults to Cloudflare's 5 minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>A store to create at start (and again on <see cref="SecretsStoreEmulator.Reset"/>).</summary>
public sealed class SeedStore
{
    /// <summary>The owning account identifier (at most <see cref="SecretsStoreLimits.MaxIdLength"/> characters).</summary>
    public required string AccountId { get; init; }

    /// <summary>The store name (not blank).</summary>
    public required string Name { get; init; }

    /// <summary>
    /// A fixed store identifier (at most <see cref="SecretsStoreLimits.MaxIdLength"/> characters), or
    /// <see langword="null"/> for a generated one.
    /// </summary>
    public string? Id { get; init; }

    /// <summary>Secrets the store holds. They count against <see cref="EmulatorOptions.MaxSecretsPerAccount"/>.</summary>
    public IList<SeedSecret> Secrets { get; } = new List<SeedSecret>();
}

/// <summary>A secret to create at start inside its <see cref="SeedStore"/>.</summary>
public sealed class SeedSecret
{
    /// <summary>The secret name (not blank, no whitespace, unique in the store).</summary>
    public required string Name { get; init; }

    /// <summary>The secret value (at most <see cref="SecretsStoreLimits.MaxValueBytes"/> UTF-8 bytes).</summary>
    public required string Value { get; init; }

    /// <summary>The services that may use the secret (at least one).</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>An optional comment.</summary>
    public string? Comment { get; init; }

    /// <summary>
    /// A fixed secret identifier (at most <see cref="SecretsStoreLimits.MaxIdLength"/> characters), or
    /// <see langword="null"/> for a generated one.
    /// </summary>
    public string? Id { get; init; }
}
