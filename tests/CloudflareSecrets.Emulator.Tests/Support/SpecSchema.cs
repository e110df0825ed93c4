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
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "spec", "secrets-store.openapi.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    });

    /// <summary>Asserts that <paramref name="response"/> matches what <paramref name="operationId"/> declares for its status.</summary>
    public static void AssertConforms(string operationId, ApiResponse response)
    {
        var schema = ResponseSchema(operationId, (int)response.Status);
        var problems = new List<string>();
        Validate(response.Json, schema, "$", problems);
        Assert.That(problems, Is.Empty, $"{operationId} answered {(int)response.Status} with a body that breaks the spec: {response.Body}");
    }

    private static JsonElement ResponseSchema(string operationId, int status)
    {
        foreach (var path in Document.Value.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Value.ValueKind == JsonValueKind.Object &&
                    operation.Value.TryGetProperty("operationId", out var id) && id.GetString() == operationId)
                {
                    var responses = operation.Value.GetProperty("responses");
                    var response = responses.TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var exact)
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
        for (var depth = 0; depth < 16 && schema.TryGetProperty("$ref", out var reference); depth++)
        {
            var name = reference.GetString()!["#/components/schemas/".Length..];
            schema = Document.Value.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }

    private static void Validate(JsonElement value, JsonElement schema, string at, List<string> problems)
    {
        schema = Resolve(schema);
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!(schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean()))
            {
                problems.Add($"{at} is null but not nullable");
            }

            return;
        }

        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : null;
        var ok = type switch
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

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(option => JsonElement.DeepEquals(option, value)))
        {
            problems.Add($"{at} = {value.GetRawText()} is not one of {allowed.GetRawText()}");
        }

        if (type == "string" && schema.TryGetProperty("maxLength", out var maxLength) && value.GetString()!.Length > maxLength.GetInt32())
        {
            problems.Add($"{at} is longer than {maxLength.GetInt32()}");
        }

        if (type is "integer" or "number" && schema.TryGetProperty("minimum", out var minimum) && value.GetDouble() < minimum.GetDouble())
        {
            problems.Add($"{at} is below {minimum.GetDouble()}");
        }

        if (type == "array" && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Validate(item, items, $"{at}[{index++}]", problems);
            }
        }

        if (type == "object")
        {
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
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

            foreach (var property in value.EnumerateObject())
            {
                if (!properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    continue;
                }

                if (Resolve(propertySchema).TryGetProperty("writeOnly", out var writeOnly) && writeOnly.GetBoolean())
                {
                    problems.Add($"{at}.{property.Name} is write-only and must never be returned");
                    continue;
                }

                Validate(property.Value, propertySchema, $"{at}.{property.Name}", problems);
            }
        }
    }
}
