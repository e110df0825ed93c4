using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using CloudflareSecrets.Benchmarks.Peer;

namespace CloudflareSecrets.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project build/CloudflareSecrets.Benchmarks -- --filter '*'</c> runs every benchmark with a
/// short job (1 launch, 3 warm-up and 5 measured iterations); any BenchmarkDotNet option may follow (<c>--filter</c>,
/// <c>--job</c>, ...). <c>... -- peer ...</c> runs the peer-comparison workload against a running emulator
/// (see build/peer-comparison/run.sh).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["peer", .. var peerArgs])
        {
            return await PeerCommand.RunAsync(peerArgs).ConfigureAwait(false);
        }

        ManualConfig config = DefaultConfig.Instance
            .AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(5).WithId("Short"));

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
