using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Cli.Tests.Support;

/// <summary>
/// Base of the tests that run the tool against the emulator: one emulator per fixture, a fresh account per test (so
/// each test finds its own state and requests; <see cref="EmulatorAccountFixture"/>), and the environment a user would set.
/// </summary>
public abstract class CliEmulatorTests : EmulatorAccountFixture
{
    /// <summary>A value no output may ever contain.</summary>
    protected const string Sentinel = "s3ntinel-VALUE-7f2c9d";

    private SecretsStoreClient? _client;
    private int _setupRequests;
    private readonly List<string> _files = [];

    /// <summary>A library client on this test's account, to set up and check state without the tool.</summary>
    protected SecretsStoreClient Client => _client ??= new SecretsStoreClient(new SecretsStoreClientOptions
    {
        BaseUrl = Emulator.BaseAddress,
        ApiToken = EmulatorOptions.DefaultApiToken,
        AccountId = AccountId,
    });

    /// <summary>The emulator's raw JSON answer to a GET of <paramref name="path"/> under this test's account.</summary>
    protected async Task<string> RawAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"accounts/{AccountId}/{path}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", EmulatorOptions.DefaultApiToken);
        using HttpResponseMessage response = await http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The variables a user sets for the tool: token, account and the emulator's address.</summary>
    protected Dictionary<string, string> Environment { get; private set; } = [];

    protected override void OnNewAccount()
    {
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

    /// <summary>
    /// A file in the test's work directory, deleted after the test (UTF-8 without a byte-order mark unless the text has one).
    /// </summary>
    protected async Task<string> WriteFileAsync(string name, string content)
    {
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{Guid.NewGuid():N}-{name}");
        await File.WriteAllTextAsync(path, content, new System.Text.UTF8Encoding(false));
        _files.Add(path);
        return path;
    }

    protected override EmulatorOptions CreateEmulatorOptions() => new() { MaxStoresPerAccount = 2 };

    protected Task<CliResult> RunAsync(params string[] args) => InProcessCli.RunAsync(Environment, null, args);

    protected Task<CliResult> RunWithStdinAsync(string stdin, params string[] args) => InProcessCli.RunAsync(Environment, stdin, args);

    /// <summary>Remembers how many requests the test made so far (its setup), so <see cref="Writes"/> counts only what follows.</summary>
    protected void MarkSetupDone() => _setupRequests = Requests().Count;

    /// <summary>The writes (anything but GET) since <see cref="MarkSetupDone"/>.</summary>
    protected IReadOnlyList<RecordedRequest> Writes() => [.. Requests().Skip(_setupRequests).Where(r => r.Method is not "GET")];

    protected Task<SecretStore> NewStoreAsync(string name = "main") => Client.CreateStoreAsync(name);

    protected Task<Secret> NewSecretAsync(SecretStore store, string name, string value = "v", params string[] scopes) =>
        Client.CreateSecretAsync(store.Id, name, value, scopes.Length == 0 ? [SecretScopes.Workers] : scopes);
}
