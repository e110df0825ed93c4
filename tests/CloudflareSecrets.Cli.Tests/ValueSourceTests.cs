using CloudflareSecrets.Cli.Tests.Support;

namespace CloudflareSecrets.Cli.Tests;

/// <summary>A value reaches the emulator from stdin, a file or a variable, never from an argument, and shows in no output.</summary>
public sealed class ValueSourceTests : CliEmulatorTests
{
    private SecretStore _store = null!;

    [SetUp]
    public async Task CreateStoreAsync()
    {
        _store = await NewStoreAsync();
        MarkSetupDone();
    }

    [Test]
    public async Task AValueOnStdinLosesOnlyOneFinalLineBreak()
    {
        CliResult result = await RunWithStdinAsync(Sentinel + "\n\n", "secret", "create", "K", "--scopes", "workers", "--json");

        Assert.That(StoredValue(_store.Id, IdOf(result)), Is.EqualTo(Sentinel + "\n"));
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task AValueFileIsReadAndItsCrlfEndingDropped()
    {
        string path = await WriteFileAsync("value.txt", "line one\nline two " + Sentinel + "\r\n");

        CliResult result = await RunAsync("secret", "create", "K", "--scopes", "workers", "--value-file", path, "--json");

        Assert.That(StoredValue(_store.Id, IdOf(result)), Is.EqualTo("line one\nline two " + Sentinel));
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task AValueEnvironmentVariableIsRead()
    {
        Environment["MY_SECRET"] = Sentinel;

        CliResult result = await RunAsync("secret", "create", "K", "--scopes", "workers", "--value-env", "MY_SECRET", "--json");

        Assert.That(StoredValue(_store.Id, IdOf(result)), Is.EqualTo(Sentinel));
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task AValueFileOfDashReadsStdin()
    {
        CliResult result = await RunWithStdinAsync(Sentinel, "secret", "create", "K", "--scopes", "workers", "--value-file", "-", "--json");

        Assert.That(StoredValue(_store.Id, IdOf(result)), Is.EqualTo(Sentinel));
    }

    [TestCase("--value")]
    [TestCase("--value=")]
    [TestCase("--api-token")]
    [TestCase("--token")]
    [TestCase("--api-key")]
    public async Task AnOptionCarryingASecretIsRefusedWithTheReasonAndNotEchoed(string option)
    {
        string[] args = option.EndsWith('=')
            ? ["secret", "create", "K", "--scopes", "workers", option + Sentinel]
            : ["secret", "create", "K", "--scopes", "workers", option, Sentinel];

        CliResult result = await RunAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("is refused").And.Contain("process list").And.Contain("shell history"));
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
        Assert.That(Requests(), Has.Count.EqualTo(1), "only the setup's store create");
    }

    [Test]
    public async Task AMissingVariableIsAUsageErrorNamingTheVariable()
    {
        CliResult result = await RunAsync("secret", "create", "K", "--scopes", "workers", "--value-env", "NOT_SET_ANYWHERE");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("NOT_SET_ANYWHERE"));
    }

    [Test]
    public async Task EmptyStdinIsAUsageError()
    {
        CliResult result = await RunWithStdinAsync("", "secret", "create", "K", "--scopes", "workers");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("No value on stdin"));
    }

    [Test]
    public async Task TwoValueSourcesAreAUsageError()
    {
        Environment["V"] = Sentinel;

        CliResult result = await RunWithStdinAsync(
            Sentinel, "secret", "create", "K", "--scopes", "workers", "--value-env", "V", "--value-stdin");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task AValueOverTheSizeLimitFailsBeforeSendingWithoutShowingIt()
    {
        string big = Sentinel + new string('x', 70_000);

        CliResult result = await RunWithStdinAsync(big, "secret", "create", "K", "--scopes", "workers");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("65,536"));
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
        Assert.That(Writes(), Is.Empty);
    }

    private static string IdOf(CliResult result)
    {
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        return Json.Parse(result.Stdout).GetProperty("id").GetString()!;
    }
}
