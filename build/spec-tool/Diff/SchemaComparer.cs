using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Diff;

/// <summary>
/// Compares two schemas with their <c>$ref</c>s resolved: type, nullability, enum values, constraints, defaults,
/// properties and their required flags, array items, descriptions. Whether a change breaks a client depends on the
/// direction: a client sends parameters and request bodies (narrowing them breaks it) and reads responses (weakening
/// what they promise breaks it).
/// </summary>
internal sealed class SchemaComparer(ApiDocument from, ApiDocument to, ChangeSink sink)
{
    private const int MaxDepth = 24;
    private readonly HashSet<(JToken, JToken)> _seen = new(ReferencePairComparer.Instance);

    /// <summary>
    /// Walks one pair of schemas. With <paramref name="followComponents"/>, a change inside a referenced component is
    /// named after it.
    /// </summary>
    public void Compare(
        JToken? before,
        JToken? after,
        ChangeContext context,
        string where,
        bool followComponents,
        bool skipRootDescription = false)
    {
        _seen.Clear();
        if (before is not null && after is not null)
        {
            Walk(before, after, context, where, followComponents, skipRootDescription, 0);
        }
    }

    private void Walk(JToken before, JToken after, ChangeContext context, string where, bool follow, bool skipDescription, int depth)
    {
        (JToken oldNode, string? oldComponent) = from.Resolve(before);
        (JToken newNode, string? newComponent) = to.Resolve(after);
        if (depth > MaxDepth || oldNode is not JObject || newNode is not JObject || !_seen.Add((oldNode, newNode)))
        {
            return;
        }

        if (follow && (newComponent ?? oldComponent) is { } component)
        {
            where = component;
        }

        JObject o = Flatten(from, (JObject)oldNode, 0);
        JObject n = Flatten(to, (JObject)newNode, 0);
        bool sends = context is not ChangeContext.Response;
        if (!skipDescription)
        {
            sink.Describe(context, where, (string?)o["description"], (string?)n["description"]);
        }

        string oldType = Signature(from, o, 0), newType = Signature(to, n, 0);
        if (oldType != newType)
        {
            sink.Add(ChangeClass.Breaking, ChangeKinds.Type, context, where, $"{oldType} → {newType}");
            return;
        }

        CompareNullability(o, n, context, where, sends);
        EnumComparer.Compare(o, n, context, where, sends, sink);
        CompareConstraints(o, n, context, where, sends);
        if (sends && !JToken.DeepEquals(o["default"], n["default"]))
        {
            sink.Add(
                ChangeClass.Breaking,
                ChangeKinds.Default,
                context,
                where,
                $"default {Show(o["default"])} → {Show(n["default"])}: a client that omits it gets the new default");
        }

        if (o["items"] is { } oldItems && n["items"] is { } newItems)
        {
            Walk(oldItems, newItems, context, where + "[]", follow, false, depth + 1);
        }

        CompareProperties(o, n, context, where, follow, sends, depth);
    }

    private void CompareProperties(JObject o, JObject n, ChangeContext context, string where, bool follow, bool sends, int depth)
    {
        JObject oldProperties = o["properties"] as JObject ?? [];
        JObject newProperties = n["properties"] as JObject ?? [];
        ISet<string> oldRequired = Required(o), newRequired = Required(n);
        IEnumerable<string> names = oldProperties.Properties().Select(p => p.Name)
            .Concat(newProperties.Properties().Select(p => p.Name).Where(name => oldProperties[name] is null));
        foreach (string name in names)
        {
            string at = $"{where}.{name}";
            bool wasRequired = oldRequired.Contains(name), isRequired = newRequired.Contains(name);
            if (oldProperties[name] is null)
            {
                ChangeClass added = sends && isRequired ? ChangeClass.Breaking : ChangeClass.NonBreaking;
                sink.Add(added, ChangeKinds.PropertyAdded, context, at, isRequired ? "added, required" : "added, optional");
            }
            else if (newProperties[name] is null)
            {
                sink.Add(
                    ChangeClass.Breaking,
                    ChangeKinds.PropertyRemoved,
                    context,
                    at,
                    wasRequired ? "removed (it was required)" : "removed");
            }
            else
            {
                if (wasRequired != isRequired)
                {
                    // A client must now send it (breaking) or may no longer rely on receiving it (breaking).
                    bool breaks = sends ? isRequired : !isRequired;
                    sink.Add(breaks ? ChangeClass.Breaking : ChangeClass.NonBreaking, ChangeKinds.PropertyRequired, context, at,
                        isRequired ? "optional → required" : "required → optional");
                }

                Walk(oldProperties[name]!, newProperties[name]!, context, at, follow, false, depth + 1);
            }
        }
    }

