using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool;

/// <summary>
/// Applies an OpenAPI Overlay 1.0 document: each action selects nodes with a JSONPath <c>target</c>, then either
/// removes them or merges <c>update</c> into them (objects merge recursively, other values are replaced; an array
/// target gets the update appended). An action whose target matches nothing is an error, so an upstream change
/// that makes a fix obsolete is noticed instead of silently ignored.
/// <para>
/// One action kind is the tool's own (an Overlay extension): <c>"x-open-enum": true</c> turns each matched schema's
/// closed <c>enum</c> into an open one, moving the values the upstream document lists into <c>x-known-values</c>.
/// The known values are copied from the document being processed, never typed into the overlay, so a value
/// Cloudflare adds upstream reaches the spec by itself. A matched schema without <c>enum</c> is already open and is
/// left as it is.
/// </para>
/// <para>
/// The other, <c>"x-inline": true</c>, replaces each matched <c>$ref</c> object with a copy of what it references, so
/// that one operation gets its own copy of a definition upstream shares (and the generator its own type for it).
/// </para>
/// </summary>
public static class Overlay
{
    /// <summary>Applies every action of <paramref name="overlay"/> to <paramref name="document"/> in order.</summary>
    /// <returns>The number of nodes each action changed, in action order.</returns>
    public static IReadOnlyList<int> Apply(JObject document, JObject overlay, string overlayName)
    {
        if (overlay["overlay"] is not JValue { Type: JTokenType.String } version
            || !((string)version!).StartsWith("1.", StringComparison.Ordinal))
        {
            throw new SpecToolException(
                $"Overlay '{overlayName}' is not an OpenAPI Overlay 1.x document (missing \"overlay\": \"1.0.0\").");
        }

        if (overlay["actions"] is not JArray actions || actions.Count == 0)
        {
            throw new SpecToolException($"Overlay '{overlayName}' has no \"actions\" array.");
        }

        var counts = new List<int>();
        for (int i = 0; i < actions.Count; i++)
        {
            if (actions[i] is not JObject action)
            {
                throw new SpecToolException($"Overlay '{overlayName}' action {i + 1} is not an object.");
            }

            string label = $"Overlay '{overlayName}' action {i + 1}" + (action["description"] is JValue d ? $" ({d})" : string.Empty);
            string target = action["target"]?.Type == JTokenType.String
                ? (string)action["target"]!
                : throw new SpecToolException($"{label} has no \"target\".");
            bool remove = action["remove"]?.Type == JTokenType.Boolean && (bool)action["remove"]!;
            bool openEnum = action[OpenEnumKey]?.Type == JTokenType.Boolean && (bool)action[OpenEnumKey]!;
            bool inline = action[InlineKey]?.Type == JTokenType.Boolean && (bool)action[InlineKey]!;
            JToken? update = action["update"];
            int kinds = (remove ? 1 : 0) + (openEnum ? 1 : 0) + (inline ? 1 : 0) + (update is null ? 0 : 1);
            if (kinds == 0)
            {
                throw new SpecToolException(
                    $"{label} has neither \"update\" nor \"remove\": true nor \"{OpenEnumKey}\": true nor \"{InlineKey}\": true.");
            }

            if (kinds > 1)
            {
                throw new SpecToolException(
                    $"{label} has more than one of \"update\", \"remove\": true, \"{OpenEnumKey}\": true and \"{InlineKey}\": true.");
            }

            List<JToken> nodes;
            try
            {
                nodes = document.SelectTokens(target).ToList();
            }
            catch (Exception e) when (e is Newtonsoft.Json.JsonException or ArgumentException)
            {
                throw new SpecToolException($"{label}: target '{target}' is not a valid JSONPath: {e.Message}", e);
            }

            if (nodes.Count == 0)
            {
                throw new SpecToolException($"{label}: target '{target}' matches nothing in the document.");
            }

            foreach (JToken node in nodes)
            {
                if (remove)
                {
                    Remove(node, label);
                }
                else if (openEnum)
                {
                    OpenEnum(node, label);
                }
                else if (inline)
                {
                    Inline(document, node, label);
                }
                else
                {
                    Update(node, update!, label);
                }
            }

            counts.Add(nodes.Count);
        }

        return counts;
    }

    /// <summary>The extension property of an action that opens the enums it targets.</summary>
    public const string OpenEnumKey = "x-open-enum";

    /// <summary>The property that keeps an opened enum's values, as documentation.</summary>
    public const string KnownValuesKey = "x-known-values";

    private static void OpenEnum(JToken node, string label)
    {
        if (node is not JObject schema)
        {
            throw new SpecToolException(
                $"{label}: \"{OpenEnumKey}\" needs schema objects, but the target is {node.Type} (at {node.Path}).");
        }

        if (schema["enum"] is not { } values)
        {
            return;
        }

        if (values is not JArray)
        {
            throw new SpecToolException($"{label}: the enum at {node.Path} is not an array.");
        }

        schema[KnownValuesKey] = values.DeepClone();
        schema.Remove("enum");
    }

    /// <summary>The extension property of an action that replaces the <c>$ref</c>s it targets with copies of their targets.</summary>
    public const string InlineKey = "x-inline";

    private static void Inline(JObject document, JToken node, string label)
    {
        if (node is not JObject { } reference
            || reference["$ref"] is not JValue { Type: JTokenType.String } value
            || !((string)value!).StartsWith("#/", StringComparison.Ordinal))
        {
            throw new SpecToolException($"{label}: \"{InlineKey}\" needs local $ref objects, but {node.Path} is not one.");
        }

        JToken? target = document;
        foreach (string part in ((string)value!)[2..].Split('/'))
        {
            target = target?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        reference.Replace(target?.DeepClone() ?? throw new SpecToolException($"{label}: $ref '{value}' at {node.Path} points at nothing."));
    }

    private static void Remove(JToken node, string label)
    {
        switch (node.Parent)
        {
            case JProperty property:
                property.Remove();
                break;
            case JArray:
                node.Remove();
                break;
            default:
                throw new SpecToolException($"{label}: cannot remove the document root.");
        }
    }

    private static void Update(JToken node, JToken update, string label)
    {
        switch (node)
        {
            case JArray array:
                array.Add(update.DeepClone());
                break;
            case JObject target when update is JObject source:
                Merge(target, source);
                break;
            default:
                throw new SpecToolException(
                    $"{label}: an update must be an object merged into an object, or a value appended to an array " +
                    $"(the target is {node.Type}).");
        }
    }

    private static void Merge(JObject target, JObject source)
    {
        foreach (JProperty property in source.Properties())
        {
            if (target[property.Name] is JObject existing && property.Value is JObject nested)
            {
                Merge(existing, nested);
            }
            else
            {
                target[property.Name] = property.Value.DeepClone();
            }
        }
    }
}
