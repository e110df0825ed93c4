using CloudflareSecrets.Emulator.Model;

namespace CloudflareSecrets.Emulator.Hosting;

/// <summary>
/// A validated, immutable copy of <see cref="EmulatorOptions"/>, taken at start so that later changes to the caller's
/// options object cannot reach a running emulator.
/// </summary>
internal sealed class EmulatorSettings
{
    /// <summary>Cloudflare's published API policy, advertised in the headers when no budget is enforced.</summary>
    public static readonly TimeSpan CloudflareWindow = TimeSpan.FromMinutes(5);

    public const int CloudflareLimit = 1200;

    private EmulatorSettings(EmulatorOptions options)
    {
        ApiTokens = options.ApiTokens.ToHashSet(StringComparer.Ordinal);
        GlobalApiKeys = new Dictionary<string, string>(options.GlobalApiKeys, StringComparer.OrdinalIgnoreCase);
        MaxStoresPerAccount = options.MaxStoresPerAccount;
        MaxSecretsPerAccount = options.MaxSecretsPerAccount;
        AcceptedScopes = options.AcceptedScopes.ToHashSet(StringComparer.Ordinal);
        PendingDuration = options.PendingDuration;
        DeleteDelay = options.DeleteDelay;
        BudgetEnforced = options.RequestBudget is not null;
        BudgetLimit = options.RequestBudget?.Limit ?? CloudflareLimit;
        BudgetWindow = options.RequestBudget?.Window ?? CloudflareWindow;
        Accounts = options.Accounts?.ToHashSet(StringComparer.Ordinal);
        AllowedHosts = options.AllowedHosts.ToHashSet(StringComparer.OrdinalIgnoreCase);
        Seed = options.Seed.ToArray();
        TimeProvider = options.TimeProvider;
        Port = options.Port;
        Latency = options.Latency;
    }

    public IReadOnlySet<string> ApiTokens { get; }

    public IReadOnlyDictionary<string, string> GlobalApiKeys { get; }

    public int MaxStoresPerAccount { get; }

    public int MaxSecretsPerAccount { get; }

    public IReadOnlySet<string> AcceptedScopes { get; }

    public TimeSpan PendingDuration { get; }

    public TimeSpan DeleteDelay { get; }

    public bool BudgetEnforced { get; }

    public int BudgetLimit { get; }

    public TimeSpan BudgetWindow { get; }

    public IReadOnlySet<string>? Accounts { get; }

    public IReadOnlySet<string> AllowedHosts { get; }

    public IReadOnlyList<SeedStore> Seed { get; }

    public TimeProvider TimeProvider { get; }

    public int Port { get; }

    public TimeSpan Latency { get; }

    public static EmulatorSettings From(EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxStoresPerAccount, "options.MaxStoresPerAccount");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxSecretsPerAccount, "options.MaxSecretsPerAccount");
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, "options.Port");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535, "options.Port");
        ArgumentNullException.ThrowIfNull(options.TimeProvider, "options.TimeProvider");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Latency, TimeSpan.Zero, "options.Latency");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Latency, EmulatorOptions.MaxLatency, "options.Latency");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PendingDuration, TimeSpan.Zero, "options.PendingDuration");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DeleteDelay, TimeSpan.Zero, "options.DeleteDelay");
        if (options.RequestBudget is { } budget)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(budget.Limit, 1, "options.RequestBudget.Limit");
            ArgumentOutOfRangeException.ThrowIfLessThan(budget.Window, TimeSpan.FromSeconds(1), "options.RequestBudget.Window");
        }

        if (options.ApiTokens.Any(string.IsNullOrWhiteSpace)
            || options.GlobalApiKeys.Any(pair => string.IsNullOrWhiteSpace(pair.Key) || string.IsNullOrWhiteSpace(pair.Value)))
        {
            throw new ArgumentException("Credentials must not be empty or whitespace.", nameof(options));
        }

        foreach (SeedStore store in options.Seed)
        {
            ValidateSeed(store, options.AcceptedScopes.ToHashSet(StringComparer.Ordinal));
        }

        return new EmulatorSettings(options);
    }

    private static void ValidateSeed(SeedStore store, IReadOnlySet<string> acceptedScopes)
    {
        var problems = new List<string?>
        {
            SecretRules.CheckId(store.AccountId, "seed account id"),
            store.Id is null ? null : SecretRules.CheckId(store.Id, "seed store id"),
            SecretRules.CheckStoreName(store.Name)?.Message,
        };
        foreach (SeedSecret secret in store.Secrets)
        {
            problems.Add(SecretRules.CheckSecretName(secret.Name)?.Message);
            string value = secret.Value ?? throw new ArgumentException("A seed secret needs a value.", nameof(store));
            problems.Add(SecretRules.CheckValue(value)?.Message);
            problems.Add(SecretRules.CheckScopes(secret.Scopes, acceptedScopes)?.Message);
            problems.Add(secret.Id is null ? null : SecretRules.CheckId(secret.Id, "seed secret id"));
        }

        if (problems.FirstOrDefault(problem => problem is not null) is { } first)
        {
            throw new ArgumentException($"Invalid seed store '{store.Name}': {first}.", nameof(store));
        }
    }
}