    private void CompareNullability(JObject o, JObject n, ChangeContext context, string where, bool sends)
    {
        bool was = (bool?)o["nullable"] ?? false, now = (bool?)n["nullable"] ?? false;
        if (was != now)
        {
            // Sending: null is no longer accepted (breaking). Reading: null may now arrive (breaking).
            bool breaks = sends ? !now : now;
            sink.Add(
                breaks ? ChangeClass.Breaking : ChangeClass.NonBreaking,
                ChangeKinds.Nullability,
                context,
                where,
                now ? "not nullable → nullable" : "nullable → not nullable");
        }
    }

    private void CompareConstraints(JObject o, JObject n, ChangeContext context, string where, bool sends)
    {
        (string Key, int Tighter)[] constraints =
        [
            ("maxLength", -1), ("maxItems", -1), ("maximum", -1), ("minLength", 1), ("minItems", 1), ("minimum", 1), ("pattern", 0),
        ];
        foreach ((string key, int tighter) in constraints)
        {
            JToken? was = o[key], now = n[key];
            if (JToken.DeepEquals(was, now))
            {
                continue;
            }

            bool narrowed = now is not null && (was is null || tighter == 0 || Math.Sign((decimal)now - (decimal)was) == tighter);
            ChangeClass changeClass = sends && narrowed ? ChangeClass.Breaking : ChangeClass.NonBreaking;
            sink.Add(changeClass, ChangeKinds.Constraint, context, where, $"{key} {Show(was)} → {Show(now)}");
        }
    }

    /// <summary>Merges <c>allOf</c> parts into one schema: properties, required names, and what the schema does not say itself.</summary>
    internal static JObject Flatten(ApiDocument document, JObject schema, int depth)
    {
        if (schema["allOf"] is not JArray parts || depth > MaxDepth)
        {
            return schema;
        }

        var merged = new JObject(schema.Properties().Where(p => p.Name != "allOf").Select(p => new JProperty(p.Name, p.Value)));
        foreach (JToken part in parts)
        {
            JObject resolved = Flatten(document, document.ResolveObject(part), depth + 1);
            foreach (JProperty property in resolved.Properties())
            {
                switch (property.Name)
                {
                    case "properties" when property.Value is JObject properties:
                        JObject into = merged["properties"] as JObject ?? (JObject)(merged["properties"] = new JObject());
                        foreach (JProperty p in properties.Properties().Where(p => into[p.Name] is null))
                        {
                            into[p.Name] = p.Value;
                        }

                        break;
                    case "required" when property.Value is JArray required:
                        JArray names = merged["required"] as JArray ?? (JArray)(merged["required"] = new JArray());
                        foreach (JToken name in required.Where(r => !names.Any(x => JToken.DeepEquals(x, r))))
                        {
                            names.Add(name);
                        }

                        break;
                    case "description" or "title":
                        break;
                    default:
                        merged[property.Name] ??= property.Value;
                        break;
                }
            }
        }

        return merged;
    }

    /// <summary>
    /// A schema's shape as text (<c>array&lt;string&gt;</c>, <c>string(date-time)</c>, <c>object</c>); two schemas of
    /// different shapes are a type change.
    /// </summary>
    internal static string Signature(ApiDocument document, JObject schema, int depth)
    {
        schema = Flatten(document, schema, 0);
        foreach (string choice in new[] { "oneOf", "anyOf" })
        {
            if (schema[choice] is JArray options && depth < 8)
            {
                return $"{choice}({string.Join(", ", options.Select(x => Signature(document, document.ResolveObject(x), depth + 1)))})";
            }
        }

        string type = schema["type"] switch
        {
            JValue { Type: JTokenType.String } t => (string)t!,
            JArray types => string.Join("|", types.Select(t => (string?)t)),
            _ when schema["properties"] is not null || schema["additionalProperties"] is not null => "object",
            _ when schema["items"] is not null => "array",
            _ => "any",
        };
        if (type == "array" && schema["items"] is { } items && depth < 8)
        {
            return $"array<{Signature(document, document.ResolveObject(items), depth + 1)}>";
        }

        return schema["format"] is JValue { Type: JTokenType.String } format ? $"{type}({format})" : type;
    }

    internal static string Show(JToken? value) => value switch
    {
        null => "(none)",
        JValue { Type: JTokenType.String } s => (string)s!,
        _ => value.ToString(Formatting.None),
    };

    private static HashSet<string> Required(JObject schema) =>
        (schema["required"] as JArray ?? [])
            .Where(r => r.Type == JTokenType.String)
            .Select(r => (string)r!)
            .ToHashSet(StringComparer.Ordinal);

    private sealed class ReferencePairComparer : IEqualityComparer<(JToken, JToken)>
    {
        public static readonly ReferencePairComparer Instance = new();

        public bool Equals((JToken, JToken) x, (JToken, JToken) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((JToken, JToken) pair) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(pair.Item1), RuntimeHelpers.GetHashCode(pair.Item2));
    }
}
