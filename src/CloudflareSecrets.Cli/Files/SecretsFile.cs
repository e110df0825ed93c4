using System.Text.Json;
using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Files;

/// <summary>
/// Reads the desired secrets for <c>push</c>: a <c>.env</c> file, or a JSON object of string values
/// (<c>{"NAME": "value"}</c>). JSON is chosen by a <c>.json</c> extension, or for stdin by a first character <c>{</c>.
/// </summary>
internal static class SecretsFile
{
    public static async Task<IReadOnlyList<SecretsFileEntry>> ReadAsync(
        CliHost host, string path, string? format, CancellationToken cancellationToken)
    {
        string source = path == "-" ? "stdin" : path;
        string text;
        CliException TooLarge() =>
            new($"{source} is larger than {BoundedInput.MaxPushFileBytes:N0} bytes, the most push reads; reading stopped there.");
        if (path == "-")
        {
            text = await BoundedInput.ReadAsync(host.Input, BoundedInput.MaxPushFileBytes, TooLarge, cancellationToken);
        }
        else
        {
            try
            {
                text = await BoundedInput.ReadFileAsync(
                    Path.GetFullPath(path, host.WorkingDirectory), BoundedInput.MaxPushFileBytes, TooLarge, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                string at = path.StartsWith('@') ? " ('@' is part of the path: give the file's path without it)" : "";
                throw new CliException($"Cannot read '{path}'{at}: {e.Message}");
            }
        }

        bool json = format switch
        {
            "json" => true,
            "env" => false,
            _ => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                || (path == "-" && text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{')),
        };
        IReadOnlyList<SecretsFileEntry> entries = json ? ParseJson(text, source) : DotenvParser.Parse(text, source);

        // Every entry is checked before the first request; a problem is named by its place, never by text of the file.
        for (int i = 0; i < entries.Count; i++)
        {
            SecretsFileEntry entry = entries[i];
            string where = entry.Line > 0 ? $"{source}:{entry.Line}" : $"{source}: entry {i + 1}";
            Values.InputRules.Name(entry.Name, where);
            Values.InputRules.Value(entry.Value, where);
        }

        return entries;
    }

    private static IReadOnlyList<SecretsFileEntry> ParseJson(string text, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(
                text.TrimStart('\uFEFF'),
                new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            // JsonException's message names the position, never the text.
            throw new CliException(
                $"{source}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not valid JSON (the column counts bytes).");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CliException($"{source}: expected a JSON object of NAME: \"value\" pairs.");
            }

            var entries = new List<SecretsFileEntry>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                // Entries are counted from 1 in file order; a key may be a value pasted in the wrong place, so it is not repeated.
                int entry = entries.Count + 1;
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    throw new CliException(
                        $"{source}: entry {entry}: the value must be a string; "
                        + $"it is {property.Value.ValueKind.ToString().ToLowerInvariant()}.");
                }

                if (!seen.TryAdd(property.Name, entry))
                {
                    throw new CliException(
                        $"{source}: entry {entry}: the name is already defined by entry {seen[property.Name]}; keep one.");
                }

                entries.Add(new SecretsFileEntry(property.Name, property.Value.GetString()!, 0));
            }

            return entries;
        }
    }
}
