using System.Text;
using CloudflareSecrets.Cli.Tests.Support;
using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Cli.Tests;

/// <summary>
/// The hidden prompt, the progress bar and colour in a real terminal (tmux), with the screens in the test output.
/// The tool runs as a real process against this fixture's emulator.
/// </summary>
[NonParallelizable]
public sealed class TerminalTests : CliEmulatorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SetUp]
    public void RequireTmux()
    {
        if (!TmuxSession.Available)
        {
            Assert.Ignore("tmux is not installed (apt-get install tmux): the terminal tests need a real terminal.");
        }
    }

    private Dictionary<string, string> TerminalEnvironment(bool noColor = false)
    {
        var environment = new Dictionary<string, string>(Environment)
        {
            ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = System.Environment.GetEnvironmentVariable("HOME") ?? Path.GetTempPath(),
            ["TERM"] = "xterm-256color",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        if (noColor)
        {
            environment["NO_COLOR"] = "1";
        }

        return environment;
    }

    private static string Tool(string args) => ToolProcess.ShellCommand(args);

    [Test]
    public async Task TheHiddenPromptReadsTheValueWithoutShowingIt()
    {
        SecretStore store = await NewStoreAsync();
        using var terminal = TmuxSession.Start(TerminalEnvironment(), Tool("secret create PROMPTED --scopes workers"));

        string prompt = terminal.WaitFor(s => s.Contains("Value for PROMPTED", StringComparison.Ordinal), Patience, "the prompt");
        terminal.Type(Sentinel);
        string typed = terminal.Capture();
        terminal.PressEnter();
        string done = terminal.WaitFor(s => s.Contains("[exit ", StringComparison.Ordinal), Patience, "the exit");

        TmuxSession.Show("prompt shown", prompt);
        TmuxSession.Show("value typed, not yet entered", typed);
        TmuxSession.Show("after Enter", done);
        Assert.That(typed + done, Does.Not.Contain(Sentinel));
        Assert.That(typed, Does.Not.Contain("*****"), "not even the length shows");
        Assert.That(done, Does.Contain("Created secret PROMPTED").And.Contain("[exit 0]"));
        Secret secret = (await Client.FindSecretByNameAsync(store.Id, "PROMPTED"))!;
        Assert.That(StoredValue(store.Id, secret.Id), Is.EqualTo(Sentinel));
    }

    [Test]
    public async Task PushShowsAProgressBarOnATerminal()
    {
        SecretStore store = await NewStoreAsync();
        var file = new StringBuilder();
        for (int i = 0; i < 24; i++)
        {
            await NewSecretAsync(store, $"EXISTING_{i:D2}");
            file.Append($"EXISTING_{i:D2}={Sentinel}{i}\n");
        }

        file.Append($"BRAND_NEW={Sentinel}\n");
        string path = await WriteFileAsync("progress.env", file.ToString());

        // Each update takes 200 ms here, so the bar is on screen long enough to be read part-way.
        Emulator.Faults.Add(new FaultRule
        {
            Method = "PATCH",
            PathPattern = $"/accounts/{AccountId}/",
            Delay = TimeSpan.FromMilliseconds(200),
            Count = 100,
        });
        using var terminal = TmuxSession.Start(TerminalEnvironment(), Tool($"push {path}"));

        string partWay = terminal.WaitFor(s => PercentShown(s) is > 0 and < 100, Patience, "a part-way bar");
        terminal.WaitFor(s => s.Contains("[exit ", StringComparison.Ordinal), Patience, "the exit");
        string done = terminal.Capture(history: true);

        TmuxSession.Show("push, part-way", partWay);
        TmuxSession.Show("push, done", done);
        Assert.That(partWay, Does.Contain("━"), "a bar is drawn");
        Assert.That(done, Does.Contain("100%").And.Contain("Created 1, updated 24, deleted 0").And.Contain("[exit 0]"));
        Assert.That(partWay + done, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task TablesUseStyleOnATerminalAndNoneWithNoColor()
    {
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "STYLED");

        string styled;
        using (var terminal = TmuxSession.Start(TerminalEnvironment(), Tool("secret list")))
        {
            terminal.WaitFor(s => s.Contains("[exit ", StringComparison.Ordinal), Patience, "the exit");
            styled = terminal.Capture(escapes: true);
        }

        string plain;
        using (var terminal = TmuxSession.Start(TerminalEnvironment(noColor: true), Tool("secret list")))
        {
            terminal.WaitFor(s => s.Contains("[exit ", StringComparison.Ordinal), Patience, "the exit");
            plain = terminal.Capture(escapes: true);
        }

        TmuxSession.Show(
            "secret list on a terminal (escape sequences shown as ^[)", styled.Replace("\u001b", "^[", StringComparison.Ordinal));
        TmuxSession.Show("secret list with NO_COLOR=1", plain.Replace("\u001b", "^[", StringComparison.Ordinal));
        Assert.That(styled, Does.Contain("STYLED").And.Contain("\u001b["));
        Assert.That(plain, Does.Contain("STYLED").And.Not.Contain("\u001b["));
    }

    private static int? PercentShown(string screen)
    {
        int at = screen.IndexOf('%', StringComparison.Ordinal);
        if (at < 1)
        {
            return null;
        }

        int start = at;
        while (start > 0 && char.IsAsciiDigit(screen[start - 1]))
        {
            start--;
        }

        return start < at && int.TryParse(screen.AsSpan(start, at - start), out int percent) ? percent : null;
    }
}
