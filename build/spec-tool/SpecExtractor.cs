using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool;

/// <summary>The result of one extraction: the subset document and the record of where it came from.</summary>
public sealed record ExtractionResult(JObject Document, JObject Source, int OperationCount, int ComponentCount);

/// <summary>
/// Makes the project's spec from Cloudflare's whole OpenAPI document: keeps the paths containing
/// <see cref="PathMarker"/>, applies the overlay, then keeps exactly the components those paths reference
/// (transitively) plus every security scheme.
/// </summary>
public static partial class SpecExtractor
{
    /// <summary>The text a path must contain to belong to the Secrets Store API.</summary>
    public const string PathMarker = "/secrets_store";

    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>Reads the input and overlay files and extracts the subset. Nothing is written.</summary>
    public static ExtractionResult Extract(string inputPath, string overlayPath, string? date = null)
    {
        JObject whole = JsonFiles.ReadObject(inputPath, "Input document");
        JObject overlay = JsonFiles.ReadObject(overlayPath, "Overlay");
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(inputPath)));
        string overlaySha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(overlayPath)));
        date ??= DateInName().Match(Path.GetFileName(inputPath)) is { Success: true } m ? m.Value : null;
        if (date is null)
        {
            throw new SpecToolException($"Cannot tell the publication date of '{Path.GetFileName(inputPath)}': pass --date YYYY-MM-DD.");
        }

        JObject document = Extract(whole, overlay, Path.GetFileName(overlayPath));
        var source = new JObject
        {
            ["document"] = Path.GetFileName(inputPath),
            ["published"] = date,
            ["sha256"] = sha256,
            ["overlay"] = Path.GetFileName(overlayPath),
            ["overlay_sha256"] = overlaySha256,
            ["operations"] = CountOperations(document),
        };
        return new ExtractionResult(document, source, CountOperations(document), CountComponents(document));
    }

    /// <summary>Extracts the subset from an already parsed document.</summary>
    public static JObject Extract(JObject whole, JObject overlay, string overlayName)
    {
        if (whole["openapi"]?.Type != JTokenType.String || whole["paths"] is not JObject paths)
        {
            throw new SpecToolException("Input document is not an OpenAPI 3 document (it needs \"openapi\" and \"paths\").");
        }

        var kept = new JObject(paths.Properties()
            .Where(p => p.Name.Contains(PathMarker, StringComparison.Ordinal))
            .Select(p => p.Value is JObject
                ? new JProperty(p.Name, p.Value.DeepClone())
                : throw new SpecToolException($"Input document's path item '{p.Name}' is not an object.")));
        if (!kept.HasValues)
        {
            throw new SpecToolException($"Input document has no Secrets Store paths (none contains '{PathMarker}').");
        }

        JObject allComponents = whole["components"] as JObject ?? new JObject();
        JObject info = whole["info"] is JObject i ? (JObject)i.DeepClone() : new JObject();
        info["title"] = (info["title"]?.ToString() ?? "Cloudflare API") + " - Secrets Store";
        var document = new JObject
        {
            ["openapi"] = whole["openapi"]!.DeepClone(),
            ["info"] = info,
            ["paths"] = kept,
            ["components"] = allComponents.DeepClone(),
        };
        if (whole["servers"] is JToken servers)
        {
            document["servers"] = servers.DeepClone();
        }

        if (whole["security"] is JToken security)
        {
            document["security"] = security.DeepClone();
        }

        // The overlay runs before pruning, so that it may reference components no upstream path uses yet.
        Overlay.Apply(document, overlay, overlayName);
        document["components"] = Prune(document);
        return document;
    }

    /// <summary>Keeps the components reachable from everything outside <c>components</c>, plus all security schemes.</summary>
    private static JObject Prune(JObject document)
    {
        var components = (JObject)document["components"]!;
        // Keys are "section/name" with the JSON-pointer escapes (~1, ~0) undone, as component names are written.
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<(string Ref, string From)>();
        foreach (JProperty top in document.Properties().Where(p => p.Name != "components"))
        {
            Collect(top.Value, pending);
        }

        while (pending.Count > 0)
        {
            (string reference, string from) = pending.Dequeue();
            (string Section, string Name)? key = Key(reference);
            if (key is not { } k || components[k.Section] is not JObject section || section[k.Name] is not { } target)
            {
                throw new SpecToolException($"Dangling $ref '{reference}' (at {from}): no such component.");
            }

            if (reached.Add($"{k.Section}/{k.Name}"))
            {
                Collect(target, pending);
            }
        }

        var result = new JObject();
        foreach (JProperty section in components.Properties())
        {
            if (section.Name == "securitySchemes")
            {
                result[section.Name] = section.Value.DeepClone();
                continue;
            }

            if (section.Value is not JObject entries)
            {
                continue;
            }

            var keep = new JObject(entries.Properties()
                .Where(p => reached.Contains($"{section.Name}/{p.Name}"))
                .Select(p => new JProperty(p.Name, p.Value.DeepClone())));
            if (keep.HasValues)
            {
                result[section.Name] = keep;
            }
        }

        return result;
    }

    private static void Collect(JToken token, Queue<(string, string)> pending)
    {
        IEnumerable<JToken> nodes = token is JContainer container ? container.DescendantsAndSelf() : [token];
        foreach (JProperty reference in nodes.OfType<JProperty>().Where(p => p.Name == "$ref"))
        {
            string value = reference.Value.Type == JTokenType.String
                ? (string)reference.Value!
                : throw new SpecToolException($"$ref at {reference.Path} is not a string.");
            if (!value.StartsWith("#/components/", StringComparison.Ordinal))
            {
                throw new SpecToolException($"$ref '{value}' at {reference.Path} is not a local component reference.");
            }

            pending.Enqueue((value, reference.Path));
        }
    }

    private static (string Section, string Name)? Key(string reference)
    {
        string[] parts = reference["#/components/".Length..].Split('/');
        return parts.Length == 2
            ? (parts[0], parts[1].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            : null;
    }

    private static int CountOperations(JObject document) =>
        ((JObject)document["paths"]!).Properties()
            .SelectMany(p => ((JObject)p.Value).Properties())
            .Count(p => HttpMethods.Contains(p.Name));

    private static int CountComponents(JObject document) =>
        ((JObject)document["components"]!).Properties().Sum(p => (p.Value as JObject)?.Count ?? 0);

    /// <summary>Lists the operationIds of a document, in path order.</summary>
    public static IReadOnlyList<string> OperationIds(JObject document) =>
        ((JObject)document["paths"]!).Properties()
            .SelectMany(p => ((JObject)p.Value).Properties())
            .Where(p => HttpMethods.Contains(p.Name))
            .Select(p => p.Value["operationId"]?.ToString() ?? string.Empty)
            .ToList();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex DateInName();
}
