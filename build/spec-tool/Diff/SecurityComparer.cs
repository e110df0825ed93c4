using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Diff;

/// <summary>Compares the credentials operations accept and the security schemes a document defines.</summary>
internal static class SecurityComparer
{
    private static readonly string[] SchemeFields = ["type", "scheme", "in", "name", "bearerFormat", "openIdConnectUrl"];

    /// <summary>
    /// Each alternative of an operation's <c>security</c> list is one way to authenticate: losing one breaks the clients
    /// that use it.
    /// </summary>
    public static void CompareRequirements(
        ApiDocument from,
        ApiDocument to,
        ApiOperation before,
        ApiOperation after,
        ChangeSink sink)
    {
        List<string> old = Alternatives(from.Security(before)), now = Alternatives(to.Security(after));
        foreach (string removed in old.Except(now, StringComparer.Ordinal))
        {
            sink.Add(ChangeClass.Breaking, ChangeKinds.SecurityRemoved, ChangeContext.Security, "security", $"no longer accepts {removed}");
        }

        foreach (string added in now.Except(old, StringComparer.Ordinal))
        {
            sink.Add(ChangeClass.NonBreaking, ChangeKinds.SecurityAdded, ChangeContext.Security, "security", $"also accepts {added}");
        }
    }

    public static void CompareSchemes(ApiDocument from, ApiDocument to, ChangeSink sink)
    {
        JObject old = from.SecuritySchemes, now = to.SecuritySchemes;
        foreach (JProperty scheme in old.Properties())
        {
            string where = $"security scheme `{scheme.Name}`";
            sink.Operation = string.Empty;
            if (now[scheme.Name] is not { } match)
            {
                sink.Add(ChangeClass.Breaking, ChangeKinds.SecuritySchemeRemoved, ChangeContext.Security, where, "removed");
                continue;
            }

            JObject o = from.ResolveObject(scheme.Value), n = to.ResolveObject(match);
            foreach (string field in SchemeFields.Where(f => !JToken.DeepEquals(o[f], n[f])))
            {
                sink.Add(ChangeClass.Breaking, ChangeKinds.SecuritySchemeChanged, ChangeContext.Security, where,
                    $"{field} {SchemaComparer.Show(o[field])} → {SchemaComparer.Show(n[field])}");
            }

            sink.Describe(ChangeContext.Security, where, (string?)o["description"], (string?)n["description"]);
        }

        foreach (JProperty scheme in now.Properties().Where(p => old[p.Name] is null))
        {
            sink.Add(
                ChangeClass.NonBreaking,
                ChangeKinds.SecuritySchemeAdded,
                ChangeContext.Security,
                $"security scheme `{scheme.Name}`",
                "added");
        }
    }

    /// <summary>Each alternative as its scheme names joined with " + " (all of them are needed together), in order.</summary>
    private static List<string> Alternatives(JArray security) =>
        security.OfType<JObject>()
            .Select(r => r.Properties().Select(p => p.Name).Order(StringComparer.Ordinal).ToList())
            .Select(names => names.Count == 0 ? "no credentials" : string.Join(" + ", names))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
