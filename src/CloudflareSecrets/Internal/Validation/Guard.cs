using System.Text;

namespace CloudflareSecrets.Internal;

/// <summary>
/// Checks arguments before anything is sent, so bad input gives a clear <see cref="ArgumentException"/> naming the
/// parameter, the rule and the actual size, never a confusing HTTP 400. Messages never contain a secret's value.
/// </summary>
internal static class Guard
{
    public static string Id(string? value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Length == 0)
        {
            throw new ArgumentException("An identifier must not be empty.", paramName);
        }

        if (value.Length > SecretsStoreLimits.MaxIdLength)
        {
            throw new ArgumentException($"An identifier must be at most {SecretsStoreLimits.MaxIdLength} characters; this one has {value.Length}.", paramName);
        }

        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c is '/' or '?' or '#' or '%' or '\\' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException($"An identifier must not contain '/', '?', '#', '%', '\\', white space or control characters (they would change the request URL); found {Describe(c)} at position {i}.", paramName);
            }
        }

        return value;
    }

    public static string AccountId(string? perCall, string? fallback, string paramName)
    {
        if (perCall is null && fallback is null)
        {
            throw new ArgumentException("No account id: pass one, or set SecretsStoreClientOptions.AccountId (or CLOUDFLARE_ACCOUNT_ID).", paramName);
        }

        return Id(perCall ?? fallback, paramName);
    }

    public static string Name(string? value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Length == 0)
        {
            throw new ArgumentException("A name must not be empty.", paramName);
        }

        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsWhiteSpace(value[i]) || char.IsControl(value[i]))
            {
                throw new ArgumentException($"A name must not contain white space or control characters; found {Describe(value[i])} at position {i} of {value.Length}.", paramName);
            }
        }

        return value;
    }

    /// <summary>Whether <see cref="Name"/> would accept <paramref name="value"/>, without building its parameter name.</summary>
    public static bool IsName(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        foreach (char c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <see cref="Value"/> would accept <paramref name="value"/>, without building its parameter name.</summary>
    public static bool IsValue(string? value) =>
        !string.IsNullOrEmpty(value) &&
        (value.Length <= SecretsStoreLimits.MaxValueBytes / 4 || Encoding.UTF8.GetByteCount(value) <= SecretsStoreLimits.MaxValueBytes);

    /// <summary>
    /// <see cref="Scopes"/> without building its parameter name: false (and no list) where <see cref="Scopes"/> would
    /// throw, so the caller can call it with the name for the exception.
    /// </summary>
    public static bool TryScopes(IEnumerable<string>? scopes, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out List<string>? list)
    {
        list = null;
        if (scopes is null)
        {
            return false;
        }

        var result = scopes is IReadOnlyCollection<string> known ? new List<string>(known.Count) : [];
        foreach (string? scope in scopes)
        {
            if (string.IsNullOrEmpty(scope))
            {
                return false;
            }

            foreach (char c in scope)
            {
                if (c == ',' || char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    return false;
                }
            }

            result.Add(scope);
        }

        if (result.Count == 0)
        {
            return false;
        }

        list = result;
        return true;
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

    /// <summary>Checks a secret value's size. The message gives sizes only, never the value.</summary>
    public static string Value(string? value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Length == 0)
        {
            throw new ArgumentException("A secret value must not be empty.", paramName);
        }

        // Four bytes per char at most: only long strings need counting.
        if (value.Length > SecretsStoreLimits.MaxValueBytes / 4)
        {
            int bytes = Encoding.UTF8.GetByteCount(value);
            if (bytes > SecretsStoreLimits.MaxValueBytes)
            {
                throw new ArgumentException($"A secret value must be at most {SecretsStoreLimits.MaxValueBytes:N0} bytes in UTF-8; this one is {bytes:N0} bytes.", paramName);
            }
        }

        return value;
    }

    public static List<string> Scopes(IEnumerable<string>? scopes, string paramName, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(scopes, paramName);
        var list = new List<string>();
        foreach (string? scope in scopes)
        {
            if (string.IsNullOrEmpty(scope))
            {
                throw new ArgumentException($"Scope {list.Count} is null or empty.", paramName);
            }

            for (int i = 0; i < scope.Length; i++)
            {
                if (scope[i] == ',' || char.IsWhiteSpace(scope[i]) || char.IsControl(scope[i]))
                {
                    throw new ArgumentException($"Scope {list.Count} must not contain commas, white space or control characters; found {Describe(scope[i])} at position {i}.", paramName);
                }
            }

            list.Add(scope);
        }

        if (list.Count == 0 && !allowEmpty)
        {
            throw new ArgumentException("At least one scope is required (for example SecretScopes.Workers); none was given.", paramName);
        }

        return list;
    }

    public static int PageSize(int value, string paramName)
    {
        if (value is < 1 or > SecretsStoreLimits.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"The page size must be from 1 to {SecretsStoreLimits.MaxPageSize}; it is {value}.");
        }

        return value;
    }

    public static List<string> Ids(IEnumerable<string>? ids, string paramName)
    {
        ArgumentNullException.ThrowIfNull(ids, paramName);
        var list = new List<string>();
        foreach (string? id in ids)
        {
            try
            {
                list.Add(Id(id, paramName));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Identifier {list.Count} is invalid: {e.Message.Replace($" (Parameter '{paramName}')", string.Empty, StringComparison.Ordinal)}", paramName, e);
            }
        }

        if (list.Count == 0)
        {
            throw new ArgumentException("At least one secret id is required; the list is empty.", paramName);
        }

        return list;
    }

    private static string Describe(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
