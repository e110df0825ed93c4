using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CloudflareSecrets.Benchmarks.Canned;

namespace CloudflareSecrets.Benchmarks.Warmup;

/// <summary>
/// One measurement in a fresh process (<c>warmup once ...</c>, started by <see cref="WarmupSuite"/>): builds one client,
/// times its first call (everything the runtime loads and compiles for it included), then makes the remaining calls
/// and records the wall and CPU time of each batch. Prints one JSON line.
/// </summary>
public static class WarmupProcess
{
    public static readonly string[] ClientKinds = ["facade", "newtonsoft", "stj"];
    public static readonly string[] Operations = ["get", "create", "list"];

    private static readonly string[] Scopes = [SecretScopes.Workers, SecretScopes.AiGateway];

    private static Func<int, string> s_name = _ => "MY_API_KEY";

    public static async Task<int> RunAsync(Dictionary<string, string> options)
    {
        string kind = options["client"];
        string op = options["op"];
        int calls = int.Parse(options["calls"], CultureInfo.InvariantCulture);
        int batch = int.Parse(options["batch"], CultureInfo.InvariantCulture);
        bool canned = options["transport"] == "canned";
        string store = canned ? Payloads.StoreId : options["store"];
        string secretId = canned ? Payloads.SecretId : options["secret"];
        string account = canned ? Payloads.AccountId : options["account"];
        string baseUrl = canned ? SecretsStoreClientOptions.DefaultBaseUrl : options["base-url"].TrimEnd('/') + "/";
        string token = canned ? "bench-token" : options["token"];

        // The canned answer names MY_API_KEY whatever is asked (a different name would send the facade down its reordering
        // path); over HTTP every create needs a new name.
        s_name = canned ? _ => "MY_API_KEY" : i => "WARM_" + i.ToString("D6", CultureInfo.InvariantCulture);

        long started = Stopwatch.GetTimestamp();
        HttpClient? http = canned
            ? new HttpClient(new CannedHandler(op switch
            {
                "get" => Payloads.SecretEnvelope(),
                "create" => Payloads.CreatedEnvelope("MY_API_KEY"),
                _ => Payloads.SinglePage(100),
            }))
            : kind == "facade"
                ? null
                : new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        Func<int, Task<int>> call = kind switch
        {
            "facade" => Facade(
                new SecretsStoreClient(
                    new SecretsStoreClientOptions { BaseUrl = new Uri(baseUrl), ApiToken = token, AccountId = account },
                    http,
                    null),
                op,
                store,
                secretId),
            "newtonsoft" => Newtonsoft(new HandWrittenNewtonsoftClient(http!, baseUrl, token, account), op, store, secretId),
            "stj" => Stj(new HandWrittenClient(http!, baseUrl, token, account), op, store, secretId),
            _ => throw new ArgumentException($"--client must be one of {string.Join(", ", ClientKinds)}."),
        };
        double constructMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        long first = Stopwatch.GetTimestamp();
        double cpuBeforeFirst = CpuClock.ProcessMicroseconds();
        int items = await call(0).ConfigureAwait(false);
        double firstCallMs = Stopwatch.GetElapsedTime(first).TotalMilliseconds;
        double firstCallCpuMs = (CpuClock.ProcessMicroseconds() - cpuBeforeFirst) / 1000;
        double cpuToFirstResultMs = CpuClock.ProcessMicroseconds() / 1000;
        double sinceStartMs = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;

        // Calls 2..N in batches: wall and whole-process CPU (JIT and tiering threads included) per call, in µs.
        var wall = new List<double>();
        var cpu = new List<double>();
        long switchesBefore = ContextSwitches();
        for (int done = 1; done + batch <= calls; done += batch)
        {
            double cpuBefore = CpuClock.ProcessMicroseconds();
            long t = Stopwatch.GetTimestamp();
            for (int i = 0; i < batch; i++)
            {
                items += await call(done + i).ConfigureAwait(false);
            }

            wall.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds / batch);
            cpu.Add((CpuClock.ProcessMicroseconds() - cpuBefore) / batch);
        }

        double switchesPerCall = (ContextSwitches() - switchesBefore) / (double)Math.Max(1, wall.Count * batch);
        var sample = new Sample(
            options.GetValueOrDefault("build", ""),
            kind,
            op,
            options["transport"],
            batch,
            constructMs,
            firstCallMs,
            sinceStartMs,
            [.. wall],
            [.. cpu],
            items,
            switchesPerCall,
            firstCallCpuMs,
            cpuToFirstResultMs);
        Console.WriteLine(JsonSerializer.Serialize(sample));
        http?.Dispose();
        return 0;
    }

    private static Func<int, Task<int>> Facade(SecretsStoreClient client, string op, string store, string secret) => op switch
    {
        "get" => async _ => (await client.GetSecretAsync(store, secret).ConfigureAwait(false)).Name.Length > 0 ? 1 : 0,
        "create" => async i =>
            (await client.CreateSecretAsync(store, Name(i), "warmup-value", Scopes, "info about my secret").ConfigureAwait(false))
                .Name.Length > 0 ? 1 : 0,
        _ => async _ => await Count(client.ListSecretsAsync(store, new ListSecretsOptions { PageSize = 100 })).ConfigureAwait(false),
    };

    private static Func<int, Task<int>> Newtonsoft(HandWrittenNewtonsoftClient client, string op, string store, string secret) => op switch
    {
        "get" => async _ => (await client.GetSecretAsync(store, secret).ConfigureAwait(false)).Name.Length > 0 ? 1 : 0,
        "create" => async i =>
            (await client.CreateSecretAsync(store, Name(i), "warmup-value", Scopes, "info about my secret").ConfigureAwait(false))
                .Name.Length > 0 ? 1 : 0,
        _ => async _ => await Count(client.ListSecretsAsync(store, 100)).ConfigureAwait(false),
    };

    private static Func<int, Task<int>> Stj(HandWrittenClient client, string op, string store, string secret) => op switch
    {
        "get" => async _ => (await client.GetSecretAsync(store, secret).ConfigureAwait(false)).Name.Length > 0 ? 1 : 0,
        "create" => async i =>
            (await client.CreateSecretAsync(store, Name(i), "warmup-value", Scopes, "info about my secret").ConfigureAwait(false))
                .Name.Length > 0 ? 1 : 0,
        _ => async _ => await Count(client.ListSecretsAsync(store, 100)).ConfigureAwait(false),
    };

    private static string Name(int i) => s_name(i);

    private static async Task<int> Count(IAsyncEnumerable<Secret> list)
    {
        int count = 0;
        await foreach (Secret secret in list.ConfigureAwait(false))
        {
            count += secret.Name.Length > 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>The context switches of every thread of this process so far (Linux), or 0 where they cannot be read.</summary>
    private static long ContextSwitches()
    {
        long total = 0;
        try
        {
            foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                foreach (string line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal)
                        || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line[(line.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
        }
        catch (IOException)
        {
            return 0;
        }

        return total;
    }

    /// <summary>
    /// What one process measured; <c>Wall</c> and <c>Cpu</c> are µs per call, one value per batch of calls 2..N. The CPU
    /// figures are the whole process's (the JIT's threads included): unlike wall time they hardly move with the load
    /// other processes put on the machine.
    /// </summary>
    public sealed record Sample(
        string Build,
        string Client,
        string Op,
        string Transport,
        int Batch,
        double ConstructMs,
        double FirstCallMs,
        double SinceStartMs,
        double[] Wall,
        double[] Cpu,
        long Items,
        double SwitchesPerCall,
        double FirstCallCpuMs,
        double CpuToFirstResultMs);
}
