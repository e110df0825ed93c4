using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CloudflareSecrets.Benchmarks.Interleaved;
using CloudflareSecrets.Benchmarks.Peer;
using CloudflareSecrets.Benchmarks.Warmup;
using CloudflareSecrets.Benchmarks.Workflows;

namespace CloudflareSecrets.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project build/performance/benchmarks -- --filter '*'</c> runs every benchmark with a
/// short job: 1 launch, 7 measured iterations, and 6 to 30 warm-up iterations until the times settle (the facade has
/// far more code for tiered JIT to promote than the baseline; with a fixed 3 its times were still falling). Any
/// BenchmarkDotNet option may follow (<c>--filter</c>, ...), and <c>--in-process</c> runs the job in this process.
/// <c>... -- peer ...</c> runs the peer-comparison workload against a running emulator (see
/// build/performance/peer-comparison/run.sh); <c>... -- sync ...</c> the sync benchmark (see
/// build/performance/peer-comparison/sync.sh). <c>... -- warmup suite ...</c> measures the first call and the calls to
/// steady state, each in a fresh process (see build/performance/warmup/run.sh and <see cref="WarmupSuite"/>);
/// <c>... -- interleaved</c> cross-checks the per-call ratios with CPU time (see <see cref="InterleavedCommand"/>).
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

        if (args is ["interleaved", .. var interleavedArgs])
        {
            return await InterleavedCommand.RunAsync(interleavedArgs).ConfigureAwait(false);
        }

        if (args is ["warmup", .. var warmupArgs])
        {
            return await WarmupSuite.RunAsync(warmupArgs).ConfigureAwait(false);
        }

        // --in-process runs the same job inside this process, from the binaries at hand: it measures a kept build (say,
        // the one before a change) without rebuilding it from today's sources, which the default toolchain does.
        bool inProcess = args.Contains("--in-process");
        args = [.. args.Where(a => a != "--in-process")];
        Job job = Job.Default
            .WithLaunchCount(1)
            .WithMinWarmupCount(6)
            .WithMaxWarmupCount(30)
            .WithIterationCount(7)
            .WithId(inProcess ? "ShortInProcess" : "Short");
        ManualConfig config = DefaultConfig.Instance.AddJob(inProcess ? job.WithToolchain(InProcessEmitToolchain.Instance) : job);

        // The paging benchmarks' memory probe runs in the benchmark process and leaves its results here for the columns.
        string artifacts = config.ArtifactsPath ?? Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts");
        string probes = Path.Combine(artifacts, "memory-probe");
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
