using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CloudflareSecrets.Benchmarks.Workflows;

/// <summary>
/// The .NET side of the sync benchmark (build/performance/peer-comparison/sync.sh starts an emulator with <c>--latency</c> and runs
/// both sides): <c>sync --base-url U --token T [--secrets 100] [--rounds 5] [--parallelism 4] [--latency-ms 50]</c>.
/// Each round uses a new account with one store and syncs the same N secrets twice: into the empty store, then into
/// the store that holds them. One JSON line per phase and round: the requests the HTTP stack saw (retries included),
/// the requests the sync reported, the wall time, and the API's lower bound (requests, and round trips on the critical
/// path). A first round warms up (JIT, connections) and is not printed.
/// </summary>
public static class SyncCommand
{
    public const string ClientName = "CloudflareSecrets SyncSecretsAsync (.NET)";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        string Required(string name) =>
            options.TryGetValue(name, out string? value) ? value : throw new ArgumentException($"--{name} is required.");
        int Number(string name, int fallback) =>
            options.TryGetValue(name, out string? value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
        int secrets = Number("secrets", 100);
        int rounds = Number("rounds", 5);
        int parallelism = Number("parallelism", SyncOptions.DefaultMaxParallelUpdates);
        int latencyMs = Number("latency-ms", 50);
        if (secrets is < 1 or > 100 || rounds is < 1 or > 50)
        {
            throw new ArgumentException("--secrets must be 1-100 (one account's quota) and --rounds 1-50.");
        }

        var counter = new CountingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
        using var http = new HttpClient(counter) { Timeout = Timeout.InfiniteTimeSpan };
        var desired = Enumerable.Range(1, secrets).ToDictionary(i => $"SYNC_SECRET_{i:D3}", i => $"sync-benchmark-value-{i}");
        var syncOptions = new SyncOptions { MaxParallelUpdates = parallelism };

        // The lower bounds the API allows: empty = list + quota + ceil(N/100) creates, all in sequence;
        // full = list + N PATCHes, of which the critical path is the list and ceil(N/parallelism) rounds of updates.
        int createBatches = (secrets + 99) / 100;
        (int Requests, int CriticalPath) emptyBound = (2 + createBatches, 2 + createBatches);
        (int Requests, int CriticalPath) fullBound = (1 + secrets, 1 + ((secrets + parallelism - 1) / parallelism));

        for (int round = 0; round <= rounds; round++)
        {
            var client = new SecretsStoreClient(
                new SecretsStoreClientOptions
                {
                    BaseUrl = new Uri(Required("base-url")),
                    ApiToken = Required("token"),
                    AccountId = Guid.NewGuid().ToString("N"),
                },
                http);
            SecretStore store = await client.GetOrCreateStoreAsync().ConfigureAwait(false);
            (string Phase, (int Requests, int CriticalPath) Bound)[] phases = [("empty store", emptyBound), ("full store", fullBound)];
            foreach ((string phase, (int Requests, int CriticalPath) bound) in phases)
            {
                int before = counter.Count;
                long started = Stopwatch.GetTimestamp();
                SyncResult result = await client.SyncSecretsAsync(store.Id, desired, syncOptions).ConfigureAwait(false);
                double wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
                if (round == 0)
                {
                    continue;
                }

                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    client = ClientName,
                    phase,
                    round,
                    secrets,
                    parallelism,
                    latencyMs,
                    requests = counter.Count - before,
                    reportedRequests = result.RequestCount,
                    lowerBoundRequests = bound.Requests,
                    criticalPathRoundTrips = bound.CriticalPath,
                    wallSeconds = wall,
                }));
            }
        }

        return 0;
    }

    /// <summary>Counts every request that reaches the wire, retries included.</summary>
    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
