using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Wrangler;

/// <summary>What a line of <c>wrangler.toml</c> is: blank or comment, a table header, an array-of-tables header, a key.</summary>
internal enum TomlKind
{
    Trivia,
    Table,
    ArrayTable,
    KeyValue,
}

/// <summary>
/// One statement: <c>Start</c>..<c>End</c> its lines (End after the line break); <c>Path</c> a header's key, or a
/// key's full path (its table's key and its own); <c>Header</c> the statement index of the table it is in (-1: the
/// root); <c>ValueStart</c>..<c>ValueEnd</c> and <c>Value</c> a key's value (a string, a list, a dictionary for an
/// inline table, or a <see cref="TomlScalar"/>).
/// </summary>
internal sealed record TomlStatement(
    TomlKind Kind, int Start, int End, string[] Path, int Header, int ValueStart, int ValueEnd, object? Value);

/// <summary>A number, boolean or date: kept as its text, never needed.</summary>
internal sealed record TomlScalar(string Text);

/// <summary>A reader of TOML 1.0's syntax, enough to find every statement's extent and read strings, arrays and inline tables.</summary>
internal sealed partial class TomlReader(string text, string source)
{
    private int _i;

    public List<TomlStatement> ReadAll()
    {
        var statements = new List<TomlStatement>();
        string[] table = [];
        int header = -1;
        while (_i < text.Length)
        {
            int start = _i;
            SkipSpaces();
            if (AtLineEnd() || Peek() == '#')
            {
                SkipComment();
                EndLine();
                statements.Add(new TomlStatement(TomlKind.Trivia, start, _i, [], header, -1, -1, null));
                continue;
            }

            if (Peek() == '[')
            {
                bool array = PeekAt(1) == '[';
                _i += array ? 2 : 1;
                SkipSpaces();
                string[] path = ReadKey();
                SkipSpaces();
                Expect(array ? "]]" : "]");
                SkipSpaces();
                SkipComment();
                EndLine();
                header = statements.Count;
                table = path;
                statements.Add(new TomlStatement(array ? TomlKind.ArrayTable : TomlKind.Table, start, _i, path, header, -1, -1, null));
                continue;
            }

            string[] key = ReadKey();
            SkipSpaces();
            Expect("=");
            SkipSpaces();
            int valueStart = _i;
            object? value = ReadValue();
            int valueEnd = _i;
            SkipSpaces();
            SkipComment();
            EndLine();
            statements.Add(new TomlStatement(TomlKind.KeyValue, start, _i, [.. table, .. key], header, valueStart, valueEnd, value));
        }

        return statements;
    }

    private char Peek() => _i < text.Length ? text[_i] : '\0';

    private char PeekAt(int offset) => _i + offset < text.Length ? text[_i + offset] : '\0';

    private bool At(string token) => string.CompareOrdinal(text, _i, token, 0, token.Length) == 0;

    private bool AtLineEnd() => _i >= text.Length || text[_i] == '\n' || (text[_i] == '\r' && PeekAt(1) == '\n');

    private void SkipSpaces()
    {
        while (Peek() is ' ' or '\t')
        {
            _i++;
        }
    }

    private void SkipComment()
    {
        if (Peek() == '#')
        {
            while (!AtLineEnd())
            {
                _i++;
            }
        }
    }

    /// <summary>Spaces, line breaks and comments, as allowed between an array's values.</summary>
    private void SkipSpacesAndLines()
    {
        while (true)
        {
            SkipSpaces();
            SkipComment();
            if (_i < text.Length && AtLineEnd())
            {
                _i += text[_i] == '\r' ? 2 : 1;
                continue;
            }

            return;
        }
    }

    private void EndLine()
    {
        if (_i >= text.Length)
        {
            return;
        }

        if (!AtLineEnd())
        {
            throw Error("expected the end of the line");
        }

        _i += text[_i] == '\r' ? 2 : 1;
    }

    private void Expect(string token)
    {
        if (!At(token))
        {
            throw Error($"expected '{token}'");
        }

        _i += token.Length;
    }

    private string[] ReadKey()
    {
        var parts = new List<string>();
        while (true)
        {
            SkipSpaces();
            if (Peek() == '"')
            {
                parts.Add(ReadBasicString());
            }
            else if (Peek() == '\'')
            {
                parts.Add(ReadLiteralString());
            }
            else
            {
                int start = _i;
                while (char.IsAsciiLetterOrDigit(Peek()) || Peek() is '_' or '-')
                {
                    _i++;
                }

                if (_i == start)
                {
                    throw Error("expected a key");
                }

                parts.Add(text[start.._i]);
            }

            SkipSpaces();
            if (Peek() != '.')
            {
                return [.. parts];
            }

            _i++;
        }
    }

    private object? ReadValue()
    {
        switch (Peek())
        {
            case '"':
                return At("\"\"\"") ? ReadMultiLineString(basic: true) : ReadBasicString();
            case '\'':
                return At("'''") ? ReadMultiLineString(basic: false) : ReadLiteralString();
            case '[':
                _i++;
                var items = new List<object?>();
                while (true)
                {
                    SkipSpacesAndLines();
                    if (Peek() == ']')
                    {
                        _i++;
                        return items;
                    }

                    items.Add(ReadValue());
                    SkipSpacesAndLines();
                    if (Peek() == ',')
                    {
                        _i++;
                        continue;
                    }

                    Expect("]");
                    return items;
                }

            case '{':
                _i++;
                var table = new Dictionary<string, object?>(StringComparer.Ordinal);
                SkipSpacesAndLines();
                if (Peek() == '}')
                {
                    _i++;
                    return table;
                }

                while (true)
                {
                    string key = string.Join('.', ReadKey());
                    SkipSpaces();
                    Expect("=");
                    SkipSpaces();
                    table[key] = ReadValue();
                    SkipSpacesAndLines();
                    if (Peek() == ',')
                    {
                        _i++;
                        SkipSpacesAndLines();
                        continue;
                    }

                    Expect("}");
                    return table;
                }

            default:
                int start = _i;
                while (_i < text.Length && text[_i] is not (' ' or '\t' or '\r' or '\n' or '#' or ',' or ']' or '}'))
                {
                    _i++;
                }

                return _i > start ? new TomlScalar(text[start.._i]) : throw Error("expected a value");
        }
    }

    private CliException Error(string what) =>
        new($"{source}:{text.AsSpan(0, Math.Min(_i, text.Length)).Count('\n') + 1}: not valid TOML ({what}).");
}
