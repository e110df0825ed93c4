using System.Diagnostics;
using System.Globalization;
using System.Text;
using CloudflareSecrets;
using CloudflareSecrets.Emulator;
using CloudflareSecrets.Soak;

// A bounded soak: N calls (default 50,000) from C concurrent callers (default 8) on ONE client against the in-process
// emulator, with a share of calls (default 5%) meeting an injected fault: a 503, a 429 with Retry-After, a stall past
// the attempt timeout, a dropped connection, and a 502 or a drop after the emulator acted. It checks that no answer
// contradicts what the caller knows (0 wrong outcomes), that no write was sent twice (0 duplicate writes), that the
// store's final contents are exactly what the successful calls (and the caller's looking after a failure) say, and
// samples managed memory and open sockets. Exit code 0 when every check holds.
//
//   dotnet run -c Release --project build/performance/soak -- [--calls 50000] [--callers 8] [--fault-rate 0.05]
//                                                                 [--seed 1] [--results <file.md>]
var settings = Settings.Parse(args);
var options = new EmulatorOptions
{
    MaxStoresPerAccount = 1,
    MaxSecretsPerAccount = 1_000_000,
    // Generous, so the rate-limit headers never tell the client to wait: the soak's 429s are the injected ones.
    RequestBudget = new RequestBudget { Limit = 100_000_000, Window = TimeSpan.FromMinutes(5) },
};
await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync(options);
var client = new SecretsStoreClient(new SecretsStoreClientOptions
{
    BaseUrl = emulator.BaseAddress,
    ApiToken = EmulatorOptions.DefaultApiToken,
    Retry =
    {
        AttemptTimeout = TimeSpan.FromSeconds(1),
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(200),
    },
});

// Setting up and the final reading go through a client with the default (patient) timeouts.
var patient = new SecretsStoreClient(
    new SecretsStoreClientOptions { BaseUrl = emulator.BaseAddress, ApiToken = EmulatorOptions.DefaultApiToken });
var tally = new Tally();
SoakCaller[] callers = Enumerable.Range(0, settings.Callers)
    .Select(i => new SoakCaller(
        client,
        emulator,
        i,
        new FaultPlan(settings.FaultRate, settings.Seed * 1000 + i, TimeSpan.FromSeconds(1.5)),
        tally))
    .ToArray();
int perCaller = settings.Calls / settings.Callers;
foreach (SoakCaller caller in callers)
{
    await caller.PrepareAsync(patient, CancellationToken.None);
}

var samples = new List<(int Calls, long Bytes, int Sockets)>();
using var done = new CancellationTokenSource();
var clock = Stopwatch.StartNew();
var monitor = Task.Run(async () =>
{
    while (!done.IsCancellationRequested)
    {
        emulator.Requests.Clear(); // the emulator's request log is a test aid; it would grow without bound here
        lock (samples)
        {
            samples.Add((tally.Calls, Probes.ManagedBytes(), Probes.OpenSockets()));
        }

        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5), done.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
    }
});

await Task.WhenAll(callers.Select(caller => caller.RunAsync(perCaller, CancellationToken.None)));
clock.Stop();
done.Cancel();
await monitor;
emulator.Faults.Clear();
emulator.Requests.Clear();
samples.Add((tally.Calls, Probes.ManagedBytes(), Probes.OpenSockets()));

// The final contents, read through the API and (for values) from the emulator: exactly the callers' models.
int mismatches = 0;
foreach (SoakCaller caller in callers)
{
    List<Secret> listed = await patient
        .ListSecretsAsync(caller.StoreId, new ListSecretsOptions { PageSize = 100 }, caller.AccountId)
        .ToListAsync();
    IReadOnlyDictionary<string, (string Id, string Value)> expected = caller.Live;
    if (listed.Count != expected.Count)
    {
        mismatches++;
        tally.Problems.Enqueue($"{caller.AccountId}: {listed.Count} secrets listed, {expected.Count} expected");
    }

    foreach (Secret secret in listed)
    {
        bool known = expected.TryGetValue(secret.Name, out (string Id, string Value) model);
        bool sameValue = emulator.TryGetSecretValue(caller.AccountId, caller.StoreId, secret.Id, out string? value) && value == model.Value;
        if (!known || model.Id != secret.Id || !sameValue)
        {
            mismatches++;
            string why = known ? sameValue ? "another id" : "another value" : "not in the model";
            tally.Problems.Enqueue($"{caller.AccountId}: {secret.Name} ({why})");
        }
    }
}

