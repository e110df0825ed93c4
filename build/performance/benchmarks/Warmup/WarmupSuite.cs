using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

using CloudflareSecrets.Benchmarks.Support;

namespace CloudflareSecrets.Benchmarks.Warmup;

/// <summary>
/// First call and warm-up, each measured in a fresh process:
/// <c>warmup suite --transport canned|http [--ops get,list] [--rounds 5] [--calls 10000] [--batch 100] [--out FILE]
/// [--builds NAME=DIR,NAME=DIR] [--base-url U --token T --account A --store S --secret ID]</c> starts <c>warmup once</c> for
/// every build, client, operation and round (interleaved, so load on the machine falls on all of them alike), keeps every JSON line in
/// <c>--out</c> and prints a Markdown summary. <c>warmup report FILE</c> prints the summary of a kept file again.
/// </summary>
public static class WarmupSuite
{
    /// <summary>A batch counts as settled within this factor of the steady per-call time.</summary>
    public const double SettledWithin = 1.25;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["once", .. var once])
        {
            return await WarmupProcess.RunAsync(CommandArgs.Parse(once)).ConfigureAwait(false);
        }

        if (args is ["report", string file])
        {
            Console.Write(Report(File.ReadAllLines(file).Select(l => JsonSerializer.Deserialize<WarmupProcess.Sample>(l)!).ToList()));
            return 0;
        }

        if (args is not ["suite", .. var rest])
        {
            await Console.Error
                .WriteLineAsync("usage: warmup suite --transport canned|http [...] | warmup report FILE")
                .ConfigureAwait(false);
            return 2;
        }

        Dictionary<string, string> options = CommandArgs.Parse(rest);
        int rounds = int.Parse(options.GetValueOrDefault("rounds", "5"), CultureInfo.InvariantCulture);
        int calls = int.Parse(options.GetValueOrDefault("calls", "10000"), CultureInfo.InvariantCulture);
        if (rounds is < 1 or > 50 || calls is < 2 or > 200_000)
        {
            throw new ArgumentException("--rounds must be 1 to 50 and --calls 2 to 200000.");
        }

        string[] ops = options.GetValueOrDefault("ops", "get").Split(',');

        // --builds before=DIR,after=DIR: the same measurements with other builds of this project, interleaved with each
        // other round by round, so a comparison of builds sees the same load on the machine. "name=DIR;VAR=VALUE;..."
        // also sets environment variables for that build's processes (a runtime setting such as DOTNET_TieredPGO=0).
        (string Name, string? Directory)[] builds = options.TryGetValue("builds", out string? list)
            ? [.. list.Split(',').Select(b => b.Split('=', 2)).Select(p => (p[0], (string?)p[1]))]
            : [("", null)];
        string? output = options.GetValueOrDefault("out");
        var samples = new List<WarmupProcess.Sample>();
        for (int round = 0; round < rounds; round++)
        {
            foreach (string op in ops)
            {
                // Mirrored order in every other round: no client always runs right after another.
                IEnumerable<(string Name, string? Directory, string Client)> order =
                    from build in builds from client in WarmupProcess.ClientKinds select (build.Name, build.Directory, client);
                foreach ((string build, string? directory, string client) in round % 2 == 0 ? order : order.Reverse())
                {
                    var child = new Dictionary<string, string>(options)
                    {
                        ["client"] = client,
                        ["op"] = op,
                        ["calls"] = calls.ToString(CultureInfo.InvariantCulture),
                        ["build"] = build,
                    };
                    child.TryAdd("batch", "100");
                    child.Remove("rounds");
                    child.Remove("ops");
                    child.Remove("out");
                    child.Remove("builds");
                    string line = await RunChildAsync(child, directory).ConfigureAwait(false);
                    if (output is not null)
                    {
                        await File.AppendAllTextAsync(output, line + "\n").ConfigureAwait(false);
                    }

                    samples.Add(JsonSerializer.Deserialize<WarmupProcess.Sample>(line)!);
                    await Console.Error
                        .WriteLineAsync($"round {round + 1}/{rounds} {op} {build} {client}: first call {samples[^1].FirstCallMs:0.0} ms")
                        .ConfigureAwait(false);
                }
            }
        }

        Console.Write(Report(samples));
        return 0;
    }

    private static async Task<string> RunChildAsync(Dictionary<string, string> options, string? buildDirectory)
    {
        string self = Environment.ProcessPath ?? "dotnet";
        string[] settings = buildDirectory?.Split(';') ?? [];
        buildDirectory = settings.Length > 0 ? settings[0] : null;
        var start = new ProcessStartInfo(buildDirectory is null ? self : "dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string setting in settings.Skip(1))
        {
            string[] pair = setting.Split('=', 2);
            start.Environment[pair[0]] = pair.Length > 1 ? pair[1] : string.Empty;
        }

        if (buildDirectory is not null)
        {
            start.ArgumentList.Add(Path.Combine(buildDirectory, Path.GetFileName(typeof(WarmupSuite).Assembly.Location)));
        }
        else if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(WarmupSuite).Assembly.Location);
        }

        foreach (string arg in (string[])["warmup", "once"])
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string key, string value) in options)
        {
            start.ArgumentList.Add("--" + key);
            start.ArgumentList.Add(value);
        }

        using Process child = Process.Start(start) ?? throw new InvalidOperationException("could not start the measuring process");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        string stdout = await child.StandardOutput.ReadToEndAsync(timeout.Token).ConfigureAwait(false);
        await child.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        return child.ExitCode == 0 && stdout.Trim() is { Length: > 0 } line
            ? line
            : throw new InvalidOperationException($"the measuring process exited with {child.ExitCode}");
    }

    /// <summary>
    /// Per client and operation, medians over the processes: the first call, the steady per-call CPU and wall time (the
    /// median of the last quarter of the batches), the calls until each stays within <see cref="SettledWithin"/> of it (on
    /// the per-batch medians across processes, smoothed over three batches), and the CPU of calls 2 to 2,000. CPU time is
    /// the whole process's, so the JIT's work to tier a path up counts against the calls it serves.
    /// </summary>
    public static string Report(List<WarmupProcess.Sample> samples)
    {
        var text = new StringBuilder();
        text.AppendLine(
            "| Transport | Op | Build | Client | Processes | First call ms | First call CPU ms | Process CPU ms at first result "
            + "| CPU µs/call, calls 2-2000 | Steady CPU µs/call | Calls until CPU/call settles | Steady wall µs/call "
            + "| Context switches/call |");
        text.AppendLine("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (IGrouping<(string Transport, string Op, string Build, string Client), WarmupProcess.Sample> group in samples
            .GroupBy(s => (s.Transport, s.Op, s.Build, s.Client))
            .OrderBy(g => g.Key.Transport)
            .ThenBy(g => Array.IndexOf(WarmupProcess.Operations, g.Key.Op))
            .ThenBy(g => g.Key.Build, StringComparer.Ordinal)
            .ThenBy(g => Array.IndexOf(WarmupProcess.ClientKinds, g.Key.Client)))
        {
            List<WarmupProcess.Sample> runs = [.. group];
            int batch = runs[0].Batch;
            int batches = runs.Min(r => r.Wall.Length);
            double[] wall = [.. Enumerable.Range(0, batches).Select(i => CommandArgs.Median(runs.Select(r => r.Wall[i])))];
            double[] cpu = [.. Enumerable.Range(0, batches).Select(i => CommandArgs.Median(runs.Select(r => r.Cpu[i])))];
            int tail = Math.Max(1, batches / 4);
            double steady = CommandArgs.Median(wall[^tail..]);
            double steadyCpu = CommandArgs.Median(cpu[^tail..]);
            int early = Math.Clamp(1999 / batch, 1, batches);
            double firstCall = CommandArgs.Median(runs.Select(r => r.FirstCallMs));
            double firstCallCpu = CommandArgs.Median(runs.Select(r => r.FirstCallCpuMs));
            double cpuToFirstResult = CommandArgs.Median(runs.Select(r => r.CpuToFirstResultMs));
            double switches = CommandArgs.Median(runs.Select(r => r.SwitchesPerCall));
            text.AppendLine(
                CultureInfo.InvariantCulture,
                $"| {group.Key.Transport} | {group.Key.Op} | {group.Key.Build} | {Label(group.Key.Client)} | {runs.Count} "
                + $"| {firstCall:0.0} | {firstCallCpu:0.0} | {cpuToFirstResult:0} | {cpu[..early].Average():0.0} | {steadyCpu:0.0} "
                + $"| {SettledAfter(cpu, steadyCpu, batch)} | {steady:0.0} | {switches:0.00} |");
        }

        return text.ToString();
    }

    /// <summary>Calls (the first included) after which the smoothed per-batch time never again exceeds the settled bound.</summary>
    private static string SettledAfter(double[] wall, double steady, int batch)
    {
        int last = -1;
        for (int i = 0; i < wall.Length; i++)
        {
            double smoothed = CommandArgs.Median(wall[Math.Max(0, i - 1)..Math.Min(wall.Length, i + 2)]);
            if (smoothed > steady * SettledWithin)
            {
                last = i;
            }
        }

        return last == wall.Length - 1 ? "not settled" : (1 + ((last + 1) * batch)).ToString("N0", CultureInfo.InvariantCulture);
    }

    private static string Label(string client) => client switch
    {
        "facade" => "SecretsStoreClient",
        "newtonsoft" => PerCallBenchmarks.NewtonsoftName,
        _ => PerCallBenchmarks.StjName,
    };
}
