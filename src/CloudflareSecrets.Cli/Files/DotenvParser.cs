using System.Text;
using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Files;

/// <summary>
/// Reads a <c>.env</c> file. The rules (the README lists them): <c>NAME=value</c> lines, an optional <c>export </c>
/// prefix, blank lines and <c>#</c> comment lines skipped; unquoted values end at the line's end or at a <c>#</c> that
/// follows white space, and are trimmed; single quotes keep text as is; double quotes understand <c>\n \r \t \" \\</c>;
/// quoted values may span lines; <c>=</c> inside a value is kept; CRLF reads as LF; a UTF-8 byte-order mark is skipped;
/// no variable expansion. A name given twice is an error (a secrets file where the second line silently wins is
/// how the wrong value gets deployed). Errors name the line and column (<c>.env:2:5:</c>), never text of the file: a
/// line that is not <c>NAME=value</c> may be part of a value (a PEM key pasted without quotes).
/// </summary>
internal static class DotenvParser
{
    public static IReadOnlyList<SecretsFileEntry> Parse(string text, string source)
    {
        string s = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        var entries = new List<SecretsFileEntry>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int i = 0;
        int line = 1;
        while (i < s.Length)
        {
            int start = line;
            SkipSpaces(s, ref i);
            if (i >= s.Length)
            {
                break;
            }

            if (s[i] == '\n' || s[i] == '#')
            {
                SkipToNextLine(s, ref i, ref line);
                continue;
            }

            if (string.CompareOrdinal(s, i, "export", 0, 6) == 0 && i + 6 < s.Length && s[i + 6] is ' ' or '\t')
            {
                i += 6;
                SkipSpaces(s, ref i);
            }

            int nameStart = i;
            while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '_' or '-' or '.'))
            {
                i++;
            }

            string name = s[nameStart..i];
            SkipSpaces(s, ref i);
            if (name.Length == 0 || i >= s.Length || s[i] != '=')
            {
                throw Error(source, s, name.Length == 0 ? nameStart : i, name.Length == 0
                    ? "expected NAME=value (a name is letters, digits, '_', '-' or '.')"
                    : "expected '=' after the name");
            }

            i++;
            SkipSpaces(s, ref i);
            if (string.CompareOrdinal(s, i, "-----BEGIN", 0, 10) == 0)
            {
                // Unquoted, the key's next lines would be read as names (and one ending in '=' as a secret).
                throw Error(source, s, i, "a PEM block spans lines, so it must be in double or single quotes");
            }

            string value = i < s.Length && s[i] is '"' or '\''
                ? Quoted(s, ref i, ref line, source)
                : Unquoted(s, ref i);
            SkipToNextLine(s, ref i, ref line);
            if (seen.TryGetValue(name, out int first))
            {
                throw Error(source, s, nameStart, $"this name is already defined on line {first}; keep one");
            }

            seen[name] = start;
            entries.Add(new SecretsFileEntry(name, value, start));
        }

        return entries;
    }

    private static string Unquoted(string s, ref int i)
    {
        int start = i;
        while (i < s.Length && s[i] != '\n' && !(s[i] == '#' && i > 0 && s[i - 1] is ' ' or '\t'))
        {
            i++;
        }

        return s[start..i].TrimEnd(' ', '\t');
    }

    private static string Quoted(string s, ref int i, ref int line, string source)
    {
        int opened = i;
        char quote = s[i++];
        var value = new StringBuilder();
        while (true)
        {
            if (i >= s.Length)
            {
                throw Error(source, s, opened, $"the {(quote == '"' ? "double" : "single")} quote opened here is never closed");
            }

            char c = s[i++];
            if (c == quote)
            {
                break;
            }

            if (c == '\n')
            {
                line++;
            }

            if (c == '\\' && quote == '"' && i < s.Length)
            {
                char next = s[i++];
                switch (next)
                {
                    case 'n': value.Append('\n'); break;
                    case 'r': value.Append('\r'); break;
                    case 't': value.Append('\t'); break;
                    case '"' or '\\': value.Append(next); break;
                    default:
                        // An unknown escape stays as written, so a Windows path or a regular expression survives.
                        value.Append('\\').Append(next);
                        line += next == '\n' ? 1 : 0;
                        break;
                }

                continue;
            }

            value.Append(c);
        }

        // After the closing quote only white space or a comment may follow on the line.
        SkipSpaces(s, ref i);
        if (i < s.Length && s[i] is not ('\n' or '#'))
        {
            throw Error(source, s, i, "unexpected text after the closing quote");
        }

        return value.ToString();
    }

    private static void SkipSpaces(string s, ref int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t')
        {
            i++;
        }
    }

    private static void SkipToNextLine(string s, ref int i, ref int line)
    {
        while (i < s.Length && s[i] != '\n')
        {
            i++;
        }

        if (i < s.Length)
        {
            i++;
            line++;
        }
    }

    /// <summary>An error at <paramref name="position"/> of the text, as <c>source:line:column: rule.</c> (both counted from 1).</summary>
    private static CliException Error(string source, string s, int position, string rule)
    {
        int line = 1 + s.AsSpan(0, position).Count('\n');
        int column = position - (s.LastIndexOf('\n', Math.Max(position - 1, 0)) + 1) + 1;
        if (position == 0)
        {
            column = 1;
        }

        return new($"{source}:{line}:{column}: {rule}.");
    }
}