string report = Report.Render(settings, tally, clock.Elapsed, samples, mismatches, callers.Sum(c => c.Live.Count));
Console.Write(report);
if (settings.Results is { } path)
{
    await File.WriteAllTextAsync(path, report);
}

return tally.WrongOutcomes == 0 && tally.DuplicateWrites == 0 && mismatches == 0 ? 0 : 1;

internal sealed record Settings(int Calls, int Callers, double FaultRate, int Seed, string? Results)
{
    public static Settings Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        return new Settings(
            int.Parse(Value("--calls") ?? "50000", CultureInfo.InvariantCulture),
            int.Parse(Value("--callers") ?? "8", CultureInfo.InvariantCulture),
            double.Parse(Value("--fault-rate") ?? "0.05", CultureInfo.InvariantCulture),
            int.Parse(Value("--seed") ?? "1", CultureInfo.InvariantCulture),
            Value("--results"));
    }
}

internal static class Report
{
    public static string Render(
        Settings settings,
        Tally tally,
        TimeSpan elapsed,
        List<(int Calls, long Bytes, int Sockets)> samples,
        int mismatches,
        int finalSecrets)
    {
        var text = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        text.AppendLine(
            c,
            $"# Soak: {tally.Calls:N0} calls, {settings.Callers} callers, one client, "
            + $"{settings.FaultRate:P0} injected faults (seed {settings.Seed})");
        text.AppendLine();
        text.AppendLine(
            c,
            $"- Machine: {Environment.ProcessorCount} CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, "
            + $".NET {Environment.Version}; duration {elapsed.TotalSeconds:F0} s ({tally.Calls / elapsed.TotalSeconds:F0} calls/s)");
        string faults = string.Join(", ", tally.Injected.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));
        text.AppendLine(c, $"- Faults injected: {tally.Injected.Values.Sum():N0} ({faults})");
        text.AppendLine(
            c,
            $"- Calls that succeeded: {tally.Succeeded:N0}; failed under a fault (after the client's retries): "
            + $"{tally.FailedUnderFault:N0}; looked up after a failure: {tally.Reconciliations:N0}");
        text.AppendLine(
            c,
            $"- **Wrong outcomes: {tally.WrongOutcomes}**; **duplicate writes: {tally.DuplicateWrites}**; "
            + $"**final contents differing from the callers' models: {mismatches}** ({finalSecrets} secrets at the end)");
        (int Calls, long Bytes, int Sockets)[] steady = samples.Skip(Math.Min(2, samples.Count - 1)).ToArray();
        text.AppendLine(
            c,
            $"- Managed heap after a full GC: {Mb(samples[0].Bytes)} at start, "
            + $"{Mb(steady.Min(s => s.Bytes))}–{Mb(steady.Max(s => s.Bytes))} from the third sample on, "
            + $"{Mb(samples[^1].Bytes)} at the end");
        text.AppendLine(
            c,
            $"- Open sockets (client and in-process emulator): {samples[0].Sockets} at start, "
            + $"{steady.Min(s => s.Sockets)}–{steady.Max(s => s.Sockets)} from the third sample on, "
            + $"{samples[^1].Sockets} at the end");
        text.AppendLine();
        text.AppendLine("| calls done | managed heap | open sockets |");
        text.AppendLine("| ---: | ---: | ---: |");
        foreach ((int calls, long bytes, int sockets) in samples)
        {
            text.AppendLine(c, $"| {calls:N0} | {Mb(bytes)} | {sockets} |");
        }

        if (!tally.Problems.IsEmpty)
        {
            text.AppendLine();
            text.AppendLine("Problems (first 50):");
            foreach (string problem in tally.Problems)
            {
                text.AppendLine(c, $"- {problem}");
            }
        }

        return text.ToString();
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MB";
}
