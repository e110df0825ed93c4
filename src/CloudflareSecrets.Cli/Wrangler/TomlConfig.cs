using System.Globalization;
using System.Text;
using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Wrangler;

/// <summary>
/// <c>wrangler.toml</c>, read as a list of statements (blank and comment lines, table headers, key/value pairs) with
/// their exact character ranges, so an edit replaces or inserts text at one place and copies every other character.
/// The array is found in either spelling TOML allows: array-of-tables blocks (<c>[[secrets_store_secrets]]</c>,
/// <c>[[env.NAME.secrets_store_secrets]]</c>), as wrangler's documentation writes it, or a key holding an inline array.
/// </summary>
internal sealed class TomlConfig : WranglerConfig
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _text;
    private readonly bool _bom;
    private readonly List<Statement> _statements;

    public TomlConfig(string source, byte[] text, bool bom)
        : base(source)
    {
        try
        {
            _text = StrictUtf8.GetString(text);
        }
        catch (DecoderFallbackException)
        {
            throw new CliException($"{source}: not valid UTF-8, which TOML requires.");
        }

        _bom = bom;
        _statements = new Reader(_text, source).ReadAll();
    }

    private enum Kind
    {
        Trivia,
        Table,
        ArrayTable,
        KeyValue,
    }

    public override IReadOnlyList<string> Environments
    {
        get
        {
            var names = new List<string>();
            foreach (Statement s in _statements)
            {
                if (s.Path.Length >= 2 && s.Path[0] == "env")
                {
                    names.Add(s.Path[1]);
                }
                else if (s is { Kind: Kind.KeyValue, Path: ["env"], Value: Dictionary<string, object?> inline })
                {
                    names.AddRange(inline.Keys.Select(k => k.Split('.')[0]));
                }
            }

            return [.. names.Distinct(StringComparer.Ordinal)];
        }
    }

    public override IReadOnlyList<ConfiguredBinding> Bindings(string? environment)
    {
        string[] target = Target(environment);
        var tables = new List<Dictionary<string, object?>>();
        for (int h = 0; h < _statements.Count; h++)
        {
            Statement s = _statements[h];
            if (s.Kind == Kind.KeyValue && s.Path.SequenceEqual(target))
            {
                if (s.Value is not List<object?> items)
                {
                    throw new CliException($"{Source}:{LineOf(s.Start)}: {string.Join('.', target)} must be an array.");
                }

                tables.AddRange(items.Select(item => item as Dictionary<string, object?> ?? []));
            }
            else if (s.Kind == Kind.ArrayTable && s.Path.SequenceEqual(target))
            {
                var table = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (Statement kv in _statements.Where(x => x.Header == h && x.Kind == Kind.KeyValue && x.Path.Length == target.Length + 1))
                {
                    table[kv.Path[^1]] = kv.Value;
                }

                tables.Add(table);
            }
        }

        var bindings = new List<ConfiguredBinding>();
        for (int i = 0; i < tables.Count; i++)
        {
            Dictionary<string, object?> table = tables[i];
            int index = i;
            string Field(string name) => table.GetValueOrDefault(name) is string { Length: > 0 } value
                ? value
                : throw BadEntry(environment, index, $"has no {name} string");
            bindings.Add(new ConfiguredBinding(environment, i, new SecretsStoreBinding(Field("binding"), Field("store_id"), Field("secret_name"))));
        }

        return bindings;
    }

    public override byte[] WithBindings(string? environment, IReadOnlyList<SecretsStoreBinding> bindings)
    {
        string[] target = Target(environment);
        string newLine = _text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var edits = new List<(int At, int Remove, string Insert)>();
        int inline = _statements.FindIndex(s => s.Kind == Kind.KeyValue && s.Path.SequenceEqual(target));
        List<int> blocks = [.. Enumerable.Range(0, _statements.Count).Where(h => _statements[h].Kind == Kind.ArrayTable && _statements[h].Path.SequenceEqual(target))];
        if (inline >= 0)
        {
            Statement s = _statements[inline];
            edits.Add((s.ValueStart, s.ValueEnd - s.ValueStart, RenderInlineArray(bindings, LineIndent(s.Start), newLine)));
        }
        else if (blocks.Count > 0)
        {
            for (int b = 0; b < blocks.Count; b++)
            {
                int start = _statements[blocks[b]].Start;
                int end = BlockEnd(blocks[b]);
                if (b > 0)
                {
                    // The blank lines that separated it from the previous block go with it.
                    for (int j = blocks[b] - 1; j >= 0 && IsBlank(_statements[j]); j--)
                    {
                        start = _statements[j].Start;
                    }
                }

                edits.Add((start, end - start, b == 0 ? RenderTables(environment, bindings, newLine) : ""));
            }
        }
        else if (bindings.Count > 0)
        {
            string tables = RenderTables(environment, bindings, newLine);
            int lastOfEnvironment = environment is null ? -1 : _statements.FindLastIndex(s => s.Kind is Kind.Table or Kind.ArrayTable && s.Path.Length >= 2 && s.Path[0] == "env" && s.Path[1] == environment);
            int firstHeader = _statements.FindIndex(s => s.Kind is Kind.Table or Kind.ArrayTable);
            if (environment is null && firstHeader >= 0)
            {
                // Before the first table (and the comment lines right above it, which describe that table).
                int at = firstHeader;
                while (at > 0 && _statements[at - 1].Kind == Kind.Trivia && !IsBlank(_statements[at - 1]))
                {
                    at--;
                }

                int position = _statements[at].Start;
                bool blankBefore = position == 0 || (at > 0 && IsBlank(_statements[at - 1]));
                edits.Add((position, 0, (blankBefore ? "" : newLine) + tables + newLine));
            }
            else if (lastOfEnvironment >= 0)
            {
                int end = BlockEnd(lastOfEnvironment);
                edits.Add((end, 0, (EndsLine(end) ? "" : newLine) + newLine + tables));
            }
            else
            {
                int end = _text.Length;
                edits.Add((end, 0, (EndsLine(end) ? "" : newLine) + (end == 0 || _text.EndsWith(newLine + newLine, StringComparison.Ordinal) ? "" : newLine) + tables));
            }
        }

        var output = new StringBuilder(_text.Length + 256);
        int cursor = 0;
        foreach ((int at, int remove, string insert) in edits.OrderBy(e => e.At))
        {
            output.Append(_text, cursor, at - cursor).Append(insert);
            cursor = at + remove;
        }

        output.Append(_text, cursor, _text.Length - cursor);
        return WithBom(_bom, StrictUtf8.GetBytes(output.ToString()));
    }

    /// <summary>Array-of-tables blocks as wrangler's documentation writes them, one per binding, separated by a blank line.</summary>
    public static string RenderTables(string? environment, IReadOnlyList<SecretsStoreBinding> bindings, string newLine)
    {
        string header = environment is null ? $"[[{ArrayName}]]" : $"[[env.{Key(environment)}.{ArrayName}]]";
        return string.Join(newLine, bindings.Select(b =>
            $"{header}{newLine}binding = {Quote(b.Binding)}{newLine}store_id = {Quote(b.StoreId)}{newLine}secret_name = {Quote(b.SecretName)}{newLine}"));
    }

    private static string RenderInlineArray(IReadOnlyList<SecretsStoreBinding> bindings, string indent, string newLine)
    {
        if (bindings.Count == 0)
        {
            return "[]";
        }

        var builder = new StringBuilder("[").Append(newLine);
        foreach (SecretsStoreBinding b in bindings)
        {
            builder.Append(indent).Append("  ")
                .Append($"{{ binding = {Quote(b.Binding)}, store_id = {Quote(b.StoreId)}, secret_name = {Quote(b.SecretName)} }},")
                .Append(newLine);
        }

        return builder.Append(indent).Append(']').ToString();
    }

    private static string Key(string key) => key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? key : Quote(key);

    private string[] Target(string? environment)
    {
        if (environment is null)
        {
            return [ArrayName];
        }

        return Environments.Contains(environment, StringComparer.Ordinal) ? ["env", environment, ArrayName] : throw NoSuchEnvironment(environment);
    }

    /// <summary>Where a table's content ends: after its last key (trailing blank and comment lines stay outside).</summary>
    private int BlockEnd(int header)
    {
        int end = _statements[header].End;
        for (int j = header + 1; j < _statements.Count && _statements[j].Header == header; j++)
        {
            if (_statements[j].Kind != Kind.Trivia)
            {
                end = _statements[j].End;
            }
        }

        return end;
    }

    private bool IsBlank(Statement s) => s.Kind == Kind.Trivia && string.IsNullOrWhiteSpace(_text[s.Start..s.End]);

    private bool EndsLine(int position) => position == 0 || _text[position - 1] == '\n';

    private string LineIndent(int lineStart)
    {
        int i = lineStart;
        while (i < _text.Length && _text[i] is ' ' or '\t')
        {
            i++;
        }

        return _text[lineStart..i];
    }

    private int LineOf(int position) => _text.AsSpan(0, position).Count('\n') + 1;

    /// <summary>
    /// One statement: <c>Start</c>..<c>End</c> its lines (End after the line break); <c>Path</c> a header's key, or a
    /// key's full path (its table's key and its own); <c>Header</c> the statement index of the table it is in (-1: the
    /// root); <c>ValueStart</c>..<c>ValueEnd</c> and <c>Value</c> a key's value (a string, a list, a dictionary for an
    /// inline table, or a <see cref="Scalar"/>).
    /// </summary>
    private sealed record Statement(Kind Kind, int Start, int End, string[] Path, int Header, int ValueStart, int ValueEnd, object? Value);

    /// <summary>A number, boolean or date: kept as its text, never needed.</summary>
    private sealed record Scalar(string Text);

    /// <summary>A reader of TOML 1.0's syntax, enough to find every statement's extent and read strings, arrays and inline tables.</summary>
    private sealed class Reader(string text, string source)
    {
        private int _i;

        public List<Statement> ReadAll()
        {
            var statements = new List<Statement>();
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
                    statements.Add(new Statement(Kind.Trivia, start, _i, [], header, -1, -1, null));
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
                    statements.Add(new Statement(array ? Kind.ArrayTable : Kind.Table, start, _i, path, header, -1, -1, null));
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
                statements.Add(new Statement(Kind.KeyValue, start, _i, [.. table, .. key], header, valueStart, valueEnd, value));
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

                    return _i > start ? new Scalar(text[start.._i]) : throw Error("expected a value");
            }
        }

        private string ReadBasicString()
        {
            _i++;
            var builder = new StringBuilder();
            while (true)
            {
                if (_i >= text.Length || text[_i] is '\n' or '\r')
                {
                    throw Error("a string is not closed on its line");
                }

                char c = text[_i];
                if (c == '"')
                {
                    _i++;
                    return builder.ToString();
                }

                if (c == '\\')
                {
                    Escape(builder);
                }
                else
                {
                    builder.Append(c);
                    _i++;
                }
            }
        }

        private string ReadLiteralString()
        {
            _i++;
            int start = _i;
            while (_i < text.Length && text[_i] != '\'' && text[_i] is not ('\n' or '\r'))
            {
                _i++;
            }

            if (Peek() != '\'')
            {
                throw Error("a string is not closed on its line");
            }

            return text[start.._i++];
        }

        private string ReadMultiLineString(bool basic)
        {
            string delimiter = basic ? "\"\"\"" : "'''";
            _i += 3;
            if (At("\r\n"))
            {
                _i += 2;
            }
            else if (Peek() == '\n')
            {
                _i++;
            }

            var builder = new StringBuilder();
            while (true)
            {
                if (_i >= text.Length)
                {
                    throw Error("a multi-line string is not closed");
                }

                if (At(delimiter))
                {
                    // Up to two quotes may come right before the closing three.
                    int extra = 0;
                    while (extra < 2 && PeekAt(3 + extra) == delimiter[0])
                    {
                        extra++;
                    }

                    builder.Append(delimiter[0], extra);
                    _i += 3 + extra;
                    return builder.ToString();
                }

                if (basic && text[_i] == '\\')
                {
                    int j = _i + 1;
                    while (j < text.Length && text[j] is ' ' or '\t')
                    {
                        j++;
                    }

                    if (j < text.Length && text[j] is '\n' or '\r')
                    {
                        // A line-ending backslash: the line break and the white space after it are dropped.
                        _i = j;
                        while (_i < text.Length && text[_i] is ' ' or '\t' or '\n' or '\r')
                        {
                            _i++;
                        }

                        continue;
                    }

                    Escape(builder);
                    continue;
                }

                builder.Append(text[_i++]);
            }
        }

        private void Escape(StringBuilder builder)
        {
            char e = PeekAt(1);
            _i += 2;
            switch (e)
            {
                case 'b': builder.Append('\b'); break;
                case 't': builder.Append('\t'); break;
                case 'n': builder.Append('\n'); break;
                case 'f': builder.Append('\f'); break;
                case 'r': builder.Append('\r'); break;
                case 'e': builder.Append('\u001b'); break;
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case 'u' or 'U':
                    int length = e == 'u' ? 4 : 8;
                    if (_i + length > text.Length || !int.TryParse(text.AsSpan(_i, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code) || code is < 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF))
                    {
                        throw Error($"\\{e} needs {length} hexadecimal digits of a Unicode scalar value");
                    }

                    builder.Append(char.ConvertFromUtf32(code));
                    _i += length;
                    break;
                default:
                    throw Error("an unknown escape sequence in a string");
            }
        }

        private CliException Error(string what) =>
            new($"{source}:{text.AsSpan(0, Math.Min(_i, text.Length)).Count('\n') + 1}: not valid TOML ({what}).");
    }
}
