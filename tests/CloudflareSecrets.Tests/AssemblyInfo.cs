// Most of this suite's time is waiting (slow answers, timeouts, Retry-After waits), not CPU: the fixtures marked
// Parallelizable run more cases at once than there are cores. Every other fixture runs on its own, as before. Mutation
// runs build the suite with ONE_TEST_AT_A_TIME (see the project file): one worker, so no two tests overlap.
#if ONE_TEST_AT_A_TIME
[assembly: LevelOfParallelism(1)]
#else
[assembly: LevelOfParallelism(8)]
#endif

namespace CloudflareSecrets.Tests;

/// <summary>
/// Runs once before any test: enough thread-pool threads from the start for the cases that run side by side. The pool
/// otherwise starts with one thread per core and adds one about every half second when they are all busy, and a
/// continuation queued behind that would count against the suite's short per-attempt timeouts (200 ms) as if the
/// client were slow.
/// </summary>
[SetUpFixture]
public sealed class TestAssemblySetUp
{
    [OneTimeSetUp]
    public void EnoughThreads()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
    }
}
