using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

using CloudflareSecrets.Benchmarks.Support;

namespace CloudflareSecrets.Benchmarks.Peer;

/// <summary>
/// The .NET sides of the peer comparison (build/performance/peer-comparison/run.sh starts the emulator and runs every
/// side):
/// <list type="bullet">
/// <item><c>peer seed --base-url U --token T --account A --secrets N</c>: creates a store holding N secrets (100 per
/// request) and prints <c>{"store":..,"secret":..}</c>.</item>
/// <item><c>peer run --base-url U --token T --account A --list-account L --list-store S --get-secret ID [--gets 5000]
/// [--warmup 2000] [--creates 1000] [--list-expected 10000] [--emulator-pid P] [--clock-ticks 100]
/// [--client facade|stj|newtonsoft]</c>: the workload, one JSON line per phase. <c>facade</c> (the default) runs it
/// with <see cref="SecretsStoreClient"/>; <c>stj</c> and <c>newtonsoft</c> with the hand-written HttpClient +
/// System.Text.Json (<see cref="HandWrittenClient"/>) or HttpClient + Newtonsoft.Json
/// (<see cref="HandWrittenNewtonsoftClient"/>) baseline, to show what the HTTP stack itself costs.</item>
/// </list>
/// The same workload is in build/performance/peer-comparison/peer.js for Cloudflare's TypeScript SDK.
/// </summary>
public static class PeerCommand
{
    public const string ClientName = "CloudflareSecrets (.NET)";
    public const string StjBaselineName = "HttpClient + System.Text.Json (.NET baseline)";
    public const string NewtonsoftBaselineName = "HttpClient + Newtonsoft.Json (.NET baseline)";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("seed" or "run"))
        {
            await Console.Error
                .WriteLineAsync("usage: peer seed|run --base-url URL --token TOKEN --account ID [...]")
                .ConfigureAwait(false);
            return 2;
        }

        Dictionary<string, string> options = CommandArgs.Parse(args[1..]);
        string Required(string name) =>
            options.TryGetValue(name, out string? value) ? value : throw new ArgumentException($"--{name} is required.");
        int Number(string name, int fallback) =>
            options.TryGetValue(name, out string? value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

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

        string account = Required("account");
        string listAccount = Required("list-account");
        string listStore = Required("list-store");
        string getSecret = Required("get-secret");
        int listExpected = Number("list-expected", 10_000);

        // Our own store for the creates, in our own account (the list store is shared and must not change).
        string kind = options.GetValueOrDefault("client", "facade");
        SecretStore own = await client.CreateStoreAsync($"peer-{kind}").ConfigureAwait(false);
        var target = new Target(Required("base-url"), Required("token"), account, listAccount, listStore, getSecret, own.Id);
        IPeerClient peer = kind switch
        {
            "facade" => new FacadePeer(client, listAccount, listStore, getSecret, own.Id),
            "stj" => HandWrittenPeer.Stj(target),
            "newtonsoft" => HandWrittenPeer.Newtonsoft(target),
            string other => throw new ArgumentException($"--client must be facade, stj or newtonsoft, not '{other}'."),
        };

        var workload = new Workload(
            peer,
            GetSecret: getSecret,
            Gets: Number("gets", 5_000),
            Warmup: Number("warmup", 2_000),
            Creates: Number("creates", 1_000),
            ListExpected: listExpected,
            Emulator: options.TryGetValue("emulator-pid", out string? pid)
                ? new EmulatorCpu(int.Parse(pid, CultureInfo.InvariantCulture), Number("clock-ticks", 100))
                : null);
        await workload.RunAsync().ConfigureAwait(false);
        return 0;
    }

    private static async Task<(string Store, string Secret)> SeedAsync(SecretsStoreClient client, int count)
    {
        SecretStore store = await client.CreateStoreAsync("peer-list").ConfigureAwait(false);
        IReadOnlyList<Secret> created = await client.CreateSecretsAsync(
            store.Id,
            Enumerable.Range(0, count).Select(i => new NewSecret(
                $"PEER_LIST_{i:D6}",
                $"value-{i:D6}",
                [SecretScopes.Workers],
                i % 2 == 0 ? "rotated monthly" : null))).ConfigureAwait(false);
        return (store.Id, created[0].Id);
    }

    /// <summary>The three calls of the workload, made by one client or the other.</summary>
    private interface IPeerClient
    {
        string Name { get; }

        Task<string> GetAsync();

        /// <summary>Lists the whole list store; returns the requests made (pages) and the distinct ids seen.</summary>
        Task<(int Pages, HashSet<string> Ids)> ListAllAsync();

        Task<string> CreateAsync(string name);
    }

    private sealed class FacadePeer(
        SecretsStoreClient client,
        string listAccount,
        string listStore,
        string getSecret,
        string ownStore) : IPeerClient
    {
        private static readonly string[] Scopes = [SecretScopes.Workers];

        public string Name => ClientName;

        public async Task<string> GetAsync() => (await client.GetSecretAsync(listStore, getSecret, listAccount).ConfigureAwait(false)).Id;

        public async Task<(int Pages, HashSet<string> Ids)> ListAllAsync()
        {
            int pages = 0;
            var ids = new HashSet<string>(StringComparer.Ordinal);
            IAsyncEnumerable<Page<Secret>> listing = client
                .ListSecretsAsync(listStore, new ListSecretsOptions { PageSize = 100 }, listAccount)
                .AsPages();
            await foreach (Page<Secret> page in listing.ConfigureAwait(false))
            {
                pages++;
                foreach (Secret secret in page.Values)
                {
                    ids.Add(secret.Id);
                }
            }

            return (pages, ids);
        }

        public async Task<string> CreateAsync(string name) =>
            (await client.CreateSecretAsync(ownStore, name, "peer-benchmark-value", Scopes, "peer").ConfigureAwait(false)).Name;
    }

    /// <summary>Where a hand-written baseline reads (the shared list store) and writes (its own store).</summary>
    private sealed record Target(
        string BaseUrl,
        string Token,
        string Account,
        string ListAccount,
        string ListStore,
        string GetSecret,
        string OwnStore)
    {
        public string Root => BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/";

        /// <summary>A pooled HTTP handler of its own, with no retries, gate, logging or limits on top.</summary>
        public static HttpClient NewHttpClient() =>
            new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
    }

    /// <summary>
    /// A hand-written baseline: the three calls of one of the two hand-written clients, which have the same methods but
    /// their own DTO types. Listing pages until the last page (or an empty one), 100 per page.
    /// </summary>
    private sealed class HandWrittenPeer(
        string name,
        Func<Task<Secret>> get,
        Func<int, Task<(List<Secret> Items, int? TotalPages)>> listPage,
        Func<string, Task<Secret>> create) : IPeerClient
    {
        private const string Value = "peer-benchmark-value";
        private static readonly string[] Scopes = [SecretScopes.Workers];

        public string Name => name;

        public static HandWrittenPeer Stj(Target target)
        {
            HttpClient http = Target.NewHttpClient();
            var lists = new HandWrittenClient(http, target.Root, target.Token, target.ListAccount);
            var own = new HandWrittenClient(http, target.Root, target.Token, target.Account);
            return new HandWrittenPeer(
                StjBaselineName,
                () => lists.GetSecretAsync(target.ListStore, target.GetSecret),
                async page =>
                {
                    (List<Secret> items, HandWrittenClient.ResultInfo? info) =
                        await lists.ListSecretsPageAsync(target.ListStore, page, 100).ConfigureAwait(false);
                    return (items, info?.TotalPages);
                },
                secretName => own.CreateSecretAsync(target.OwnStore, secretName, Value, Scopes, "peer"));
        }

        public static HandWrittenPeer Newtonsoft(Target target)
        {
            HttpClient http = Target.NewHttpClient();
            var lists = new HandWrittenNewtonsoftClient(http, target.Root, target.Token, target.ListAccount);
            var own = new HandWrittenNewtonsoftClient(http, target.Root, target.Token, target.Account);
            return new HandWrittenPeer(
                NewtonsoftBaselineName,
                () => lists.GetSecretAsync(target.ListStore, target.GetSecret),
                async page =>
                {
                    (List<Secret> items, HandWrittenNewtonsoftClient.ResultInfo? info) =
                        await lists.ListSecretsPageAsync(target.ListStore, page, 100).ConfigureAwait(false);
                    return (items, info?.TotalPages);
                },
                secretName => own.CreateSecretAsync(target.OwnStore, secretName, Value, Scopes, "peer"));
        }

        public async Task<string> GetAsync() => (await get().ConfigureAwait(false)).Id;

        public async Task<(int Pages, HashSet<string> Ids)> ListAllAsync()
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (int page = 1; ; page++)
            {
                (List<Secret> items, int? totalPages) = await listPage(page).ConfigureAwait(false);
                foreach (Secret secret in items)
                {
                    ids.Add(secret.Id);
                }

                if (items.Count == 0 || (totalPages is { } total ? page >= total : items.Count < 100))
                {
                    return (page, ids);
                }
            }
        }

        public async Task<string> CreateAsync(string name) => (await create(name).ConfigureAwait(false)).Name;
    }

    private sealed record Workload(
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
    private sealed class EmulatorCpu(int pid, int clockTicks)
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
}
