using CloudflareSecrets.Generated;

namespace CloudflareSecrets.Internal;

/// <summary>The secrets of one create call: checked and mapped before anything is sent, and the results put in the order asked.</summary>
internal static class CreateBatch
{
    /// <summary>Checks every secret (names unique in the list) and maps it to the wire.</summary>
    public static List<SecretsStore_createSecretObject> Validate(IEnumerable<NewSecret> secrets, string paramName)
    {
        List<SecretsStore_createSecretObject> wire =
            secrets is IReadOnlyCollection<NewSecret> known ? new List<SecretsStore_createSecretObject>(known.Count) : [];
        HashSet<string>? names = null;
        foreach (NewSecret? secret in secrets)
        {
            // The parameter names ("secrets[3].Name") are built only for an exception.
            if (secret is null)
            {
                throw new ArgumentException($"{paramName}[{wire.Count}] is null.", paramName);
            }

            Guard.Name(secret.Name, new ParamName(paramName, wire.Count, "Name"));
            Guard.Value(secret.Value, new ParamName(paramName, wire.Count, "Value"));
            List<string> scopes = Guard.Scopes(secret.Scopes, new ParamName(paramName, wire.Count, "Scopes"));

            if (wire.Count > 0)
            {
                names ??= new HashSet<string>(StringComparer.Ordinal) { wire[0].Name };
                if (!names.Add(secret.Name))
                {
                    throw new ArgumentException(
                        $"{paramName}[{wire.Count}].Name repeats a name given earlier in the list (names are unique in a store).",
                        paramName);
                }
            }

            wire.Add(Mapper.ToWire(secret.Name, secret.Value, scopes, secret.Comment));
        }

        if (wire.Count == 0)
        {
            throw new ArgumentException("At least one secret is required; the list is empty.", paramName);
        }

        return wire;
    }

    /// <summary>Puts the created secrets in the order they were asked for (by name, unique within a batch).</summary>
    public static IReadOnlyList<Secret> InRequestOrder(List<SecretsStore_createSecretObject> batch, Secret[] results)
    {
        // Usually the server answers in request order already: nothing to reorder.
        if (results.Length == batch.Count)
        {
            int i = 0;
            while (i < results.Length && string.Equals(results[i].Name, batch[i].Name, StringComparison.Ordinal))
            {
                i++;
            }

            if (i == results.Length)
            {
                return results;
            }
        }

        var byName = new Dictionary<string, Secret>(results.Length, StringComparer.Ordinal);
        foreach (Secret secret in results)
        {
            byName.TryAdd(secret.Name, secret);
        }

        if (byName.Count != results.Length)
        {
            return results;
        }

        var ordered = new Secret[batch.Count];
        for (int i = 0; i < ordered.Length; i++)
        {
            if (!byName.TryGetValue(batch[i].Name, out Secret? secret))
            {
                return results;
            }

            ordered[i] = secret;
        }

        return ordered;
    }
}
