using CloudflareSecrets.Internal;

namespace CloudflareSecrets;

/// <summary>Checks a sync's input before anything is sent: the rule, the entry and its size, never a value.</summary>
internal static class SyncInput
{
    public static List<KeyValuePair<string, string>> Validate(IEnumerable<KeyValuePair<string, string>>? desired, string paramName)
    {
        ArgumentNullException.ThrowIfNull(desired, paramName);
        List<KeyValuePair<string, string>> entries = desired is IReadOnlyCollection<KeyValuePair<string, string>> known
            ? new List<KeyValuePair<string, string>>(known.Count)
            : [];
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((string? name, string? value) in desired)
        {
            int index = entries.Count;

            // A name is no secret, so a value's problem names its entry by it.
            Guard.Name(name, new ParamName(paramName, index, "Key"));

            if (!positions.TryAdd(name!, index))
            {
                throw new ArgumentException(
                    $"{paramName}[{index}].Key repeats the name '{name}' of {paramName}[{positions[name!]}]; names are unique in a store.",
                    paramName);
            }

            Guard.Value(value, $"{paramName}[\"{name}\"]");

            entries.Add(new KeyValuePair<string, string>(name!, value!));
        }

        return entries;
    }

    /// <summary>Checks the options and returns the scopes of new secrets.</summary>
    public static List<string> Validate(SyncOptions options)
    {
        if (options.MaxParallelUpdates is < 1 or > SyncOptions.MaxParallelUpdatesLimit)
        {
            throw new ArgumentOutOfRangeException(
                "options.MaxParallelUpdates",
                options.MaxParallelUpdates,
                $"MaxParallelUpdates must be from 1 to {SyncOptions.MaxParallelUpdatesLimit}; it is {options.MaxParallelUpdates}.");
        }

        return options.Scopes is { } scopes ? Guard.Scopes(scopes, "options.Scopes") : [SecretScopes.Workers];
    }
}
