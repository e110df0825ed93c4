using System.Text.Json;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CloudflareSecrets.Benchmarks;

/// <summary>The paging benchmarks' extra columns: cost per item, and the memory probe's results.</summary>
public sealed class PagingColumns : ManualConfig
{
    public PagingColumns()
    {
        AddColumn(
            new ItemColumn("Time/item", "Mean divided by the number of items listed", (report, items) =>
                report.ResultStatistics is { } stats ? Nanoseconds(stats.Mean / items) : "?"),
            new ItemColumn("Alloc/item", "Allocated bytes divided by the number of items listed", (report, items) =>
                report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is { } bytes ? $"{(double)bytes / items:0} B" : "?"),
            new ProbeColumn(
                "Live peak",
                "Most live managed memory above the start while paging (full GCs after every page)",
                r => r.PeakGrowth),
            new ProbeColumn("Live after", "Live managed memory above the start once the listing ended", r => r.RetainedAfter),
            new ProbeColumn("Live peak, items kept", "Control: the same listing keeping every item in a List", r => r.KeptPeakGrowth));
    }

    internal static string Nanoseconds(double ns) =>
        ns >= 1_000_000 ? $"{ns / 1_000_000:0.00} ms" : ns >= 1_000 ? $"{ns / 1_000:0.00} us" : $"{ns:0.0} ns";

    internal static string Bytes(long bytes) =>
        Math.Abs(bytes) >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.00} MB"
        : Math.Abs(bytes) >= 1024 ? $"{bytes / 1024.0:0.0} KB"
        : $"{bytes} B";

    private abstract class Column(string name, string legend) : IColumn
    {
        public string Id => "CloudflareSecrets." + name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => legend;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public abstract string GetValue(Summary summary, BenchmarkCase benchmarkCase);

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        protected static int? Items(BenchmarkCase benchmarkCase) =>
            benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == nameof(PagingBenchmarks.Items))?.Value is int items ? items : null;
    }

    private sealed class ItemColumn(string name, string legend, Func<BenchmarkReport, int, string> value) : Column(name, legend)
    {
        public override string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            summary[benchmarkCase] is { } report && Items(benchmarkCase) is { } items ? value(report, items) : "-";
    }

    private sealed class ProbeColumn(string name, string legend, Func<MemoryProbe.Result, long> pick) : Column(name, legend)
    {
        public override string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            if (Items(benchmarkCase) is not { } items)
            {
                return "-";
            }

            if (MemoryProbe.Directory is not { } directory)
            {
                return "n/a";
            }

            string file = Path.Combine(directory, MemoryProbe.FileName(benchmarkCase.Descriptor.WorkloadMethod.Name, items));
            return File.Exists(file) && JsonSerializer.Deserialize<MemoryProbe.Result>(File.ReadAllText(file)) is { } result
                ? Bytes(pick(result))
                : "n/a";
        }
    }
}
