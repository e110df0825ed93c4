using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Diff;

/// <summary>One operation of a document, with its path-level parameters merged in.</summary>
public sealed record ApiOperation(string Key, string Method, string Path, JObject Node, IReadOnlyList<JObject> Parameters)
{
    /// <summary>Whether the project's spec holds this operation (its path contains <see cref="SpecExtractor.PathMarker"/>).</summary>
    public bool InProjectSpec => Path.Contains(SpecExtractor.PathMarker, StringComparison.Ordinal);

    /// <summary>The method and path, as a reader names the operation.</summary>
    public string Display => $"{Method.ToUpperInvariant()} {Path}";
}

/// <summary>
/// The Secrets Store part of an OpenAPI document, whole or a subset, read without changing it: the operations of
/// every path containing <see cref="SpecExtractor.PathMarker"/> or tagged <see cref="Tag"/> (which also finds the
/// internal <c>/system/...</c> operations some documents carry), and local <c>$ref</c> resolution.
/// </summary>
public sealed class ApiDocument
{
    /// <summary>The tag Cloudflare gives every Secrets Store operation.</summary>
    public const string Tag = "Secrets Store";

    private const int MaxRefHops = 32;
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public ApiDocument(JObject root, string name)
    {
        if (root["openapi"]?.Type != JTokenType.String || root["paths"] is not JObject paths)
        {
            throw new SpecToolException($"'{name}' is not an OpenAPI 3 document (it needs \"openapi\" and \"paths\").");
        }

        Root = root;
        Name = name;
        var operations = new List<ApiOperation>();
        foreach (JProperty path in paths.Properties())
        {
            if (path.Value is not JObject item)
            {
                continue;
            }

            foreach (string method in HttpMethods)
            {
                if (item[method] is JObject operation && Belongs(path.Name, operation))
                {
                    string key = operation["operationId"]?.Type == JTokenType.String
                        ? (string)operation["operationId"]!
                        : $"{method.ToUpperInvariant()} {path.Name}";
                    operations.Add(new ApiOperation(key, method, path.Name, operation, MergedParameters(item, operation)));
                }
            }
        }

        if (operations.Count == 0)
        {
            throw new SpecToolException(
                $"'{name}' has no Secrets Store operations (no path contains '{SpecExtractor.PathMarker}' " +
                $"and no operation is tagged '{Tag}').");
        }

        IGrouping<string, ApiOperation>? duplicate = operations
            .GroupBy(o => o.Key, StringComparer.Ordinal)
            .FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new SpecToolException($"'{name}' has the operationId '{duplicate.Key}' more than once.");
        }

        Operations = operations;
    }

    public JObject Root { get; }

    public string Name { get; }

    public IReadOnlyList<ApiOperation> Operations { get; }

    /// <summary>The document's security schemes (empty when it has none).</summary>
    public JObject SecuritySchemes => Root.SelectToken("components.securitySchemes") as JObject ?? [];

    /// <summary>The security requirements an operation declares, or the document's when it declares none.</summary>
    public JArray Security(ApiOperation operation) => operation.Node["security"] as JArray ?? Root["security"] as JArray ?? [];

    /// <summary>Follows <c>$ref</c>s until a node without one; returns it and the name of the last component passed through.</summary>
    public (JToken Node, string? Component) Resolve(JToken node)
    {
        string? component = null;
        for (int hop = 0; hop < MaxRefHops; hop++)
        {
            if (node is not JObject { } obj || obj["$ref"] is not JValue { Type: JTokenType.String } reference)
            {
                return (node, component);
            }

            string value = (string)reference!;
            if (!value.StartsWith("#/", StringComparison.Ordinal))
            {
                throw new SpecToolException($"'{Name}': $ref '{value}' at {obj.Path} is not a local reference.");
            }

            JToken? target = Root;
            foreach (string part in value[2..].Split('/'))
            {
                target = target?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }

            node = target ?? throw new SpecToolException($"'{Name}': dangling $ref '{value}' at {obj.Path}.");
            component = value[(value.LastIndexOf('/') + 1)..];
        }

        throw new SpecToolException($"'{Name}': more than {MaxRefHops} $refs in a row at {node.Path} (a reference cycle?).");
    }

    /// <summary>Resolves <paramref name="node"/> and expects an object.</summary>
    public JObject ResolveObject(JToken node) =>
        Resolve(node).Node as JObject ?? throw new SpecToolException($"'{Name}': expected an object at {node.Path}.");

    private static bool Belongs(string path, JObject operation) =>
        path.Contains(SpecExtractor.PathMarker, StringComparison.Ordinal)
        || (operation["tags"] as JArray)?.Any(t => t.Type == JTokenType.String && (string)t! == Tag) == true;

    private List<JObject> MergedParameters(JObject item, JObject operation)
    {
        // An operation's parameter overrides the path item's of the same name and location (OpenAPI 3.0, Path Item Object).
        var merged = new List<JObject>();
        foreach (JToken parameter in (operation["parameters"] as JArray ?? []).Concat(item["parameters"] as JArray ?? []))
        {
            JObject resolved = ResolveObject(parameter);
            if (!merged.Any(p => Same(p, resolved)))
            {
                merged.Add(resolved);
            }
        }

        return merged;
    }

    private static bool Same(JObject a, JObject b) => (string?)a["name"] == (string?)b["name"] && (string?)a["in"] == (string?)b["in"];
}
