using System.Diagnostics;

namespace CloudflareSecrets.Cli.Tests.Support;

/// <summary>
/// The tool in a real terminal: a detached tmux session of fixed size running one shell command, typed into with
/// send-keys and read with capture-pane. Every wait is bounded. Each session has a tmux server of its own (its own
/// socket): on a shared server, the last session's end stops the server while the next test may be connecting to it.
/// </summary>
public sealed class TmuxSession : IDisposable
{
    private readonly string _name = "cfsecrets-test-" + Guid.NewGuid().ToString("N")[..12];

    private TmuxSession()
    {
    }

    public static bool Available { get; } = Run("-V").ExitCode == 0;

    /// <summary>
    /// Starts <paramref name="shellCommand"/> in a 120×30 terminal with exactly <paramref name="environment"/> (nothing inherited).
    /// </summary>
    public static TmuxSession Start(IReadOnlyDictionary<string, string> environment, string shellCommand)
    {
        var session = new TmuxSession();
        string variables = string.Join(' ', environment.Select(e => $"{e.Key}='{e.Value}'"));

        // env -i: the tmux server's own environment (whatever started it) does not leak into the tool. The shell stays
        // open after the command so the last screen can be read; the session is killed on dispose.
        string command = $"env -i {variables} sh -c '{shellCommand}; echo \"[exit $?]\"; sleep 120'";
        (int code, string output) =
            session.Here("-f", "/dev/null", "new-session", "-d", "-s", session._name, "-x", "120", "-y", "30", command);
        return code == 0 ? session : throw new InvalidOperationException($"tmux new-session failed: {output}");
    }

    /// <summary>
    /// The screen as text; with <paramref name="escapes"/>, with its colour and style sequences; with
    /// <paramref name="history"/>, with what scrolled off.
    /// </summary>
    public string Capture(bool escapes = false, bool history = false)
    {
        var args = new List<string> { "capture-pane", "-p", "-t", _name };
        if (escapes)
        {
            args.Add("-e");
        }

        if (history)
        {
            args.AddRange(["-S", "-"]);
        }

        return Here([.. args]).Output;
    }

    /// <summary>Types text literally (no key names).</summary>
    public void Type(string text) => Here("send-keys", "-t", _name, "-l", text);

    public void PressEnter() => Here("send-keys", "-t", _name, "Enter");

    /// <summary>Polls the screen until <paramref name="done"/> holds (every 50 ms, at most <paramref name="timeout"/>).</summary>
    public string WaitFor(Func<string, bool> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        string screen = Capture();
        while (!done(screen))
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The terminal did not show {what} within {timeout.TotalSeconds:0} s. Screen:\n{screen}");
            }

            Thread.Sleep(50);
            screen = Capture();
        }

        return screen;
    }

    public void Dispose() => Here("kill-server");

    /// <summary>Writes a screen into the test output, framed, so a reader sees what the user saw.</summary>
    public static void Show(string title, string screen)
    {
        string[] lines = screen.TrimEnd('\n').Split('\n');
        TestContext.Out.WriteLine($"┌── {title} " + new string('─', Math.Max(0, 110 - title.Length)));
        foreach (string line in lines)
        {
            TestContext.Out.WriteLine("│ " + line);
        }

        TestContext.Out.WriteLine("└" + new string('─', 116));
    }

    /// <summary>A tmux command on this session's own server.</summary>
    private (int ExitCode, string Output) Here(params string[] args) => Run(["-L", _name, .. args]);

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo("tmux")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            args.ToList().ForEach(start.ArgumentList.Add);
            using Process process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            return process.WaitForExit(10_000) ? (process.ExitCode, output) : (-1, "tmux did not answer within 10 s");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
