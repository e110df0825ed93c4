using System.Net.Http.Headers;
using CloudflareSecrets.Emulator;
using Microsoft.Extensions.DependencyInjection;

namespace CloudflareSecrets.IntegrationTests.Support;

/// <summary>How a test gets its client: both ways an application does.</summary>
public enum ClientKind
{
    /// <summary><c>new SecretsStoreClient(options)</c>, sending through the client's shared connection pool.</summary>
    Constructed,

    /// <summary><c>services.AddCloudflareSecretsStore(...)</c>, then <see cref="ISecretsStoreClient"/> from the container.</summary>
    DependencyInjection,
}

/// <summary>
/// Base of the tests that drive the client against the emulator over real HTTP on 127.0.0.1: one emulator per fixture,
/// and a fresh account per test (<see cref="EmulatorAccountFixture"/>), with the client for that account.
/// </summary>
public abstract class EmulatorTests(ClientKind kind = ClientKind.Constructed) : EmulatorAccountFixture
{
    /// <summary>Backoff short enough that a retry costs milliseconds, not seconds.</summary>
    protected static readonly TimeSpan TinyDelay = TimeSpan.FromMilliseconds(10);

    private readonly List<IDisposable> _disposables = [];
    private readonly List<IAsyncDisposable> _asyncDisposables = [];
    private ISecretsStoreClient? _client;

    protected ClientKind Kind { get; } = kind;

    /// <summary>This test's client: the emulator's default token, this test's account, tiny backoff.</summary>
    protected ISecretsStoreClient Client => _client ??= CreateClient();

    protected override void OnNewAccount() => _client = null;

    [TearDown]
    public async Task DisposeClientsAsync()
    {
        foreach (IAsyncDisposable disposable in _asyncDisposables)
        {
            await disposable.DisposeAsync();
        }

        foreach (IDisposable disposable in _disposables)
        {
            disposable.Dispose();
        }

        _asyncDisposables.Clear();
        _disposables.Clear();
    }

    /// <summary>The emulator's settings; a fixture that needs other limits overrides this.</summary>
    protected override EmulatorOptions CreateEmulatorOptions() => new() { MaxStoresPerAccount = 3 };

    /// <summary>
    /// A client of <see cref="Kind"/> for this test's account; <paramref name="configure"/> changes the defaults.
    /// With <paramref name="freshConnections"/>, a constructed client gets its own <see cref="HttpClient"/> instead of the
    /// shared pool, so its first request opens a new connection (a container's client always does: one container per call).
    /// </summary>
    protected ISecretsStoreClient CreateClient(Action<SecretsStoreClientOptions>? configure = null, bool freshConnections = false)
    {
        void Configure(SecretsStoreClientOptions options)
        {
            options.BaseUrl = Emulator.BaseAddress;
            options.ApiToken = EmulatorOptions.DefaultApiToken;
            options.AccountId = AccountId;
            options.Retry.BaseDelay = TinyDelay;
            options.Retry.MaxDelay = TinyDelay * 5;
            configure?.Invoke(options);
        }

        if (Kind == ClientKind.DependencyInjection)
        {
            var services = new ServiceCollection();
            services.AddCloudflareSecretsStore(Configure);
            ServiceProvider provider = services.BuildServiceProvider(
                new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            _asyncDisposables.Add(provider);
            return provider.GetRequiredService<ISecretsStoreClient>();
        }

        var direct = new SecretsStoreClientOptions();
        Configure(direct);
        if (!freshConnections)
        {
            return new SecretsStoreClient(direct);
        }

        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _disposables.Add(http);
        return new SecretsStoreClient(direct, http);
    }

    /// <summary>
    /// A constructed client for this test's account that sends through <paramref name="handler"/> (for example an
    /// <see cref="InterleavingHandler"/>).
    /// </summary>
    protected ISecretsStoreClient CreateClientThrough(HttpMessageHandler handler)
    {
        var options = new SecretsStoreClientOptions
        {
            BaseUrl = Emulator.BaseAddress,
            ApiToken = EmulatorOptions.DefaultApiToken,
            AccountId = AccountId,
            Retry = { BaseDelay = TinyDelay, MaxDelay = TinyDelay * 5 },
        };
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _disposables.Add(http);
        return new SecretsStoreClient(options, http);
    }

    /// <summary>
    /// A plain <see cref="HttpClient"/> on the emulator's API root with the default token, for what the client refuses
    /// to send.
    /// </summary>
    protected HttpClient CreateRawHttpClient()
    {
        var http = new HttpClient { BaseAddress = Emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorOptions.DefaultApiToken);
        _disposables.Add(http);
        return http;
    }

    /// <summary>
    /// The <c>CF-Ray</c> of this test's latest request, for comparing with an exception's
    /// <see cref="CloudflareApiException.RayId"/>.
    /// </summary>
    protected string LastRayId() => Requests()[^1].RayId;

    /// <summary>
    /// A fault rule's path pattern that matches only this test's requests to <paramref name="path"/> (below
    /// <c>secrets_store/</c>).
    /// </summary>
    protected string OwnPath(string path = "") => $"/accounts/{AccountId}/secrets_store/{path}";

    protected Task<SecretStore> NewStoreAsync(string name = "service_x_keys") => Client.CreateStoreAsync(name);
}
