using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CloudflareSecrets.Benchmarks.Canned;

namespace CloudflareSecrets.Benchmarks;

/// <summary>
/// The cost of one call through the facade next to the hand-written baseline for the same call, both over the same
/// in-memory transport answering canned bytes (no network): what the client itself costs per call.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PerCallBenchmarks
{
    private static readonly string[] Scopes = [SecretScopes.Workers, SecretScopes.AiGateway];

    private HttpClient _getHttp = null!;
    private HttpClient _listHttp = null!;
    private HttpClient _createHttp = null!;
    private SecretsStoreClient _getFacade = null!;
    private SecretsStoreClient _listFacade = null!;
    private SecretsStoreClient _createFacade = null!;
    private HandWrittenClient _getBaseline = null!;
    private HandWrittenClient _listBaseline = null!;
    private HandWrittenClient _createBaseline = null!;

    [GlobalSetup]
    public void Setup()
    {
        _getHttp = new HttpClient(new CannedHandler(Payloads.SecretEnvelope()));
        _listHttp = new HttpClient(new CannedHandler(Payloads.SinglePage(100)));
        _createHttp = new HttpClient(new CannedHandler(Payloads.CreatedEnvelope("MY_API_KEY")));
        (_getFacade, _getBaseline) = Clients(_getHttp);
        (_listFacade, _listBaseline) = Clients(_listHttp);
        (_createFacade, _createBaseline) = Clients(_createHttp);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _getHttp.Dispose();
        _listHttp.Dispose();
        _createHttp.Dispose();
    }

    [BenchmarkCategory("GetSecret"), Benchmark(Baseline = true, Description = "HttpClient + STJ")]
    public Task<Secret> GetSecret_Baseline() => _getBaseline.GetSecretAsync(Payloads.StoreId, Payloads.SecretId);

    [BenchmarkCategory("GetSecret"), Benchmark(Description = "SecretsStoreClient")]
    public Task<Secret> GetSecret_Facade() => _getFacade.GetSecretAsync(Payloads.StoreId, Payloads.SecretId);

    [BenchmarkCategory("ListPage100"), Benchmark(Baseline = true, Description = "HttpClient + STJ")]
    public async Task<int> ListPage_Baseline()
    {
        int count = 0;
        await foreach (Secret secret in _listBaseline.ListSecretsAsync(Payloads.StoreId, 100).ConfigureAwait(false))
        {
            count += secret.Name.Length > 0 ? 1 : 0;
        }

        return count;
    }

    [BenchmarkCategory("ListPage100"), Benchmark(Description = "SecretsStoreClient")]
    public async Task<int> ListPage_Facade()
    {
        int count = 0;
        await foreach (Secret secret in _listFacade.ListSecretsAsync(Payloads.StoreId, new ListSecretsOptions { PageSize = 100 }).ConfigureAwait(false))
        {
            count += secret.Name.Length > 0 ? 1 : 0;
        }

        return count;
    }

    [BenchmarkCategory("CreateSecret"), Benchmark(Baseline = true, Description = "HttpClient + STJ")]
    public Task<Secret> CreateSecret_Baseline() =>
        _createBaseline.CreateSecretAsync(Payloads.StoreId, "MY_API_KEY", "api-token-secret-123", Scopes, "info about my secret");

    [BenchmarkCategory("CreateSecret"), Benchmark(Description = "SecretsStoreClient")]
    public Task<Secret> CreateSecret_Facade() =>
        _createFacade.CreateSecretAsync(Payloads.StoreId, "MY_API_KEY", "api-token-secret-123", Scopes, "info about my secret");

    /// <summary>The facade with its defaults (retries, per-attempt timeout, rate-limit headers respected) and the baseline.</summary>
    internal static (SecretsStoreClient Facade, HandWrittenClient Baseline) Clients(HttpClient http) =>
        (new SecretsStoreClient(BenchmarkOptions(), http), new HandWrittenClient(http, SecretsStoreClientOptions.DefaultBaseUrl, "bench-token", Payloads.AccountId));

    internal static SecretsStoreClientOptions BenchmarkOptions() => new()
    {
        ApiToken = "bench-token",
        AccountId = Payloads.AccountId,
        BaseUrl = new Uri(SecretsStoreClientOptions.DefaultBaseUrl),
    };
}
