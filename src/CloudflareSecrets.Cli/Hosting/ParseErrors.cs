using System.CommandLine.Parsing;

namespace CloudflareSecrets.Cli.Hosting;

/// <summary>
/// Parse errors without the text of the arguments they are about. System.CommandLine quotes the token it could not
/// place ("Unrecognized command or argument 'X'"), and X may be a value typed after a misspelt option or pasted in the
/// wrong place; the error names it by its position instead. Command names and option names stay, so the message still
/// says which option or command was wrong.
/// </summary>
internal static class ParseErrors
{
    public static string Redact(string message, IReadOnlyList<string> args, IReadOnlyList<Token> tokens, IReadOnlySet<string> knownNames)
    {
        // The raw arguments and the parser's argument tokens ('--scopes:workers' becomes '--scopes' and 'workers').
        var texts = new List<(string Text, int Position)>();
        for (int i = 0; i < args.Count; i++)
        {
            if (!knownNames.Contains(args[i]))
            {
                texts.Add((args[i], i + 1));
            }
        }

        foreach (Token token in tokens)
        {
            if (token.Type == TokenType.Argument && !knownNames.Contains(token.Value))
            {
                texts.Add((token.Value, PositionOf(token.Value, args)));
            }
        }

        // Longest first, so a token that holds a shorter one is replaced whole.
        texts.Sort((a, b) => b.Text.Length.CompareTo(a.Text.Length));
        foreach ((string text, int position) in texts)
        {
            message = message.Replace($"'{text}'", $"(argument {position})", StringComparison.Ordinal);
        }

        // Belt and braces: a message that repeats an argument outside quotes says only where the problem is.
        foreach ((string text, int position) in texts)
        {
            if (text.Length >= 3 && message.Contains(text, StringComparison.Ordinal))
            {
                return $"argument {position} is not valid here.";
            }
        }

        return message;
    }

    private static int PositionOf(string value, IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == value
                || args[i].EndsWith(":" + value, StringComparison.Ordinal)
                || args[i].EndsWith("=" + value, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return 0;
    }
}
