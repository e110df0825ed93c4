using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Testing;

/// <summary>
/// Base of test classes that talk to the emulator over real HTTP on 127.0.0.1: one emulator per fixture, started before
/// its first test and stopped after its last. A fixture that needs other settings overrides <see cref="CreateEmulatorOptions"/>.
/// </summary>
public abstract class EmulatorFixture
{
    private SecretsStoreEmulator? _emulator;

    protected SecretsStoreEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator is not running.");

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

    /// <summary>The emulator's settings.</summary>
    protected virtual EmulatorOptions CreateEmulatorOptions() => new();
}

/// <summary>
/// An <see cref="EmulatorFixture"/> with a fresh account per test, so tests share no state and each finds its own
/// requests in the emulator's log.
/// </summary>
public abstract class EmulatorAccountFixture : EmulatorFixture
{
    private string? _accountId;

    /// <summary>This test's own account: 32 hex characters, new for every test.</summary>
    protected string AccountId => _accountId ?? throw new InvalidOperationException("No test is running.");

    [SetUp]
    public void NewAccount()
    {
        _accountId = NewAccountId();
        OnNewAccount();
    }

    public static string NewAccountId() => Guid.NewGuid().ToString("N");

    /// <summary>Runs after each test's account is made, before the test's own set-up.</summary>
    protected virtual void OnNewAccount()
    {
    }

    /// <summary>The emulator's record of this test's requests (those for its account), oldest first.</summary>
    protected IReadOnlyList<RecordedRequest> Requests() =>
        [.. Emulator.Requests.Snapshot().Where(r => r.PathAndQuery.Contains($"/accounts/{AccountId}/", StringComparison.Ordinal))];

    /// <summary>
    /// The value the emulator holds for a secret of this test's account, or <see langword="null"/> when there is no
    /// such secret.
    /// </summary>
    protected string? StoredValue(string storeId, string secretId) =>
        Emulator.TryGetSecretValue(AccountId, storeId, secretId, out string? value) ? value : null;
}
