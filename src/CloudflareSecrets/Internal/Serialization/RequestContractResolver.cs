using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace CloudflareSecrets.Internal;

/// <summary>
/// The contracts request bodies are written with: the generated ones, without their extension data. Every generated
/// type carries an <c>AdditionalProperties</c> dictionary that its getter creates on first read, and writing an object
/// reads it: each object of a request body allocated an empty dictionary only to find nothing to write. The library
/// never puts anything there (request bodies are built from the public models' fields), so nothing else changes.
/// </summary>
internal sealed class RequestContractResolver : DefaultContractResolver
{
    public static readonly RequestContractResolver Instance = new();

    /// <summary>A serializer for request bodies: <paramref name="settings"/> with these contracts.</summary>
    public static JsonSerializer CreateSerializer(JsonSerializerSettings settings)
    {
        var serializer = JsonSerializer.Create(settings);
        serializer.ContractResolver = Instance;
        return serializer;
    }

    protected override JsonObjectContract CreateObjectContract(Type objectType)
    {
        JsonObjectContract contract = base.CreateObjectContract(objectType);
        contract.ExtensionDataGetter = null;
        return contract;
    }
}
