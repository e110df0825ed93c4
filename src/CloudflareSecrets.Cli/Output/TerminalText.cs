using System.Globalization;
using System.Text;

namespace CloudflareSecrets.Cli.Output;

/// <summary>
/// Text from the server (names, comments, error messages) made safe for a terminal: control characters (C0, DEL and
/// C1, which start escape sequences that can move the cursor, clear the screen, retitle the window or forge a link)
/// and the bidirectional overrides that reorder what is seen are shown as <c>\xHH</c> or <c>\uHHHH</c>, never sent.
/// JSON output needs none of this: its writer escapes control characters itself.
/// </summary>
internal static class TerminalText
{
    public static string Neutralise(string text) => Neutralise(text, keepTabs: false);

    /// <summary>As <see cref="Neutralise(string)"/>, keeping line breaks and tabs: for the tool's own messages of several lines.</summary>
    public static string NeutraliseLines(string text) =>
        string.Join(
            '\n',
            text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => Neutralise(line, keepTabs: true)));

    private static string Neutralise(string text, bool keepTabs)
    {
        int first = IndexOfUnsafe(text, 0, keepTabs);
        if (first < 0)
        {
            return text;
        }

        var safe = new StringBuilder(text.Length + 16);
        safe.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (!IsUnsafe(c) || (keepTabs && c == '\t'))
            {
                safe.Append(c);
            }
            else if (c <= '\u00FF')
            {
                safe.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                safe.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return safe.ToString();
    }

    private static int IndexOfUnsafe(string text, int start, bool keepTabs)
    {
        for (int i = start; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]) && !(keepTabs && text[i] == '\t'))
            {
                return i;
            }
        }

        return -1;
    }

    // U+202A-U+202E and U+2066-U+2069: the embeddings, overrides and isolates of the bidirectional algorithm.
    private static bool IsUnsafe(char c) => char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
