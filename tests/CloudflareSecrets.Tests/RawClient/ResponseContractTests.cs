using System.Reflection;
using CloudflareSecrets.Generated;
using CloudflareSecrets.Internal;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace CloudflareSecrets.Tests.RawClient;

/// <summary>
/// Responses are read with <see cref="ResponseContractResolver"/> instead of the generated contracts: it must accept and
/// refuse exactly what the generated contracts do (a null where the spec requires a value is refused, a missing
/// property is not), read the same values, and leave Newtonsoft nothing to track per object.
/// </summary>
public static class ResponseContractTests
{
    private static readonly Type[] WireTypes = [.. typeof(SecretsStoreRawClient).Assembly.GetTypes()
        .Where(
            t => t.Namespace == typeof(SecretsStoreRawClient)
                .Namespace && t.IsClass && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
        .Where(t => t.GetProperties().Any(p => p.GetCustomAttribute<JsonPropertyAttribute>() is not null))
        .OrderBy(t => t.Name, StringComparer.Ordinal)];

    private static IEnumerable<TestCaseData> RequiredProperties() =>
        from type in WireTypes
        from property in type.GetProperties()
        let attribute = property.GetCustomAttribute<JsonPropertyAttribute>()
        where attribute is { Required: Required.DisallowNull }
        select new TestCaseData(type, attribute.PropertyName).SetArgDisplayNames(type.Name, attribute.PropertyName!);

    private static IEnumerable<TestCaseData> Types() => WireTypes.Select(t => new TestCaseData(t).SetArgDisplayNames(t.Name));

    private static JsonSerializer Generated => JsonSerializer.Create(GeneratedSettings.Value);

    private static JsonSerializer Responses => ResponseContractResolver.CreateSerializer(GeneratedSettings.Value);

    public class ARequiredProperty
    {
        [Test]
        public void ExistsInTheSpecSoTheseTestsCheckSomething()
        {
            Assert.That(RequiredProperties().Count(), Is.GreaterThanOrEqualTo(40));
        }

        [TestCaseSource(typeof(ResponseContractTests), nameof(RequiredProperties))]
        public void SetToNullIsRefusedAsTheGeneratedContractRefusesIt(Type type, string property)
        {
            string json = new JObject { [property] = JValue.CreateNull() }.ToString();

            Assert.Multiple(() =>
            {
                Assert.That(() => Read(Generated, json, type), Throws.InstanceOf<JsonSerializationException>(), "generated contract");
                Assert.That(() => Read(Responses, json, type), Throws.InstanceOf<JsonSerializationException>(), "response contract");
            });
        }

        [TestCaseSource(typeof(ResponseContractTests), nameof(RequiredProperties))]
        public void LeftOutIsAcceptedAsTheGeneratedContractAcceptsIt(Type type, string property)
        {
            Assert.Multiple(() =>
            {
                Assert.That(() => Read(Generated, "{}", type), Throws.Nothing, "generated contract");
                Assert.That(() => Read(Responses, "{}", type), Throws.Nothing, "response contract");
            });
        }
    }

    public class AResponse
    {
        [TestCase("secret", nameof(SecretsStore_secret_response))]
        [TestCase("store", nameof(SecretsStore_store_response))]
        [TestCase("list", nameof(SecretsStore_secrets_response_collection))]
        [TestCase("failure", nameof(SecretsStore_apiResponseCommonFailure))]
        public void ReadsTheSameValuesAsWithTheGeneratedContracts(string example, string typeName)
        {
            string secretWithExtra = Examples.Secret.Replace(
                "\"comment\": \"info about my secret\",", "\"extra\": {\"nested\": [1, null]},", StringComparison.Ordinal);
            string json = example switch
            {
                "secret" => Examples.SecretResponse,
                "store" => Examples.StoreResponse,
                "list" => Examples.Envelope($"[{Examples.Secret}, {secretWithExtra}]", Examples.ResultInfo),
                _ => """{ "success": false, "errors": [ { "code": 10001, "message": "not found", "source": { "pointer": "/id" } } ]"""
                    + """, "messages": [], "result": null }""",
            };
            Type type = typeof(SecretsStoreRawClient).Assembly.GetType($"{typeof(SecretsStoreRawClient).Namespace}.{typeName}")!;

            string viaGenerated = JsonConvert.SerializeObject(Read(Generated, json, type), GeneratedSettings.Value);
            string viaResponses = JsonConvert.SerializeObject(Read(Responses, json, type), GeneratedSettings.Value);

            Assert.That(viaResponses, Is.EqualTo(viaGenerated));
        }

        [TestCaseSource(typeof(ResponseContractTests), nameof(Types))]
        public void ContractHasNoRequiredPropertyForNewtonsoftToTrack(Type type)
        {
            var contract = (JsonObjectContract)ResponseContractResolver.Instance.ResolveContract(type);

            Assert.That(contract.Properties.Select(p => p.Required), Is.All.EqualTo(Required.Default));
        }
    }

    private static object? Read(JsonSerializer serializer, string json, Type type)
    {
        using var reader = new JsonTextReader(new StringReader(json));
        return serializer.Deserialize(reader, type);
    }

    /// <summary>The generated client's own settings (its serializer for requests).</summary>
    private static readonly Lazy<JsonSerializerSettings> GeneratedSettings = new(() => new SettingsOf().Settings);

    private sealed class SettingsOf() : SecretsStoreRawClient(new HttpClient())
    {
        public JsonSerializerSettings Settings => JsonSerializerSettings;
    }
}
