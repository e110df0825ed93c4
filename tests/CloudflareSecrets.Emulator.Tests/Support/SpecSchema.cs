using System.Text.Json;

namespace CloudflareSecrets.Emulator.Tests.Support;

/// <summary>
/// Checks response bodies against the project's OpenAPI description (the subset of JSON Schema it uses): required
/// fields, types, nullability, enums, maxLength, minimum, and that write-only fields (the secret value) never appear.
/// </summary>
public static class SpecSchema
{
    private static readonly Lazy<JsonElement> Document = new(() =>
    {
        string path = Path.Combine(TestContext.CurrentContext.TestDirectory, "spec", "secrets-store.openapi.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    });

    /// <summary>Asserts that <paramref name="response"/> matches what <paramref name="operationId"/> declares for its status.</summary>
    public static void AssertConforms(string operationId, ApiResponse response)
    {
        JsonElement schema = ResponseSchema(operationId, (int)response.Status);
        var problems = new List<string>();
        Validate(response.Json, schema, "$", problems);
        Assert.That(problems, Is.Empty, $"{operationId} answered {(int)response.Status} with a body that breaks the spec: {response.Body}");
    }

    private static JsonElement ResponseSchema(string operationId, int status)
    {
        foreach (JsonProperty path in Document.Value.GetProperty("paths").EnumerateObject())
        {
            foreach (JsonProperty operation in path.Value.EnumerateObject())
            {
                if (operation.Value.ValueKind == JsonValueKind.Object &&
                    operation.Value.TryGetProperty("operationId", out JsonElement id) && id.GetString() == operationId)
                {
                    JsonElement responses = operation.Value.GetProperty("responses");
                    string statusKey = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    JsonElement response = responses.TryGetProperty(statusKey, out JsonElement exact)
                        ? exact
                        : responses.GetProperty("default");
                    return response.GetProperty("content").GetProperty("application/json").GetProperty("schema");
                }
            }
        }

        throw new ArgumentException($"No operation {operationId} in the spec.", nameof(operationId));
    }

    private static JsonElement Resolve(JsonElement schema)
    {
        // Bounded: the spec's references are at most a few levels deep.
        for (int depth = 0; depth < 16 && schema.TryGetProperty("$ref", out JsonElement reference); depth++)
        {
            string name = reference.GetString()!["#/components/schemas/".Length..];
            schema = Document.Value.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }

    private static void Validate(JsonElement value, JsonElement schema, string at, List<string> problems)
    {
        schema = Resolve(schema);
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!(schema.TryGetProperty("nullable", out JsonElement nullable) && nullable.GetBoolean()))
            {
                problems.Add($"{at} is null but not nullable");
            }

            return;
        }

        string? type = schema.TryGetProperty("type", out JsonElement t) ? t.GetString() : null;
        bool ok = type switch
        {
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array,
            "string" => value.ValueKind == JsonValueKind.String,
            "number" => value.ValueKind == JsonValueKind.Number,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            _ => true,
        };
        if (!ok)
        {
            problems.Add($"{at} should be {type} but is {value.ValueKind}");
            return;
        }

        if (schema.TryGetProperty("enum", out JsonElement allowed)
            && !allowed.EnumerateArray().Any(option => JsonElement.DeepEquals(option, value)))
        {
            problems.Add($"{at} = {value.GetRawText()} is not one of {allowed.GetRawText()}");
        }

        if (type == "string"
            && schema.TryGetProperty("maxLength", out JsonElement maxLength)
            && value.GetString()!.Length > maxLength.GetInt32())
        {
            problems.Add($"{at} is longer than {maxLength.GetInt32()}");
        }

        if (type is "integer" or "number"
            && schema.TryGetProperty("minimum", out JsonElement minimum)
            && value.GetDouble() < minimum.GetDouble())
        {
            problems.Add($"{at} is below {minimum.GetDouble()}");
        }

        if (type == "array" && schema.TryGetProperty("items", out JsonElement items))
        {
            int index = 0;
            foreach (JsonElement item in value.EnumerateArray())
            {
                Validate(item, items, $"{at}[{index++}]", problems);
            }
        }

        if (type == "object")
        {
            JsonElement properties = schema.TryGetProperty("properties", out JsonElement p) ? p : default;
            if (schema.TryGetProperty("required", out JsonElement required))
            {
                foreach (string? name in required.EnumerateArray().Select(r => r.GetString()!))
                {
                    if (!value.TryGetProperty(name, out _))
                    {
                        problems.Add($"{at}.{name} is required but missing");
                    }
                }
            }

            if (properties.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (JsonProperty property in value.EnumerateObject())
            {
                if (!properties.TryGetProperty(property.Name, out JsonElement propertySchema))
                {
                    continue;
                }

                if (Resolve(propertySchema).TryGetProperty("writeOnly", out JsonElement writeOnly) && writeOnly.GetBoolean())
                {
                    problems.Add($"{at}.{property.Name} is write-only and must never be returned");
                    continue;
                }

                Validate(property.Value, propertySchema, $"{at}.{property.Name}", problems);
            }
        }
    }
}
