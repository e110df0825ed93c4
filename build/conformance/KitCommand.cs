using System.Globalization;
using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Conformance;

/// <summary>
/// The command line: <c>[--live] [--plan] [--out DIR] [--pace-ms N]</c>. Without <c>--live</c> the kit starts the
/// emulator in process on 127.0.0.1 and probes it; with it, the real API named by the <c>CLOUDFLARE_*</c> variables.
/// Exit codes: 0 nothing differs; 1 some probe differs; 2 bad usage, settings, a refusal, or a run stopped by a failure
/// (an error answer, no answer in time, an answer of another shape; after the cleanup); 3 the cleanup left something
/// behind; 130 interrupted (after the cleanup).
/// </summary>
internal static class KitCommand
{
    public const int Ok = 0;
    public const int Differs = 1;
    public const int Refused = 2;
    public const int LeftBehind = 3;
    public const int Interrupted = 130;

    /// <summary>The account the kit uses in the emulator (any id of 32 characters is an account there).</summary>
    public const string EmulatorAccountId = "c0f0c0f0c0f0c0f0c0f0c0f0c0f0c0f0";

    /// <summary>Half of Cloudflare's 1,200 requests per 5 minutes: two requests a second at most.</summary>
    public static readonly TimeSpan LivePace = TimeSpan.FromMilliseconds(500);

    private const string Usage = """
        Usage: CloudflareSecrets.Conformance [--live] [--plan] [--out DIR] [--pace-ms N]

          (default)     probe the local emulator, started in process on 127.0.0.1
          --live        probe the real API: CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN (or CLOUDFLARE_EMAIL and
                        CLOUDFLARE_API_KEY); CLOUDFLARE_BASE_URL overrides the API root
          --plan        print what the run would create, call and delete, and send nothing
          --out DIR     where to write report.json and report.md (default: conformance-report)
          --pace-ms N   least milliseconds between two requests (default: 500 with --live, 0 otherwise)
        """;

    public static async Task<int> RunAsync(
        string[] args,
        Func<string, string?> environment,
        TextWriter output,
        TextWriter error,
        HttpMessageHandler? transport,
        CancellationToken cancellationToken)
    {
        bool live = false, plan = false;
        string outDir = "conformance-report";
        int? paceMs = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--live":
                    live = true;
                    break;
                case "--plan":
                    plan = true;
                    break;
                case "--out" when i + 1 < args.Length:
                    outDir = args[++i];
                    break;
                case "--pace-ms" when i + 1 < args.Length
                    && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int ms)
                    && ms <= 60_000:
                    paceMs = ms;
                    i++;
                    break;
                case "--help" or "-h":
                    output.WriteLine(Usage);
                    return Ok;
                default:
                    error.WriteLine($"Unknown or incomplete option '{args[i]}'.");
                    error.WriteLine(Usage);
                    return Refused;
            }
        }

        KitSettings settings;
        SecretsStoreEmulator? emulator = null;
        if (live)
        {
            (KitSettings? liveSettings, string? problem) = LiveSettings(environment, paceMs);
            if (liveSettings is null)
            {
                error.WriteLine(problem);
                return Refused;
            }

            settings = liveSettings;
        }
        else if (plan)
        {
            settings = EmulatorSettings(new Uri("http://127.0.0.1/client/v4/"), paceMs);
        }
        else
        {
            emulator = await SecretsStoreEmulator.StartAsync(cancellationToken: cancellationToken);
            settings = EmulatorSettings(emulator.BaseAddress, paceMs);
        }

        await using (emulator)
        {
            if (plan)
            {
                Plan.Write(settings, output);
                return Ok;
            }

            output.WriteLine(
                $"Probing {settings.Target} ({settings.Endpoint}) with {Script.Probes.Count} probes, " +
                $"at most one request per {settings.Pace.TotalMilliseconds:0} ms.");
            Report report = await KitRun.RunAsync(settings, transport, output, cancellationToken);
            Directory.CreateDirectory(outDir);
            await File.WriteAllTextAsync(Path.Combine(outDir, "report.json"), report.ToJson(), CancellationToken.None);
            await File.WriteAllTextAsync(Path.Combine(outDir, "report.md"), report.ToMarkdown(), CancellationToken.None);
            output.WriteLine(report.Summary() + ".");
            output.WriteLine($"Cleanup: {report.Cleanup?.Detail}.");
            output.WriteLine($"Wrote {Path.Combine(outDir, "report.json")} and {Path.Combine(outDir, "report.md")}.");
            return report.Cleanup is { LeftBehind: > 0 } ? LeftBehind
                : report.Interrupted ? Interrupted
                : report.Refused is not null ? Refused
                : report.Count(Verdict.Differs) > 0 ? Differs
                : Ok;
        }
    }

    /// <summary>Settings for an emulator at <paramref name="baseUrl"/> with its default credentials.</summary>
    public static KitSettings EmulatorSettings(Uri baseUrl, int? paceMs = null) => new()
    {
        Target = "emulator",
        Endpoint = "the CloudflareSecrets emulator with its default options, on 127.0.0.1",
        BaseUrl = baseUrl,
        AccountId = EmulatorAccountId,
        ApiToken = EmulatorOptions.DefaultApiToken,
        Pace = TimeSpan.FromMilliseconds(paceMs ?? 0),
    };

    /// <summary>
    /// Settings for the real API from the variables the library reads (<see cref="SecretsStoreClientOptions.FromEnvironment()"/>),
    /// checked by the library's own rules; a problem names the variable, never its value.
    /// </summary>
    public static (KitSettings? Settings, string Problem) LiveSettings(Func<string, string?> environment, int? paceMs)
    {
        string? Read(string name) => string.IsNullOrEmpty(environment(name)) ? null : environment(name);
        string? token = Read("CLOUDFLARE_API_TOKEN");
        string? email = token is null ? Read("CLOUDFLARE_EMAIL") : null;
        string? key = token is null ? Read("CLOUDFLARE_API_KEY") : null;
        string? account = Read("CLOUDFLARE_ACCOUNT_ID");
        string? baseText = Read("CLOUDFLARE_BASE_URL");
        if (account is null)
        {
            return (null, "No account: set CLOUDFLARE_ACCOUNT_ID.");
        }

        if (baseText is not null && !Uri.TryCreate(baseText.EndsWith('/') ? baseText : baseText + "/", UriKind.Absolute, out _))
        {
            return (null, "CLOUDFLARE_BASE_URL is not an absolute URL.");
        }

        Uri baseUrl = baseText is null
            ? new Uri(SecretsStoreClientOptions.DefaultBaseUrl)
            : new Uri(baseText.EndsWith('/') ? baseText : baseText + "/");
        var options = new SecretsStoreClientOptions
        {
            ApiToken = token, Email = email, ApiKey = key, AccountId = account, BaseUrl = baseUrl,
        };
        IReadOnlyList<SecretsStoreOptionsProblem> problems = options.GetProblems();
        if (problems.Count > 0)
        {
            return (null, string.Join(Environment.NewLine, problems.Select(problem => problem.Message)));
        }

        return (new KitSettings
        {
            Target = "live",
            Endpoint = baseUrl.GetLeftPart(UriPartial.Path),
            BaseUrl = baseUrl,
            AccountId = account,
            ApiToken = token,
            Email = email,
            ApiKey = key,
            Pace = paceMs is { } ms ? TimeSpan.FromMilliseconds(ms) : LivePace,
        }, string.Empty);
    }
}

