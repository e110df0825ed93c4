using System.Text;
using System.Text.Json;
using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Wrangler;

/// <summary>
/// <c>wrangler.jsonc</c> and <c>wrangler.json</c> (wrangler reads both as JSON with comments and trailing commas). The
/// file is read into a tree of byte ranges, so an edit replaces or inserts bytes at one place and copies the rest.
/// </summary>
internal sealed class JsoncConfig : WranglerConfig
{
    private readonly byte[] _text;
    private readonly bool _bom;
    private readonly ObjectNode _root;

    public JsoncConfig(string source, byte[] text, bool bom)
        : base(source)
    {
        _text = text;
        _bom = bom;
        var reader = new Utf8JsonReader(
            text, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read())
            {
                throw new CliException($"{source}: the file is empty; a wrangler configuration is a JSON object.");
            }

            _root = ReadValue(ref reader) as ObjectNode ?? throw new CliException($"{source}: a wrangler configuration is a JSON object.");
            if (reader.Read())
            {
                throw new CliException($"{source}: text follows the configuration's closing brace.");
            }
        }
        catch (JsonException e)
        {
            // The reader's message quotes no content; the position is enough.
            throw new CliException($"{source}:{(e.LineNumber ?? 0) + 1}: not valid JSON ({e.BytePositionInLine} bytes into the line).");
        }
    }

    public override IReadOnlyList<string> Environments =>
        Member(_root, "env")?.Value is ObjectNode env ? [.. env.Members.Select(m => m.Name).Distinct(StringComparer.Ordinal)] : [];

    public override IReadOnlyList<ConfiguredBinding> Bindings(string? environment)
    {
        ObjectNode target = Target(environment);
        if (Member(target, ArrayName) is not { } member)
        {
            return [];
        }

        if (member.Value is not ArrayNode array)
        {
            throw new CliException($"{Source}: {(environment is null ? "" : $"env.{environment}.")}{ArrayName} must be an array.");
        }

        var bindings = new List<ConfiguredBinding>();
        for (int i = 0; i < array.Items.Count; i++)
        {
            if (array.Items[i] is not ObjectNode entry)
            {
                throw BadEntry(environment, i, "must be an object with binding, store_id and secret_name");
            }

            string Field(string name) => Member(entry, name)?.Value is StringNode { Value: { Length: > 0 } value }
                ? value
                : throw BadEntry(environment, i, $"has no {name} string");

            bindings.Add(new ConfiguredBinding(
                environment, i, new SecretsStoreBinding(Field("binding"), Field("store_id"), Field("secret_name"))));
        }

        return bindings;
    }

    public override byte[] WithBindings(string? environment, IReadOnlyList<SecretsStoreBinding> bindings)
    {
        ObjectNode target = Target(environment);
        string newLine = NewLineOf(_text);
        string unit = _root.Members.Count > 0 && LineIndent(_root.Members[0].NameStart) is { Length: > 0 } first ? first : "  ";
        var edits = new List<(int At, int Remove, string Insert)>();
        if (Member(target, ArrayName) is { } existing)
        {
            string indent = LineIndent(existing.NameStart) ?? unit;
            edits.Add((existing.Value.Start, existing.Value.End - existing.Value.Start, RenderArray(bindings, indent, unit, newLine)));
        }
        else if (target.Members.Count > 0)
        {
            Property last = target.Members[^1];
            string indent = LineIndent(last.NameStart) ?? (LineIndent(target.Start) ?? "") + unit;
            string member = $"\"{ArrayName}\": {RenderArray(bindings, indent, unit, newLine)}";
            int end = last.Value.End;
            int i = SkipBlanks(end);
            bool comma = i < _text.Length && _text[i] == ',';
            i = SkipBlanks(comma ? i + 1 : i);
            if (i + 1 < _text.Length && _text[i] == '/' && _text[i + 1] == '/')
            {
                while (i < _text.Length && _text[i] is not (byte)'\r' and not (byte)'\n')
                {
                    i++;
                }
            }

            bool endOfLine = i >= _text.Length || _text[i] is (byte)'\r' or (byte)'\n';
            if (!comma)
            {
                edits.Add((end, 0, ","));
            }

            // On its own line after the last member (after that line's comment), keeping a trailing-comma style.
            edits.Add((i, 0, (endOfLine ? newLine + indent : " ") + member + (comma ? "," : "")));
        }
        else
        {
            string outer = LineIndent(target.Start) ?? "";
            string array = RenderArray(bindings, outer + unit, unit, newLine);
            edits.Add((target.Start + 1, 0, $"{newLine}{outer}{unit}\"{ArrayName}\": {array}{newLine}{outer}"));
        }

        var output = new List<byte>(_text.Length + 256);
        int at = 0;
        foreach ((int position, int remove, string insert) in edits.OrderBy(e => e.At))
        {
            output.AddRange(_text.AsSpan(at, position - at));
            output.AddRange(Encoding.UTF8.GetBytes(insert));
            at = position + remove;
        }

        output.AddRange(_text.AsSpan(at));
        return WithBom(_bom, [.. output]);
    }

    /// <summary>The array as wrangler's documentation writes it: one entry per line, in the file's indentation.</summary>
    public static string RenderArray(IReadOnlyList<SecretsStoreBinding> bindings, string indent, string unit, string newLine)
    {
        if (bindings.Count == 0)
        {
            return "[]";
        }

        StringBuilder builder = new StringBuilder("[").Append(newLine);
        for (int i = 0; i < bindings.Count; i++)
        {
            SecretsStoreBinding b = bindings[i];
            builder.Append(indent).Append(unit)
                .Append($"{{ \"binding\": {Quote(b.Binding)}, \"store_id\": {Quote(b.StoreId)}, \"secret_name\": {Quote(b.SecretName)} }}")
                .Append(i < bindings.Count - 1 ? "," : "").Append(newLine);
        }

        return builder.Append(indent).Append(']').ToString();
    }

    private ObjectNode Target(string? environment)
    {
        if (environment is null)
        {
            return _root;
        }

        return Member(_root, "env")?.Value is ObjectNode env && Member(env, environment)?.Value is ObjectNode target
            ? target
            : throw NoSuchEnvironment(environment);
    }

    // The last one wins when a key repeats, as in JavaScript.
    private static Property? Member(ObjectNode node, string name) => node.Members.LastOrDefault(m => m.Name == name);

    /// <summary>The white space before <paramref name="position"/> on its line, or null when something else precedes it there.</summary>
    private string? LineIndent(int position)
    {
        int start = position;
        while (start > 0 && _text[start - 1] is not (byte)'\n' and not (byte)'\r')
        {
            start--;
        }

        for (int i = start; i < position; i++)
        {
            if (_text[i] is not (byte)' ' and not (byte)'\t')
            {
                return null;
            }
        }

        return Encoding.UTF8.GetString(_text, start, position - start);
    }

    private int SkipBlanks(int i)
    {
        while (i < _text.Length && _text[i] is (byte)' ' or (byte)'\t')
        {
            i++;
        }

        return i;
    }

    private static Node ReadValue(ref Utf8JsonReader reader)
    {
        int start = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var members = new List<Property>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    string name = reader.GetString()!;
                    int nameStart = (int)reader.TokenStartIndex;
                    reader.Read();
                    members.Add(new Property(name, nameStart, ReadValue(ref reader)));
                }

                return new ObjectNode(start, (int)reader.BytesConsumed, members);
            case JsonTokenType.StartArray:
                var items = new List<Node>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader));
                }

                return new ArrayNode(start, (int)reader.BytesConsumed, items);
            case JsonTokenType.String:
                return new StringNode(start, (int)reader.BytesConsumed, reader.GetString()!);
            default:
                return new Node(start, (int)reader.BytesConsumed);
        }
    }

    private record Node(int Start, int End);

    private sealed record ObjectNode(int Start, int End, List<Property> Members) : Node(Start, End);

    private sealed record ArrayNode(int Start, int End, List<Node> Items) : Node(Start, End);

    private sealed record StringNode(int Start, int End, string Value) : Node(Start, End);

    private sealed record Property(string Name, int NameStart, Node Value);
}
