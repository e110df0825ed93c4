using System.Text.Json;
using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Files;

/// <summary>
/// Reads the desired secrets for <c>push</c>: a <c>.env</c> file, or a JSON object of string values
/// (<c>{"NAME": "value"}</c>). JSON is chosen by a <c>.json</c> extension, or for stdin by a first character <c>{</c>.
/// </summary>
internal static class SecretsFile
{
    public static async Task<IReadOnlyList<SecretsFileEntry>> ReadAsync(CliHost host, string path, string? format, CancellationToken cancellationToken)
    {
        string source = path == "-" ? "stdin" : path;
        string text;
        if (path == "-")
        {
            text = await host.Input.ReadToEndAsync(cancellationToken);
        }
        else
        {
            try
            {
                text = await File.ReadAllTextAsync(Path.GetFullPath(path, host.WorkingDirectory), cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"Cannot read '{path}': {e.Message}");
            }
        }

        bool json = format switch
        {
            "json" => true,
            "env" => false,
            _ => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || (path == "-" && text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{')),
        };
        IReadOnlyList<SecretsFileEntry> entries = json ? ParseJson(text, source) : DotenvParser.Parse(text, source);
        foreach (SecretsFileEntry entry in entries)
        {
            if (entry.Value.Length == 0)
            {
                throw new CliException($"{source}:{entry.Line}: {entry.Name} has an empty value; Cloudflare needs at least one character.");
            }
        }

        return entries;
    }

    private static IReadOnlyList<SecretsFileEntry> ParseJson(string text, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text.TrimStart('\uFEFF'), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            // JsonException's message names the position, never the text.
            throw new CliException($"{source}:{(e.LineNumber ?? 0) + 1}: not valid JSON ({e.BytePositionInLine} bytes into the line).");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CliException($"{source}: expected a JSON object of NAME: \"value\" pairs.");
            }

            var entries = new List<SecretsFileEntry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    throw new CliException($"{source}: the value of {property.Name} must be a string; it is {property.Value.ValueKind.ToString().ToLowerInvariant()}.");
                }

                if (!seen.Add(property.Name))
                {
                    throw new CliException($"{source}: {property.Name} is defined twice; keep one.");
                }

                entries.Add(new SecretsFileEntry(property.Name, property.Value.GetString()!, 0));
            }

            return entries;
        }
    }
}
