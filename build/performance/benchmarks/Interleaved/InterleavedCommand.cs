using System.Globalization;
using CloudflareSecrets.Benchmarks.Canned;

using CloudflareSecrets.Benchmarks.Support;

namespace CloudflareSecrets.Benchmarks.Interleaved;

/// <summary>
/// A load-tolerant cross-check of the BenchmarkDotNet ratios (<c>interleaved [--ops get,create,list] [--warmup 20000]
/// [--rounds 40] [--batch 200]</c>): the clients in one process over the same canned transport (and the facade once more
/// without retries and rate-limit gate, to show what they cost), warmed up to steady state, then measured in short
/// batches taken in turn (in order, then the reverse), so a burst of load
/// from other processes on the machine falls on all of them alike. Each batch records the calling thread's CPU time
/// (the canned transport completes synchronously, so a call runs entirely on it) and its allocated bytes; the report
/// gives the medians per call and the ratios to the Newtonsoft baseline. Time a thread spends descheduled is not CPU
/// time, which is what makes this steadier than wall-clock timing on a shared machine.
/// </summary>
public static class InterleavedCommand
{
    private static readonly string[] Scopes = [SecretScopes.Workers, SecretScopes.AiGateway];

    public static async Task<int> RunAsync(string[] args)
    {
        Dictionary<string, string> options = CommandArgs.Parse(args);
        string[] ops = options.GetValueOrDefault("ops", "get,create,list").Split(',');
        int warmup = int.Parse(options.GetValueOrDefault("warmup", "20000"), CultureInfo.InvariantCulture);
        int rounds = int.Parse(options.GetValueOrDefault("rounds", "40"), CultureInfo.InvariantCulture);
        int batch = int.Parse(options.GetValueOrDefault("batch", "200"), CultureInfo.InvariantCulture);
        if (warmup is < 0 or > 1_000_000 || rounds is < 1 or > 1000 || batch is < 1 or > 100_000)
        {
            throw new ArgumentException("--warmup must be 0 to 1000000, --rounds 1 to 1000, --batch 1 to 100000.");
        }

        Console.WriteLine("| Op | Client | CPU µs/call (median) | Ratio | Allocated B/call | Alloc ratio |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (string op in ops)
        {
            byte[] answer = op switch
            {
                "get" => Payloads.SecretEnvelope(),
                "create" => Payloads.CreatedEnvelope("MY_API_KEY"),
                _ => Payloads.SinglePage(100),
            };
            using var http = new HttpClient(new CannedHandler(answer));
            (SecretsStoreClient facade, HandWrittenNewtonsoftClient newtonsoft, HandWrittenClient stj) = PerCallBenchmarks.Clients(http);
            SecretsStoreClientOptions lean = PerCallBenchmarks.BenchmarkOptions();
            lean.Retry.MaxAttempts = 1;
            lean.RateLimit.RespectServerHeaders = false;
            (string Name, Func<Task<int>> Call)[] clients =
            [
                ("SecretsStoreClient", Call(op, facade)),
                (PerCallBenchmarks.NewtonsoftName, Call(op, newtonsoft)),
                (PerCallBenchmarks.StjName, Call(op, stj)),

                // What the retries and the rate-limit gate cost: the same client without them.
                ("SecretsStoreClient, no retries or gate", Call(op, new SecretsStoreClient(lean, http))),
            ];

            foreach ((_, Func<Task<int>> call) in clients)
            {
                for (int i = 0; i < warmup; i++)
                {
                    await call().ConfigureAwait(false);
                }
            }

            List<double>[] cpu = clients.Select(_ => new List<double>()).ToArray();
            List<double>[] bytes = clients.Select(_ => new List<double>()).ToArray();
            for (int round = 0; round < rounds; round++)
            {
                for (int k = 0; k < clients.Length; k++)
                {
                    int c = round % 2 == 0 ? k : clients.Length - 1 - k;
                    int thread = Environment.CurrentManagedThreadId;
                    long allocated = GC.GetAllocatedBytesForCurrentThread();
                    double started = CpuClock.ThreadMicroseconds();
                    for (int i = 0; i < batch; i++)
                    {
                        await clients[c].Call().ConfigureAwait(false);
                    }

                    double spent = CpuClock.ThreadMicroseconds() - started;
                    if (Environment.CurrentManagedThreadId != thread)
                    {
                        throw new InvalidOperationException("A call continued on another thread: its CPU time would not be counted.");
                    }

                    cpu[c].Add(spent / batch);
                    bytes[c].Add((GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)batch);
                }
            }

            double baseCpu = CommandArgs.Median(cpu[1]);
            double baseBytes = CommandArgs.Median(bytes[1]);
            for (int c = 0; c < clients.Length; c++)
            {
                double cpuMedian = CommandArgs.Median(cpu[c]);
                double bytesMedian = CommandArgs.Median(bytes[c]);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {op} | {clients[c].Name} | {cpuMedian:0.00} | {cpuMedian / baseCpu:0.00} "
                    + $"| {bytesMedian:0} | {bytesMedian / baseBytes:0.00} |"));
            }
        }

        return 0;
    }

    private static Func<Task<int>> Call(string op, SecretsStoreClient client) => op switch
    {
        "get" => async () => (await client.GetSecretAsync(Payloads.StoreId, Payloads.SecretId).ConfigureAwait(false)).Name.Length,
        "create" => async () =>
            (await client.CreateSecretAsync(Payloads.StoreId, "MY_API_KEY", "api-token-secret-123", Scopes, "info about my secret")
                .ConfigureAwait(false)).Name.Length,
        _ => () => Count(client.ListSecretsAsync(Payloads.StoreId, new ListSecretsOptions { PageSize = 100 })),
    };

    private static Func<Task<int>> Call(string op, HandWrittenNewtonsoftClient client) => op switch
    {
        "get" => async () => (await client.GetSecretAsync(Payloads.StoreId, Payloads.SecretId).ConfigureAwait(false)).Name.Length,
        "create" => async () =>
            (await client.CreateSecretAsync(Payloads.StoreId, "MY_API_KEY", "api-token-secret-123", Scopes, "info about my secret")
                .ConfigureAwait(false)).Name.Length,
        _ => () => Count(client.ListSecretsAsync(Payloads.StoreId, 100)),
    };

    private static Func<Task<int>> Call(string op, HandWrittenClient client) => op switch
    {
        "get" => async () => (await client.GetSecretAsync(Payloads.StoreId, Payloads.SecretId).ConfigureAwait(false)).Name.Length,
        "create" => async () =>
            (await client.CreateSecretAsync(Payloads.StoreId, "MY_API_KEY", "api-token-secret-123", Scopes, "info about my secret")
                .ConfigureAwait(false)).Name.Length,
        _ => () => Count(client.ListSecretsAsync(Payloads.StoreId, 100)),
    };

    private static async Task<int> Count(IAsyncEnumerable<Secret> list)
    {
        int count = 0;
        await foreach (Secret secret in list.ConfigureAwait(false))
        {
            count += secret.Name.Length > 0 ? 1 : 0;
        }

        return count;
    }
}
