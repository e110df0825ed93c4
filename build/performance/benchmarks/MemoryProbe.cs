namespace CloudflareSecrets.Benchmarks;

/// <summary>
/// Measures the live managed memory a listing holds: a full collection (GC.GetTotalMemory(true)) before the listing,
/// after every page while it runs, and after it ends. "Peak growth" is the largest sample minus the one before; if
/// paging keeps only the current page, it is the same for 10,000 and 100,000 items. A control run keeps every item in
/// a list (sampled every 10 pages) to show the probe does see memory that grows with the item count.
/// </summary>
public static class MemoryProbe
{
    public const string DirectoryVariable = "CLOUDFLARESECRETS_BENCH_PROBE_DIR";

    public static string? Directory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } d && System.IO.Directory.Exists(d) ? d : null;

    public static string FileName(string method, int items) => $"{method}-{items}.json";

    public static async Task<Result> RunAsync(Func<IAsyncEnumerable<Secret>> list, int items, int pageSize)
    {
        (long streamingPeak, long streamingAfter, GCMemoryInfo streamingInfo) =
            await MeasureAsync(list, items, pageSize, keep: false).ConfigureAwait(false);
        (long keptPeak, _, _) = await MeasureAsync(list, items, pageSize * 10, keep: true).ConfigureAwait(false);
        return new Result(streamingPeak, streamingAfter, keptPeak, streamingInfo.HeapSizeBytes);
    }

    private static async Task<(long Peak, long After, GCMemoryInfo Info)> MeasureAsync(
        Func<IAsyncEnumerable<Secret>> list,
        int items,
        int sampleEvery,
        bool keep)
    {
        List<Secret>? kept = keep ? new List<Secret>(items) : null;
        long before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = before;
        long count = 0;
        await foreach (Secret secret in list().ConfigureAwait(false))
        {
            kept?.Add(secret);
            if (++count % sampleEvery == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            }
        }

        long after = GC.GetTotalMemory(forceFullCollection: true);
        GCMemoryInfo info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        GC.KeepAlive(kept);
        return count == items ? (peak - before, after - before, info) : throw new InvalidOperationException($"listed {count} of {items}");
    }

    /// <param name="PeakGrowth">The most live memory above the start while paging (bytes).</param>
    /// <param name="RetainedAfter">Live memory above the start once the listing ended (bytes).</param>
    /// <param name="KeptPeakGrowth">The control: the same, keeping every item in a list.</param>
    /// <param name="HeapSizeAfter">The GC heap size after the last full collection of the streaming run (bytes).</param>
    public sealed record Result(long PeakGrowth, long RetainedAfter, long KeptPeakGrowth, long HeapSizeAfter);
}
