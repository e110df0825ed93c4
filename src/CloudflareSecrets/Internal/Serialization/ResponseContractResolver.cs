using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace CloudflareSecrets.Internal;

/// <summary>
/// The contracts responses are read with: the generated ones, except that <see cref="Required.DisallowNull"/> is
/// enforced where the value is set instead of by Newtonsoft's presence tracking. For any type with a property that is
/// not <see cref="Required.Default"/>, Newtonsoft builds a dictionary of every property's presence for each object it
/// reads (about 400 bytes per secret, over a quarter of what reading a secret allocated) and walks it at the end of the
/// object, only to throw when one of those properties was <c>null</c>. Here such a property takes a <c>null</c> as
/// any other value and its setter throws the same <see cref="JsonSerializationException"/>; a property left out is
/// accepted, as <see cref="Required.DisallowNull"/> does. Request bodies keep the generated contracts.
/// </summary>
internal sealed class ResponseContractResolver : DefaultContractResolver
{
    public static readonly ResponseContractResolver Instance = new();

    /// <summary>A serializer for responses: <paramref name="settings"/> with these contracts.</summary>
    public static JsonSerializer CreateSerializer(JsonSerializerSettings settings)
    {
        var serializer = JsonSerializer.Create(settings);
        serializer.ContractResolver = Instance;
        return serializer;
    }

    protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
    {
        JsonProperty property = base.CreateProperty(member, memberSerialization);
        if (property.Required != Required.DisallowNull)
        {
            return property;
        }

        // The setter must see a null to refuse it, so a null is no longer skipped.
        property.Required = Required.Default;
        property.NullValueHandling = NullValueHandling.Include;
        property.ValueProvider = new NonNullValueProvider(property.ValueProvider!, property.PropertyName!);
        return property;
    }

    /// <summary>
    /// A <c>null</c> refused for a required property. A setter knows no position in the body: the reader of the response
    /// gives it one (<see cref="PooledRawClient"/>), so the failure names the property as Newtonsoft's own check would.
    /// </summary>
    internal sealed class NullValueRefusedException(string message) : JsonSerializationException(message);

    /// <summary>Sets values as the generated contract's provider does, refusing <c>null</c>.</summary>
    private sealed class NonNullValueProvider(IValueProvider inner, string name) : IValueProvider
    {
        public object? GetValue(object target) => inner.GetValue(target);

        public void SetValue(object target, object? value)
        {
            if (value is null)
            {
                throw new NullValueRefusedException($"Required property '{name}' expects a non-null value.");
            }

            inner.SetValue(target, value);
        }
    }
}
