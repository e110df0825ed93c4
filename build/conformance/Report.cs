using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudflareSecrets.Conformance;

/// <summary>What a probe concluded. The JSON spells them <c>matches</c>, <c>differs</c>, <c>newly_observed</c>, <c>skipped</c>.</summary>
internal enum Verdict
{
    /// <summary>The answer is what the table (or the behaviour's observed row) says.</summary>
    Matches,

    /// <summary>The answer is not what the table says: the table, the emulator or both need a look.</summary>
    Differs,

    /// <summary>Nobody has published this yet: the answer is recorded, nothing is compared.</summary>
    NewlyObserved,

    /// <summary>Not run, with the reason (a probe that could harm data the run did not create).</summary>
    Skipped,
}

/// <summary>The groups of probes, in the order a report lists them.</summary>
internal static class ProbeKinds
{
    public const string KnownError = "known-error";
    public const string Behaviour = "behaviour";
    public const string Unknown = "unknown";
}

/// <summary>What a probe expects: words for people, and the status, code and token where there are some.</summary>
internal sealed record Expectation(string Text, int? Status = null, int? Code = null, string? Token = null);

/// <summary>What a probe saw: status, code and token of the answer, and the facts it looked for, in words.</summary>
internal sealed record Observation(int? Status, int? Code, string? Token, string Detail)
{
    public static Observation Of(Answer answer, string? detail = null) =>
        new(answer.Status, answer.Code, answer.Token, detail ?? answer.Describe());

    public static Observation Nothing(string why) => new(null, null, null, why);
}

/// <summary>One probe's line in the report.</summary>
internal sealed record ProbeResult(
    string Id,
    string Kind,
    string Title,
    string Request,
    Expectation Expected,
    Observation? Observed,
    Verdict Verdict,
    IReadOnlyList<string> Inferred,
    string? Note);

/// <summary>What the cleanup did; <see cref="LeftBehind"/> is what a check afterwards still found.</summary>
internal sealed record CleanupSummary(int SecretsDeleted, int StoresDeleted, int LeftBehind, string Detail);

/// <summary>
/// A conformance report. Its JSON (<see cref="Format"/>) and Markdown shapes are stable: a field is added, never renamed
/// or removed, without a new format number (docs/conformance.md). Ids, names and the account never appear in it: the
/// requests are written with placeholders (<c>{store}</c>, <c>{secret}</c>, <c>{prefix}</c>).
/// </summary>
internal sealed record Report(
    string Format,
    string Target,
    string Endpoint,
    string GeneratedAt,
    string Store,
    bool Interrupted,
    string? Refused,
    IReadOnlyList<ProbeResult> Probes,
    CleanupSummary? Cleanup)
{
    public const string FormatName = "cloudflare-secrets-conformance/1";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public int Count(Verdict verdict) => Probes.Count(p => p.Verdict == verdict);

    public string Summary() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Probes.Count} probes: {Count(Verdict.Matches)} match the table, {Count(Verdict.Differs)} differ, " +
        $"{Count(Verdict.NewlyObserved)} newly observed, {Count(Verdict.Skipped)} skipped");

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    public static Report FromJson(string json) => JsonSerializer.Deserialize<Report>(json, JsonOptions)
        ?? throw new InvalidDataException("The report is empty.");

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.Append("# Secrets Store conformance report\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- format: `{Format}`\n");
        md.Append(CultureInfo.InvariantCulture, $"- target: {Target} ({Endpoint})\n");
        md.Append(CultureInfo.InvariantCulture, $"- generated: {GeneratedAt}\n");
        md.Append(CultureInfo.InvariantCulture, $"- store: {Store}\n");
        if (Interrupted)
        {
            md.Append("- **interrupted**: the probes stopped early; the cleanup still ran\n");
        }

        if (Refused is not null)
        {
            md.Append(CultureInfo.InvariantCulture, $"- **refused**: {Escape(Refused)}\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"- summary: {Summary()}\n");
        if (Cleanup is { } cleanup)
        {
            md.Append(
                CultureInfo.InvariantCulture,
                $"- cleanup: secrets deleted {cleanup.SecretsDeleted}, stores deleted {cleanup.StoresDeleted}, " +
                $"left behind {cleanup.LeftBehind} ({Escape(cleanup.Detail)})\n");
        }

        Section(md, ProbeKinds.KnownError, "Known errors (every row of SecretsStoreKnownErrors)");
        Section(md, ProbeKinds.Behaviour, "Behaviours observed on the real API");
        Section(md, ProbeKinds.Unknown, "Unknowns (nothing published to compare with)");
        return md.ToString();
    }

    private void Section(StringBuilder md, string kind, string heading)
    {
        md.Append(CultureInfo.InvariantCulture, $"\n## {heading}\n\n");
        md.Append("| probe | request | expected | observed | verdict |\n| --- | --- | --- | --- | --- |\n");
        foreach (ProbeResult? probe in Probes.Where(p => p.Kind == kind))
        {
            string expected = probe.Expected.Text
                + (probe.Inferred.Count > 0 ? $" ({string.Join(", ", probe.Inferred)} inferred)" : string.Empty);
            string observed = probe.Observed?.Detail ?? "-";
            string verdict = VerdictText(probe.Verdict) + (probe.Note is null ? string.Empty : ": " + probe.Note);
            md.Append(
                CultureInfo.InvariantCulture,
                $"| `{probe.Id}` {Escape(probe.Title)} | `{probe.Request}` | {Escape(expected)} | {Escape(observed)} " +
                $"| {Escape(verdict)} |\n");
        }
    }

    public static string VerdictText(Verdict verdict) => verdict switch
    {
        Verdict.Matches => "matches",
        Verdict.Differs => "**differs**",
        Verdict.NewlyObserved => "newly observed",
        _ => "skipped",
    };

    private static string Escape(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
