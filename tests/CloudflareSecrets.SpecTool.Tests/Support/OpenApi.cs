using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Tests.Support;

/// <summary>Read-only walks over an OpenAPI document, written independently of the tool under test.</summary>
internal static class OpenApi
{
    private static readonly HashSet<string> Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public sealed record Operation(string Path, string Method, JObject Node)
    {
        public string Id => (string)Node["operationId"]!;

        public override string ToString() => $"{Method.ToUpperInvariant()} {Path} ({Id})";
    }

    public static IEnumerable<Operation> Operations(JObject document) =>
        from path in ((JObject)document["paths"]!).Properties()
        from method in ((JObject)path.Value).Properties()
        where Methods.Contains(method.Name)
        select new Operation(path.Name, method.Name, (JObject)method.Value);

    public static Operation FindOperation(JObject document, string operationId) =>
        Operations(document).Single(o => o.Id == operationId);

    /// <summary>Every <c>$ref</c> value below <paramref name="token"/>.</summary>
    public static IEnumerable<string> Refs(JToken token) =>
        token.DescendantsAndSelfOrEmpty().OfType<JProperty>().Where(p => p.Name == "$ref").Select(p => (string)p.Value!);

    /// <summary>The node a local <c>#/components/…</c> reference points at, or null.</summary>
    public static JToken? Resolve(JObject document, string reference) =>
        reference.StartsWith("#/", StringComparison.Ordinal)
            ? document.SelectToken("$" + string.Concat(reference[2..].Split('/').Select(part => $"['{part}']")))
            : null;

    /// <summary>Follows a node's <c>$ref</c> (once), or returns the node itself.</summary>
    public static JToken Deref(JObject document, JToken node) =>
        node["$ref"] is JValue reference ? Resolve(document, (string)reference!)! : node;

    /// <summary>The <c>#/components/section/name</c> keys reachable from everything outside <c>components</c>.</summary>
    public static ISet<string> ReachableComponents(JObject document)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(document.Properties().Where(p => p.Name != "components").SelectMany(p => Refs(p.Value)));
        while (pending.TryPop(out string? reference))
        {
            if (reached.Add(reference) && Resolve(document, reference) is JToken target)
            {
                foreach (string next in Refs(target))
                {
                    pending.Push(next);
                }
            }
        }

        return reached;
    }

    /// <summary>
    /// The <c>#/components/section/name</c> keys of every component in the document, except in
    /// <paramref name="exceptSection"/>.
    /// </summary>
    public static ISet<string> ComponentKeys(JObject document, string exceptSection) =>
        ((JObject)document["components"]!).Properties()
            .Where(section => section.Name != exceptSection)
            .SelectMany(section => ((JObject)section.Value).Properties().Select(c => $"#/components/{section.Name}/{c.Name}"))
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<JToken> DescendantsAndSelfOrEmpty(this JToken token) =>
        token is JContainer container ? container.DescendantsAndSelf() : [token];
}
