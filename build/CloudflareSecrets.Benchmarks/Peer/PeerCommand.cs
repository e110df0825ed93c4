using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CloudflareSecrets.Benchmarks.Peer;

/// <summary>
/// The .NET side of the peer comparison (build/peer-comparison/run.sh starts the emulator and runs both sides):
/// <list type="bullet">
/// <item><c>peer seed --base-url U --token T --account A --secrets N</c>: creates a store holding N secrets (100 per request) and
/// prints <c>{"store":..,"secret":..}</c>.</item>
/// <item><c>peer run --base-url U --token T --account A --list-account L --list-store S --get-secret ID [--gets 5000] [--warmup 500]
/// [--creates 1000] [--list-expected 10000] [--emulator-pid P] [--clock-ticks 100]</c>: the workload, one JSON line per phase.</item>
/// </list>
/// The same workload is in build/peer-comparison/peer.js for Cloudflare's TypeScript SDK.
/// </summary>
public static class PeerCommand
{
    public const string ClientName = "CloudflareSecrets (.NET)";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("seed" or "run"))
        {
            await Console.Error.WriteLineAsync("usage: peer seed|run --base-url URL --token TOKEN --account ID [...]").ConfigureAwait(false);
            return 2;
        }

        Dictionary<string, string> options = Parse(args[1..]);
        string Required(string name) => options.TryGetValue(name, out string? value) ? value : throw new ArgumentException($"--{name} is required.");
        int Number(string name, int fallback) => options.TryGetValue(name, out string? value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        var client = new SecretsStoreClient(new SecretsStoreClientOptions
        {
            BaseUrl = new Uri(Required("base-url")),
            ApiToken = Required("token"),
            AccountId = Required("account"),
        });

        if (args[0] == "seed")
        {
            (string store, string secret) = await SeedAsync(client, Number("secrets", 10_000)).ConfigureAwait(false);
            Console.WriteLine(JsonSerializer.Serialize(new { store, secret }));
            return 0;
        }

        var workload = new Workload(
            client,
            ListAccount: Required("list-account"),
            ListStore: Required("list-store"),
            GetSecret: Required("get-secret"),
            Gets: Number("gets", 5_000),
            Warmup: Number("warmup", 500),
            Creates: Number("creates", 1_000),
            ListExpected: Number("list-expected", 10_000),
            Emulator: options.TryGetValue("emulator-pid", out string? pid) ? new EmulatorCpu(int.Parse(pid, CultureInfo.InvariantCulture), Number("clock-ticks", 100)) : null);
        await workload.RunAsync().ConfigureAwait(false);
        return 0;
    }

    private static async Task<(string Store, string Secret)> SeedAsync(SecretsStoreClient client, int count)
    {
        SecretStore store = await client.CreateStoreAsync("peer-list").ConfigureAwait(false);
        IReadOnlyList<Secret> created = await client.CreateSecretsAsync(
            store.Id,
            Enumerable.Range(0, count).Select(i => new NewSecret($"PEER_LIST_{i:D6}", $"value-{i:D6}", [SecretScopes.Workers], i % 2 == 0 ? "rotated monthly" : null))).ConfigureAwait(false);
        return (store.Id, created[0].Id);
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            options[args[i][2..]] = args[++i];
        }

        return options;
    }

    private sealed record Workload(SecretsStoreClient Client, string ListAccount, string ListStore, string GetSecret, int Gets, int Warmup, int Creates, int ListExpected, EmulatorCpu? Emulator)
    {
        public async Task RunAsync()
        {
            // Our own store for the creates, in our own account (the list store is shared and must not change).
            SecretStore own = await Client.CreateStoreAsync("peer-dotnet").ConfigureAwait(false);

            // Warm-up, not measured: every code path once (JIT, connection pool), as the Node side does.
            for (int i = 0; i < Warmup; i++)
            {
                await GetOnceAsync().ConfigureAwait(false);
            }

            await ListAllAsync().ConfigureAwait(false);
            for (int i = 0; i < Warmup / 10; i++)
            {
                await Client.CreateSecretAsync(own.Id, $"PEER_WARM_{i:D6}", "peer-benchmark-value", [SecretScopes.Workers], "peer").ConfigureAwait(false);
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
                    Secret created = await Client.CreateSecretAsync(own.Id, name, "peer-benchmark-value", [SecretScopes.Workers], "peer").ConfigureAwait(false);
                    if (created.Name != name)
                    {
                        throw new InvalidOperationException($"created {created.Name}, expected {name}");
                    }
                }

                return (Creates, Creates);
            }).ConfigureAwait(false);
        }

        private async Task GetOnceAsync()
        {
            Secret secret = await Client.GetSecretAsync(ListStore, GetSecret, ListAccount).ConfigureAwait(false);
            if (secret.Id != GetSecret)
            {
                throw new InvalidOperationException("wrong secret");
            }
        }

        private async Task<(int Requests, int Items)> ListAllAsync()
        {
            int pages = 0;
            var ids = new HashSet<string>(StringComparer.Ordinal);
            await foreach (Page<Secret> page in Client.ListSecretsAsync(ListStore, new ListSecretsOptions { PageSize = 100 }, ListAccount).AsPages().ConfigureAwait(false))
            {
                pages++;
                foreach (Secret secret in page.Items)
                {
                    ids.Add(secret.Id);
                }
            }

            return ids.Count == ListExpected ? (pages, ids.Count) : throw new InvalidOperationException($"listed {ids.Count} distinct secrets, expected {ListExpected}");
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
                ["client"] = ClientName,
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
    private sealed class EmulatorCpu(int pid, int clockTicks)
    {
        public double? Seconds()
        {
            try
            {
                string stat = File.ReadAllText($"/proc/{pid}/stat");
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // After "pid (comm) ", field 3 (state) is index 0: utime is field 14, stime field 15.
                return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / (double)clockTicks;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}
