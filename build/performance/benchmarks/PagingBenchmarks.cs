using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CloudflareSecrets.Benchmarks.Canned;

namespace CloudflareSecrets.Benchmarks;

/// <summary>
/// Auto-paging over a long list (pages of 100 made on the fly by <see cref="PagingHandler"/>): time and allocations
/// per item, and how much live memory paging holds at its peak, for 10,000 and 100,000 items. The memory probe runs
/// once after the timed iterations (see <see cref="MemoryProbe"/>) and is shown in the "Live peak" columns.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PagingColumns))]
public class PagingBenchmarks
{
    public const int PageSize = 100;

    private HttpClient _http = null!;
    private PagingHandler _handler = null!;
    private SecretsStoreClient _facade = null!;
    private HandWrittenClient _baseline = null!;
    private HandWrittenNewtonsoftClient _newtonsoft = null!;

    [Params(10_000, 100_000)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _handler = new PagingHandler(Items, PageSize);
        _http = new HttpClient(_handler);
        (_facade, _newtonsoft, _baseline) = PerCallBenchmarks.Clients(_http);
    }

    [Benchmark(Baseline = true, Description = PerCallBenchmarks.NewtonsoftName)]
    public Task<long> Newtonsoft() => Count(NewtonsoftList());

    [Benchmark(Description = PerCallBenchmarks.StjName)]
    public Task<long> Baseline() => Count(BaselineList());

    [Benchmark(Description = "SecretsStoreClient")]
    public Task<long> Facade() => Count(FacadeList());

    [GlobalCleanup(Target = nameof(Newtonsoft))]
    public void ProbeNewtonsoft() => ProbeThenDispose(nameof(Newtonsoft), NewtonsoftList);

    [GlobalCleanup(Target = nameof(Baseline))]
    public void ProbeBaseline() => ProbeThenDispose(nameof(Baseline), BaselineList);

    [GlobalCleanup(Target = nameof(Facade))]
    public void ProbeFacade() => ProbeThenDispose(nameof(Facade), FacadeList);

    private IAsyncEnumerable<Secret> NewtonsoftList() => _newtonsoft.ListSecretsAsync(Payloads.StoreId, PageSize);

    private IAsyncEnumerable<Secret> BaselineList() => _baseline.ListSecretsAsync(Payloads.StoreId, PageSize);

    private IAsyncEnumerable<Secret> FacadeList() =>
        _facade.ListSecretsAsync(Payloads.StoreId, new ListSecretsOptions { PageSize = PageSize });

    private async Task<long> Count(IAsyncEnumerable<Secret> list)
    {
        long count = 0;
        await foreach (Secret secret in list.ConfigureAwait(false))
        {
            count += secret.Id.Length > 0 ? 1 : 0;
        }

        return count == Items ? count : throw new InvalidOperationException($"listed {count} of {Items}");
    }

    private void ProbeThenDispose(string method, Func<IAsyncEnumerable<Secret>> list)
    {
        try
        {
            if (MemoryProbe.Directory is { } directory)
            {
                MemoryProbe.Result result = MemoryProbe.RunAsync(list, Items, PageSize).GetAwaiter().GetResult();
                File.WriteAllText(Path.Combine(directory, MemoryProbe.FileName(method, Items)), JsonSerializer.Serialize(result));
            }
        }
        finally
        {
            _http.Dispose();
        }
    }
}
