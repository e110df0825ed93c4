using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Diff;

/// <summary>Compares an operation's parameters, matched by name (and location, when a name is used in two).</summary>
internal static class ParameterComparer
{
    public static void Compare(
        ApiDocument from,
        ApiDocument to,
        ApiOperation before,
        ApiOperation after,
        ChangeSink sink,
        SchemaComparer schemas)
    {
        var unmatched = after.Parameters.ToList();
        foreach (JObject old in before.Parameters)
        {
            JObject? match = unmatched.FirstOrDefault(p => Name(p) == Name(old) && In(p) == In(old))
                ?? unmatched.FirstOrDefault(p => Name(p) == Name(old) && !before.Parameters.Any(o => Name(o) == Name(p) && In(o) == In(p)));
            if (match is null)
            {
                sink.Add(ChangeClass.Breaking, ChangeKinds.ParameterRemoved, ChangeContext.Parameter, Where(old),
                    Required(old) ? "removed (it was required)" : "removed");
                continue;
            }

            unmatched.Remove(match);
            string where = Where(match);
            if (In(old) != In(match))
            {
                sink.Add(
                    ChangeClass.Breaking,
                    ChangeKinds.ParameterLocation,
                    ChangeContext.Parameter,
                    where,
                    $"moved from {In(old)} to {In(match)}");
            }

            if (Required(old) != Required(match))
            {
                sink.Add(
                    Required(match) ? ChangeClass.Breaking : ChangeClass.NonBreaking,
                    ChangeKinds.ParameterRequired,
                    ChangeContext.Parameter,
                    where,
                    Required(match) ? "optional → required" : "required → optional");
            }

            // A new location has its own serialization defaults: the location change says it all.
            if (In(old) == In(match) && Serialization(old) != Serialization(match))
            {
                sink.Add(
                    ChangeClass.Breaking,
                    ChangeKinds.ParameterSerialization,
                    ChangeContext.Parameter,
                    where,
                    $"{Serialization(old)} → {Serialization(match)}");
            }

            // A parameter's own description, or its schema's when it has none (as parameters moved into components gained one).
            sink.Describe(ChangeContext.Parameter, where, Description(from, old), Description(to, match));
            schemas.Compare(
                old["schema"],
                match["schema"],
                ChangeContext.Parameter,
                where,
                followComponents: false,
                skipRootDescription: true);
        }

        foreach (JObject added in unmatched)
        {
            sink.Add(
                Required(added) ? ChangeClass.Breaking : ChangeClass.NonBreaking,
                ChangeKinds.ParameterAdded,
                ChangeContext.Parameter,
                Where(added),
                Required(added) ? "added, required" : "added, optional");
        }
    }

    private static string? Name(JObject parameter) => (string?)parameter["name"];

    private static string? In(JObject parameter) => (string?)parameter["in"];

    private static bool Required(JObject parameter) => (bool?)parameter["required"] ?? false;

    private static string Where(JObject parameter) => $"parameter `{Name(parameter)}` ({In(parameter)})";

    /// <summary>How the value is written on the wire: style and explode, with the OpenAPI defaults for the location.</summary>
    private static string Serialization(JObject parameter)
    {
        string style = (string?)parameter["style"] ?? (In(parameter) is "query" or "cookie" ? "form" : "simple");
        bool explode = (bool?)parameter["explode"] ?? style == "form";
        return $"{style}{(explode ? ", exploded" : string.Empty)}";
    }

    private static string? Description(ApiDocument document, JObject parameter) =>
        (string?)parameter["description"]
        ?? (parameter["schema"] is { } schema ? (string?)document.Resolve(schema).Node["description"] : null);
}
