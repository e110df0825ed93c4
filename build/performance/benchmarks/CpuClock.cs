using System.Runtime.InteropServices;

namespace CloudflareSecrets.Benchmarks;

/// <summary>
/// CPU time with nanosecond resolution (Linux <c>clock_gettime</c>): <see cref="System.Diagnostics.Process.TotalProcessorTime"/>
/// counts in clock ticks of 10 ms, too coarse for batches of calls that take a few milliseconds.
/// </summary>
internal static class CpuClock
{
    private const int ProcessClock = 2;
    private const int ThreadClock = 3;

    /// <summary>The CPU time of the whole process (every thread: the JIT's and the tiering's included), in µs.</summary>
    public static double ProcessMicroseconds() => Read(ProcessClock);

    /// <summary>The CPU time of the calling thread, in µs.</summary>
    public static double ThreadMicroseconds() => Read(ThreadClock);

    private static double Read(int clock) =>
        clock_gettime(clock, out Timespec now) == 0
            ? (now.Seconds * 1e6) + (now.Nanoseconds / 1e3)
            : throw new InvalidOperationException("clock_gettime failed");

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
