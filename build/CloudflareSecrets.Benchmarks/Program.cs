using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using CloudflareSecrets.Benchmarks.Peer;
using CloudflareSecrets.Benchmarks.Workflows;

namespace CloudflareSecrets.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project build/CloudflareSecrets.Benchmarks -- --filter '*'</c> runs every benchmark with a
/// short job: 1 launch, 7 measured iterations, and 6 to 30 warm-up iterations until the times settle (the facade has
/// far more code for tiered JIT to promote than the baseline; with a fixed 3 its times were still falling). Any
/// BenchmarkDotNet option may follow (<c>--filter</c>, ...). <c>... -- peer ...</c> runs the peer-comparison workload against a running emulator
/// (see build/peer-comparison/run.sh); <c>... -- sync ...</c> the sync benchmark (see build/peer-comparison/sync.sh).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["peer", .. var peerArgs])
        {
            return await PeerCommand.RunAsync(peerArgs).ConfigureAwait(false);
        }

        if (args is ["sync", .. var syncArgs])
        {
            return await SyncCommand.RunAsync(syncArgs).ConfigureAwait(false);
        }

        ManualConfig config = DefaultConfig.Instance
            .AddJob(Job.Default
                .WithLaunchCount(1)
                .WithMinWarmupCount(6)
                .WithMaxWarmupCount(30)
                .WithIterationCount(7)
                .WithId("Short"));

        // The paging benchmarks' memory probe runs in the benchmark process and leaves its results here for the columns.
        string probes = Path.Combine(config.ArtifactsPath ?? Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts"), "memory-probe");
        if (Directory.Exists(probes))
        {
            Directory.Delete(probes, recursive: true);
        }

        Directory.CreateDirectory(probes);
        Environment.SetEnvironmentVariable(MemoryProbe.DirectoryVariable, probes);

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
