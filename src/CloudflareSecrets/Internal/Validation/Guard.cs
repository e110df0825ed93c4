namespace CloudflareSecrets.Internal;

/// <summary>
/// A parameter's name as a message shows it: <c>storeId</c>, or <c>secrets[3].Name</c> for a member of a list item.
/// A value, so the indexed form is built only when an exception needs it.
/// </summary>
internal readonly struct ParamName(string name, int index = -1, string? member = null)
{
    public static implicit operator ParamName(string name) => new(name);

    public override string ToString() => index < 0 ? name : $"{name}[{index}].{member}";
}

/// <summary>
/// Checks arguments before anything is sent, so bad input gives a clear <see cref="ArgumentException"/> naming the
/// parameter, the rule and the actual size, never a confusing HTTP 400. Messages never contain a secret's value.
/// One method per rule: it returns the value when valid and throws otherwise. The rules for a secret's name, value and
/// scope are <see cref="SecretsStoreRules"/>'s, which tools use to check input early.
/// </summary>
internal static class Guard
{
    public static string Id(string? value, ParamName param)
    {
        if (value is null)
        {
            throw new ArgumentNullException(param.ToString());
        }

        IdentifierFault fault = Identifier.Check(value, out int position);
        return fault == IdentifierFault.None
            ? value
            : throw new ArgumentException(Identifier.Describe(value, fault, position), param.ToString());
    }

    public static string AccountId(string? perCall, string? fallback, string paramName)
    {
        if (perCall is null && fallback is null)
        {
            throw new ArgumentException(
                "No account id: pass one, or set SecretsStoreClientOptions.AccountId (or CLOUDFLARE_ACCOUNT_ID).", paramName);
        }

        return Id(perCall ?? fallback, paramName);
    }

    public static string Name(string? value, ParamName param)
    {
        if (value is null)
        {
            throw new ArgumentNullException(param.ToString());
        }

        return SecretsStoreRules.CheckSecretName(value) is { } problem ? throw new ArgumentException(problem, param.ToString()) : value;
    }

    public static string StoreName(string? value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"A store name must not be empty or white space (it has {value.Length} characters).", paramName);
        }

        return value;
    }

    /// <summary>
    /// Checks a secret value (<see cref="SecretsStoreRules.CheckSecretValue"/>). The message gives sizes only, never
    /// the value.
    /// </summary>
    public static string Value(string? value, ParamName param)
    {
        if (value is null)
        {
            throw new ArgumentNullException(param.ToString());
        }

        return SecretsStoreRules.CheckSecretValue(value) is { } problem ? throw new ArgumentException(problem, param.ToString()) : value;
    }

    public static List<string> Scopes(IEnumerable<string>? scopes, ParamName param, bool allowEmpty = false)
    {
        if (scopes is null)
        {
            throw new ArgumentNullException(param.ToString());
        }

        List<string> list = scopes is IReadOnlyCollection<string> known ? new List<string>(known.Count) : [];
        foreach (string? scope in scopes)
        {
            if (string.IsNullOrEmpty(scope))
            {
                throw new ArgumentException($"Scope {list.Count} is null or empty.", param.ToString());
            }

            if (SecretsStoreRules.CheckScopeCharacters(scope, $"Scope {list.Count}") is { } problem)
            {
                throw new ArgumentException(problem, param.ToString());
            }

            list.Add(scope);
        }

        if (list.Count == 0 && !allowEmpty)
        {
            throw new ArgumentException(
                "At least one scope is required (for example SecretScopes.Workers); none was given.", param.ToString());
        }

        return list;
    }

    public static int PageSize(int value, string paramName)
    {
        if (value is < 1 or > SecretsStoreLimits.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(
                paramName, value, $"The page size must be from 1 to {SecretsStoreLimits.MaxPageSize}; it is {value}.");
        }

        return value;
    }

    public static List<string> Ids(IEnumerable<string>? ids, string paramName)
    {
        ArgumentNullException.ThrowIfNull(ids, paramName);
        List<string> list = ids is IReadOnlyCollection<string> known ? new List<string>(known.Count) : [];
        foreach (string? id in ids)
        {
            if (id is null)
            {
                throw new ArgumentException($"Identifier {list.Count} is invalid: Value cannot be null.", paramName);
            }

            IdentifierFault fault = Identifier.Check(id, out int position);
            if (fault != IdentifierFault.None)
            {
                throw new ArgumentException($"Identifier {list.Count} is invalid: {Identifier.Describe(id, fault, position)}", paramName);
            }

            list.Add(id);
        }

        if (list.Count == 0)
        {
            throw new ArgumentException("At least one secret id is required; the list is empty.", paramName);
        }

        return list;
    }

    /// <summary>A character as a message may show it: white space and control characters by code point.</summary>
    public static string Describe(char c) => SecretsStoreRules.Describe(c);
}
