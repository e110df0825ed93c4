using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Cli.Tests.Infrastructure;

/// <summary>
/// Base of the tests that run the tool against the emulator: one emulator per fixture, a fresh account per test (so
/// each test finds its own state and requests), and the environment a user would set.
/// </summary>
public abstract class CliEmulatorTests
{
    /// <summary>A value no output may ever contain.</summary>
    protected const string Sentinel = "s3ntinel-VALUE-7f2c9d";

    private SecretsStoreEmulator? _emulator;
    private string? _accountId;
    private SecretsStoreClient? _client;
    private int _setupRequests;
    private readonly List<string> _files = [];

    protected SecretsStoreEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator is not running.");

    protected string AccountId => _accountId ?? throw new InvalidOperationException("No test is running.");

    /// <summary>A library client on this test's account, to set up and check state without the tool.</summary>
    protected SecretsStoreClient Client => _client ??= new SecretsStoreClient(new SecretsStoreClientOptions
    {
        BaseUrl = Emulator.BaseAddress,
        ApiToken = EmulatorOptions.DefaultApiToken,
        AccountId = AccountId,
    });

    /// <summary>The variables a user sets for the tool: token, account and the emulator's address.</summary>
    protected Dictionary<string, string> Environment { get; private set; } = [];

    [OneTimeSetUp]
    public async Task StartEmulatorAsync() => _emulator = await SecretsStoreEmulator.StartAsync(CreateEmulatorOptions());

    [OneTimeTearDown]
    public async Task StopEmulatorAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    [SetUp]
    public void NewAccount()
    {
        _accountId = Guid.NewGuid().ToString("N");
        _client = null;
        _setupRequests = 0;
        Environment = new Dictionary<string, string>
        {
            ["CLOUDFLARE_API_TOKEN"] = EmulatorOptions.DefaultApiToken,
            ["CLOUDFLARE_ACCOUNT_ID"] = AccountId,
            ["CLOUDFLARE_BASE_URL"] = Emulator.BaseAddress.ToString(),
        };
    }

    [TearDown]
    public void DeleteFiles()
    {
        _files.ForEach(File.Delete);
        _files.Clear();
    }

    /// <summary>A file in the test's work directory, deleted after the test (UTF-8 without a byte-order mark unless the text has one).</summary>
    protected async Task<string> WriteFileAsync(string name, string content)
    {
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{Guid.NewGuid():N}-{name}");
        await File.WriteAllTextAsync(path, content, new System.Text.UTF8Encoding(false));
        _files.Add(path);
        return path;
    }

    protected virtual EmulatorOptions CreateEmulatorOptions() => new() { MaxStoresPerAccount = 2 };

    protected Task<CliResult> RunAsync(params string[] args) => InProcessCli.RunAsync(Environment, null, args);

    protected Task<CliResult> RunWithStdinAsync(string stdin, params string[] args) => InProcessCli.RunAsync(Environment, stdin, args);

    /// <summary>This test's requests (those for its account), oldest first.</summary>
    protected IReadOnlyList<RecordedRequest> Requests() =>
        [.. Emulator.Requests.Snapshot().Where(r => r.PathAndQuery.Contains($"/accounts/{AccountId}/", StringComparison.Ordinal))];

    /// <summary>Remembers how many requests the test made so far (its setup), so <see cref="Writes"/> counts only what follows.</summary>
    protected void MarkSetupDone() => _setupRequests = Requests().Count;

    /// <summary>The writes (anything but GET) since <see cref="MarkSetupDone"/>.</summary>
    protected IReadOnlyList<RecordedRequest> Writes() => [.. Requests().Skip(_setupRequests).Where(r => r.Method is not "GET")];

    protected string? StoredValue(string storeId, string secretId) =>
        Emulator.TryGetSecretValue(AccountId, storeId, secretId, out string? value) ? value : null;

    protected Task<SecretStore> NewStoreAsync(string name = "main") => Client.CreateStoreAsync(name);

    protected Task<Secret> NewSecretAsync(SecretStore store, string name, string value = "v", params string[] scopes) =>
        Client.CreateSecretAsync(store.Id, name, value, scopes.Length == 0 ? [SecretScopes.Workers] : scopes);
}
