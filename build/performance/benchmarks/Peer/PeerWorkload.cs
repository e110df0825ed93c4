using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CloudflareSecrets.Benchmarks.Peer;

/// <summary>The measured workload of one side: warm-up, then gets, a whole listing and creates, one JSON line per phase.</summary>
internal sealed record Workload(
    IPeerClient Client,
    string GetSecret,
    int Gets,
    int Warmup,
    int Creates,
    int ListExpected,
    EmulatorCpu? Emulator)
{
    public async Task RunAsync()
    {
        // Warm-up, not measured: every code path (JIT tiering, connection pool), as the Node side does.
        for (int i = 0; i < Warmup; i++)
        {
            await GetOnceAsync().ConfigureAwait(false);
        }

        await ListAllAsync().ConfigureAwait(false);
        for (int i = 0; i < Warmup / 10; i++)
        {
            await Client.CreateAsync($"PEER_WARM_{i:D6}").ConfigureAwait(false);
        }

        await MeasureAsync("get", async () =>
        {
            for (int i = 0; i < Gets; i++)
            {
                await GetOnceAsync().ConfigureAwait(false);
            }

            return (Gets, Gets);
        }).ConfigureAwait(false);

        await MeasureAsync("list", ListAllAsync).ConfigureAwait(false);

        await MeasureAsync("create", async () =>
        {
            for (int i = 0; i < Creates; i++)
            {
                string name = $"PEER_{i:D6}";
                string created = await Client.CreateAsync(name).ConfigureAwait(false);
                if (created != name)
                {
                    throw new InvalidOperationException($"created {created}, expected {name}");
                }
            }

            return (Creates, Creates);
        }).ConfigureAwait(false);
    }

    private async Task GetOnceAsync()
    {
        if (await Client.GetAsync().ConfigureAwait(false) != GetSecret)
        {
            throw new InvalidOperationException("wrong secret");
        }
    }

    private async Task<(int Requests, int Items)> ListAllAsync()
    {
        (int pages, HashSet<string> ids) = await Client.ListAllAsync().ConfigureAwait(false);
        return ids.Count == ListExpected
            ? (pages, ids.Count)
            : throw new InvalidOperationException($"listed {ids.Count} distinct secrets, expected {ListExpected}");
    }

    private async Task MeasureAsync(string phase, Func<Task<(int Requests, int Items)>> run)
    {
        using var self = Process.GetCurrentProcess();
        TimeSpan cpuBefore = self.TotalProcessorTime;
        double? emulatorBefore = Emulator?.Seconds();
        long started = Stopwatch.GetTimestamp();
        (int requests, int items) = await run().ConfigureAwait(false);
        double wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        self.Refresh();
        double cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
        double? emulator = Emulator?.Seconds() - emulatorBefore;
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["client"] = Client.Name,
            ["phase"] = phase,
            ["requests"] = requests,
            ["items"] = items,
            ["wallSeconds"] = wall,
            ["cpuSeconds"] = cpu,
            ["emulatorCpuSeconds"] = emulator,
        }));
    }
}

/// <summary>The emulator process's CPU time (user + system) from /proc/PID/stat.</summary>
internal sealed class EmulatorCpu(int pid, int clockTicks)
{
    public double? Seconds()
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ", field 3 (state) is index 0: utime is field 14, stime field 15.
            long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks / (double)clockTicks;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
