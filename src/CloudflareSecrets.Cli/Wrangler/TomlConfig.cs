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
    private readonly List<TomlStatement> _statements;

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
        _statements = new TomlReader(_text, source).ReadAll();
    }

    public override IReadOnlyList<string> Environments
    {
        get
        {
            var names = new List<string>();
            foreach (TomlStatement s in _statements)
            {
                if (s.Path.Length >= 2 && s.Path[0] == "env")
                {
                    names.Add(s.Path[1]);
                }
                else if (s is { Kind: TomlKind.KeyValue, Path: ["env"], Value: Dictionary<string, object?> inline })
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
            TomlStatement s = _statements[h];
            if (s.Kind == TomlKind.KeyValue && s.Path.SequenceEqual(target))
            {
                if (s.Value is not List<object?> items)
                {
                    throw new CliException($"{Source}:{LineOf(s.Start)}: {string.Join('.', target)} must be an array.");
                }

                tables.AddRange(items.Select(item => item as Dictionary<string, object?> ?? []));
            }
            else if (s.Kind == TomlKind.ArrayTable && s.Path.SequenceEqual(target))
            {
                var table = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (TomlStatement kv in _statements.Where(
                    x => x.Header == h && x.Kind == TomlKind.KeyValue && x.Path.Length == target.Length + 1))
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
            bindings.Add(new ConfiguredBinding(
                environment, i, new SecretsStoreBinding(Field("binding"), Field("store_id"), Field("secret_name"))));
        }

        return bindings;
    }

    public override byte[] WithBindings(string? environment, IReadOnlyList<SecretsStoreBinding> bindings)
    {
        string[] target = Target(environment);
        string newLine = _text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var edits = new List<(int At, int Remove, string Insert)>();
        int inline = _statements.FindIndex(s => s.Kind == TomlKind.KeyValue && s.Path.SequenceEqual(target));
        List<int> blocks =
        [
            .. Enumerable.Range(0, _statements.Count)
                .Where(h => _statements[h].Kind == TomlKind.ArrayTable && _statements[h].Path.SequenceEqual(target)),
        ];
        if (inline >= 0)
        {
            TomlStatement s = _statements[inline];
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
            int lastOfEnvironment = environment is null
                ? -1
                : _statements.FindLastIndex(s => s.Kind is TomlKind.Table or TomlKind.ArrayTable
                    && s.Path.Length >= 2 && s.Path[0] == "env" && s.Path[1] == environment);
            int firstHeader = _statements.FindIndex(s => s.Kind is TomlKind.Table or TomlKind.ArrayTable);
            if (environment is null && firstHeader >= 0)
            {
                // Before the first table (and the comment lines right above it, which describe that table).
                int at = firstHeader;
                while (at > 0 && _statements[at - 1].Kind == TomlKind.Trivia && !IsBlank(_statements[at - 1]))
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
                string lineEnd = EndsLine(end) ? "" : newLine;
                string blankLine = end == 0 || _text.EndsWith(newLine + newLine, StringComparison.Ordinal) ? "" : newLine;
                edits.Add((end, 0, lineEnd + blankLine + tables));
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
            $"{header}{newLine}binding = {Quote(b.Binding)}{newLine}store_id = {Quote(b.StoreId)}{newLine}"
            + $"secret_name = {Quote(b.SecretName)}{newLine}"));
    }

    private static string RenderInlineArray(IReadOnlyList<SecretsStoreBinding> bindings, string indent, string newLine)
    {
        if (bindings.Count == 0)
        {
            return "[]";
        }

        StringBuilder builder = new StringBuilder("[").Append(newLine);
        foreach (SecretsStoreBinding b in bindings)
        {
            builder.Append(indent).Append("  ")
                .Append($"{{ binding = {Quote(b.Binding)}, store_id = {Quote(b.StoreId)}, secret_name = {Quote(b.SecretName)} }},")
                .Append(newLine);
        }

        return builder.Append(indent).Append(']').ToString();
    }

    private static string Key(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? key : Quote(key);

    private string[] Target(string? environment)
    {
        if (environment is null)
        {
            return [ArrayName];
        }

        return Environments.Contains(environment, StringComparer.Ordinal)
            ? ["env", environment, ArrayName]
            : throw NoSuchEnvironment(environment);
    }

    /// <summary>Where a table's content ends: after its last key (trailing blank and comment lines stay outside).</summary>
    private int BlockEnd(int header)
    {
        int end = _statements[header].End;
        for (int j = header + 1; j < _statements.Count && _statements[j].Header == header; j++)
        {
            if (_statements[j].Kind != TomlKind.Trivia)
            {
                end = _statements[j].End;
            }
        }

        return end;
    }

    private bool IsBlank(TomlStatement s) => s.Kind == TomlKind.Trivia && string.IsNullOrWhiteSpace(_text[s.Start..s.End]);

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
}
