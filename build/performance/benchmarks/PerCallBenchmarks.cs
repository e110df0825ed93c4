using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CloudflareSecrets.Benchmarks.Canned;

namespace CloudflareSecrets.Benchmarks;

/// <summary>
/// The cost of one call through the facade next to two hand-written baselines for the same call (HttpClient with
/// Newtonsoft.Json, the ratio's reference, and with System.Text.Json), all over the same in-memory transport answering
/// the same canned bytes (no network): what the client itself costs per call.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PerCallBenchmarks
{
    public const string NewtonsoftName = "HttpClient + Newtonsoft";
    public const string StjName = "HttpClient + STJ";

    private static readonly string[] Scopes = [SecretScopes.Workers, SecretScopes.AiGateway];

    private HttpClient _getHttp = null!;
    private HttpClient _listHttp = null!;
    private HttpClient _createHttp = null!;
    private SecretsStoreClient _getFacade = null!;
    private SecretsStoreClient _listFacade = null!;
    private SecretsStoreClient _createFacade = null!;
    private HandWrittenClient _getStj = null!;
    private HandWrittenClient _listStj = null!;
    private HandWrittenClient _createStj = null!;
    private HandWrittenNewtonsoftClient _getNewtonsoft = null!;
    private HandWrittenNewtonsoftClient _listNewtonsoft = null!;
    private HandWrittenNewtonsoftClient _createNewtonsoft = null!;

    [GlobalSetup]
    public void Setup()
    {
        _getHttp = new HttpClient(new CannedHandler(Payloads.SecretEnvelope()));
        _listHttp = new HttpClient(new CannedHandler(Payloads.SinglePage(100)));
        _createHttp = new HttpClient(new CannedHandler(Payloads.CreatedEnvelope("MY_API_KEY")));
        (_getFacade, _getNewtonsoft, _getStj) = Clients(_getHttp);
        (_listFacade, _listNewtonsoft, _listStj) = Clients(_listHttp);
        (_createFacade, _createNewtonsoft, _createStj) = Clients(_createHttp);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _getHttp.Dispose();
        _listHttp.Dispose();
        _createHttp.Dispose();
    }

    [BenchmarkCategory("GetSecret"), Benchmark(Baseline = true, Description = NewtonsoftName)]
    public Task<Secret> GetSecret_Newtonsoft() => _getNewtonsoft.GetSecretAsync(Payloads.StoreId, Payloads.SecretId);

    [BenchmarkCategory("GetSecret"), Benchmark(Description = StjName)]
    public Task<Secret> GetSecret_Stj() => _getStj.GetSecretAsync(Payloads.StoreId, Payloads.SecretId);

    [BenchmarkCategory("GetSecret"), Benchmark(Description = "SecretsStoreClient")]
    public Task<Secret> GetSecret_Facade() => _getFacade.GetSecretAsync(Payloads.StoreId, Payloads.SecretId);

    [BenchmarkCategory("ListPage100"), Benchmark(Baseline = true, Description = NewtonsoftName)]
    public Task<int> ListPage_Newtonsoft() => Count(_listNewtonsoft.ListSecretsAsync(Payloads.StoreId, 100));

    [BenchmarkCategory("ListPage100"), Benchmark(Description = StjName)]
    public Task<int> ListPage_Stj() => Count(_listStj.ListSecretsAsync(Payloads.StoreId, 100));

    [BenchmarkCategory("ListPage100"), Benchmark(Description = "SecretsStoreClient")]
    public Task<int> ListPage_Facade() => Count(_listFacade.ListSecretsAsync(Payloads.StoreId, new ListSecretsOptions { PageSize = 100 }));

    [BenchmarkCategory("CreateSecret"), Benchmark(Baseline = true, Description = NewtonsoftName)]
    public Task<Secret> CreateSecret_Newtonsoft() =>
        _createNewtonsoft.CreateSecretAsync(Payloads.StoreId, "MY_API_KEY", "api-token-secret-123", Scopes, "info about my secret");

    [BenchmarkCategory("CreateSecret"), Benchmark(Description = StjName)]
    public Task<Secret> CreateSecret_Stj() =>
        _createStj.CreateSecretAsync(Payloads.StoreId, "MY_API_KEY", "api-token-secret-123", Scopes, "info about my secret");

    [BenchmarkCategory("CreateSecret"), Benchmark(Description = "SecretsStoreClient")]
    public Task<Secret> CreateSecret_Facade() =>
        _createFacade.CreateSecretAsync(Payloads.StoreId, "MY_API_KEY", "api-token-secret-123", Scopes, "info about my secret");

    /// <summary>The facade with its defaults (retries, per-attempt timeout, rate-limit headers respected) and the baselines.</summary>
    internal static (SecretsStoreClient Facade, HandWrittenNewtonsoftClient Newtonsoft, HandWrittenClient Stj) Clients(HttpClient http) =>
        (new SecretsStoreClient(BenchmarkOptions(), http),
         new HandWrittenNewtonsoftClient(http, SecretsStoreClientOptions.DefaultBaseUrl, "bench-token", Payloads.AccountId),
         new HandWrittenClient(http, SecretsStoreClientOptions.DefaultBaseUrl, "bench-token", Payloads.AccountId));

    private static async Task<int> Count(IAsyncEnumerable<Secret> list)
    {
        int count = 0;
        await foreach (Secret secret in list.ConfigureAwait(false))
        {
            count += secret.Name.Length > 0 ? 1 : 0;
        }

        return count;
    }

    internal static SecretsStoreClientOptions BenchmarkOptions() => new()
    {
        ApiToken = "bench-token",
        AccountId = Payloads.AccountId,
        BaseUrl = new Uri(SecretsStoreClientOptions.DefaultBaseUrl),
    };
}
