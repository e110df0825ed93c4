using System.Security.Cryptography;

namespace CloudflareSecrets.Conformance;

/// <summary>What running one probe gave.</summary>
internal sealed record Outcome(Observation? Observed, Verdict Verdict, string? Note = null);

/// <summary>One probe of the fixed script: what it asks, what it expects, and how it runs.</summary>
internal sealed record ProbeSpec(
    string Id,
    string Kind,
    string Title,
    string Request,
    Expectation Expected,
    IReadOnlyList<string> Inferred,
    Func<RunContext, CancellationToken, Task<Outcome>> Run);

/// <summary>A secret the run created for its probes.</summary>
internal sealed record Fixture(string Id, string Name);

/// <summary>What the probes share: the callers, the store, the fixtures and the ledger of everything created.</summary>
internal sealed class RunContext(KitSettings settings, ApiCaller api, Ledger ledger)
{
    public KitSettings Settings { get; } = settings;

    public ApiCaller Api { get; } = api;

    public Ledger Ledger { get; } = ledger;

    public string StoreId { get; set; } = string.Empty;

    public bool StoreCreatedForRun { get; set; }

    /// <summary>Created with scopes <c>["workers", "ai_gateway"]</c> and no comment.</summary>
    public Fixture? A { get; set; }

    /// <summary>Created with scopes <c>["workers"]</c>.</summary>
    public Fixture? C { get; set; }

    /// <summary>The answer to the create of <see cref="A"/> and <see cref="C"/>.</summary>
    public Answer? FixtureCreate { get; set; }

    public string Name(string suffix) => Settings.Prefix + suffix;

    /// <summary>A fresh random value: never printed, never the same twice.</summary>
    public static string NewValue() => "v-" + RandomNumberGenerator.GetHexString(32, lowercase: true);

    public Fixture RequireA() => A ?? throw new InvalidOperationException("The fixtures were not created.");

    public Fixture RequireC() => C ?? throw new InvalidOperationException("The fixtures were not created.");

    public string Secrets => $"stores/{StoreId}/secrets";

    /// <summary>Creates secrets in the run's store, recording any that the answer says were created.</summary>
    public async Task<Answer> CreateAsync(object[] secrets, CancellationToken cancellationToken)
    {
        Answer answer = await Api.PostAsync(Secrets, secrets, cancellationToken);
        Ledger.TrackCreated(answer);
        return answer;
    }
}
