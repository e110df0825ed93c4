using Spectre.Console;

namespace CloudflareSecrets.Cli.Hosting;

/// <summary>
/// What the tool reads and writes: its streams, whether each is a terminal, and its environment. The real process gets
/// <see cref="FromProcess"/>; tests build their own, so the whole tool runs in process with captured streams.
/// </summary>
internal sealed class CliHost
{
    public required TextReader Input { get; init; }

    public required TextWriter Output { get; init; }

    public required TextWriter Error { get; init; }

    public bool InputIsTerminal { get; init; }

    public bool OutputIsTerminal { get; init; }

    public bool ErrorIsTerminal { get; init; }

    /// <summary>Whether Ctrl+C cancels the command (the real process); in-process hosts leave the signal alone.</summary>
    public bool HandleTermination { get; init; }

    /// <summary>Reads an environment variable; <see langword="null"/> when it is not set.</summary>
    public required Func<string, string?> Environment { get; init; }

    /// <summary>The names of the environment's variables (for <c>push --from-env-prefix</c>).</summary>
    public Func<IEnumerable<string>> EnvironmentNames { get; init; } = () => [];

    /// <summary>The working directory relative paths are resolved against.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>
    /// Asks for a secret without echoing it. Only called when <see cref="InputIsTerminal"/>; a host without a terminal
    /// leaves it <see langword="null"/>.
    /// </summary>
    public Func<string, CancellationToken, Task<string>>? PromptSecret { get; init; }

    /// <summary>Whether colour is allowed at all: never with <c>NO_COLOR</c> set (any value), see no-color.org.</summary>
    public bool ColorAllowed => string.IsNullOrEmpty(Environment("NO_COLOR"));

    public static CliHost FromProcess()
    {
        bool errorIsTerminal = !Console.IsErrorRedirected;
        var host = new CliHost
        {
            Input = Console.In,
            Output = Console.Out,
            Error = Console.Error,
            InputIsTerminal = !Console.IsInputRedirected,
            OutputIsTerminal = !Console.IsOutputRedirected,
            ErrorIsTerminal = errorIsTerminal,
            Environment = System.Environment.GetEnvironmentVariable,
            EnvironmentNames = () => System.Environment.GetEnvironmentVariables().Keys.Cast<string>(),
            PromptSecret = PromptOnTerminalAsync,
            HandleTermination = true,
        };
        return host;
    }

    /// <summary>
    /// A console on <paramref name="writer"/> that uses colour and animation only when it is a terminal and colour is allowed.
    /// </summary>
    public IAnsiConsole CreateConsole(TextWriter writer, bool isTerminal)
    {
        bool rich = isTerminal && ColorAllowed;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = rich ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = rich ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!isTerminal)
        {
            // Redirected output has no width: never wrap a table row a script will read.
            console.Profile.Width = 4096;
        }

        return console;
    }

    private static async Task<string> PromptOnTerminalAsync(string label, CancellationToken cancellationToken)
    {
        // The prompt goes to stderr, so a value asked for never mixes with the data on stdout; no mask character
        // either, so not even the length shows on screen.
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("NO_COLOR"))
                ? ColorSystemSupport.Detect
                : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(Console.Error),
        });
        TextPrompt<string> prompt = new TextPrompt<string>(label).Secret(null);
        return await console.PromptAsync(prompt, cancellationToken);
    }
}