/// <summary>The dry run: what a run would create, call and delete, written from the same script the run follows.</summary>
internal static class Plan
{
    public static void Write(KitSettings settings, TextWriter output)
    {
        output.WriteLine("Conformance plan (dry run: no request is sent)");
        output.WriteLine($"  target:     {settings.Target}, {settings.Endpoint}");
        output.WriteLine($"  account:    {(settings.Target == "live" ? "CLOUDFLARE_ACCOUNT_ID" : KitCommand.EmulatorAccountId)}");
        output.WriteLine($"  credential: {settings.CredentialKind} (never printed)");
        output.WriteLine($"  names:      every name the run creates starts with {settings.Prefix}");
        output.WriteLine(
            $"  pace:       at most one request per {settings.Pace.TotalMilliseconds:0} ms " +
            "(Cloudflare allows 1,200 per 5 minutes)");
        output.WriteLine();
        output.WriteLine("1. Checks, before anything is created:");
        output.WriteLine("   GET  stores      none: create the store " + settings.Prefix + "store for the run and delete it after;");
        output.WriteLine("                    one: use it and leave it; more than one: refuse");
        output.WriteLine($"   GET  quota       refuse unless {Script.NeededRoom} more secrets fit");
        output.WriteLine("2. Fixtures:");
        output.WriteLine(
            $"   POST stores/{{store}}/secrets  [{settings.Prefix}a (workers, ai_gateway; no comment), " +
            $"{settings.Prefix}c (workers)]");
        output.WriteLine($"3. Probes ({Script.Probes.Count}), in order:");
        foreach (ProbeSpec probe in Script.Probes)
        {
            output.WriteLine($"   {probe.Id,-42} {probe.Request}");
            output.WriteLine($"   {string.Empty,-42} expects: {probe.Expected.Text}");
        }

        output.WriteLine("   (the secrets a probe creates are named " + settings.Prefix + "*: b, d, quota-N, a long name, long-comment)");
        output.WriteLine("4. Cleanup, also after an error or Ctrl+C:");
        output.WriteLine(
            $"   GET  stores                                   find the stores named {settings.Prefix}* " +
            "(created by this run only)");
        output.WriteLine(
            $"   GET  stores/{{store}}/secrets?search={settings.Prefix}  then DELETE stores/{{store}}/secrets {{ids}} " +
            "for every name starting with it");
        output.WriteLine("   DELETE stores/{id}?force=true                 only for a store the run created (the account had none)");
        output.WriteLine("   then check that none of it is left");
    }
}
