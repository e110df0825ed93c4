using System.Buffers;
using System.Text;

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
/// One method per rule: it returns the value when valid and throws otherwise.
/// </summary>
internal static class Guard
{
    private static readonly SearchValues<char> PrintableWithoutComma = SearchValues.Create(
        "!\"#$%&'()*+-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    public static string Id(string? value, ParamName param)
    {
        if (value is null)
        {
            throw new ArgumentNullException(param.ToString());
        }

        IdentifierFault fault = Identifier.Check(value, out int position);
        return fault == IdentifierFault.None ? value : throw new ArgumentException(Identifier.Describe(value, fault, position), param.ToString());
    }

    public static string AccountId(string? perCall, string? fallback, string paramName)
    {
        if (perCall is null && fallback is null)
        {
            throw new ArgumentException("No account id: pass one, or set SecretsStoreClientOptions.AccountId (or CLOUDFLARE_ACCOUNT_ID).", paramName);
        }

        return Id(perCall ?? fallback, paramName);
    }

    public static string Name(string? value, ParamName param)
    {
        if (value is null)
        {
            throw new ArgumentNullException(param.ToString());
        }

        if (value.Length == 0)
        {
            throw new ArgumentException("A name must not be empty.", param.ToString());
        }

        if (FirstForbidden(value, comma: false) is var i and >= 0)
        {
            throw new ArgumentException($"A name must not contain white space or control characters; found {Describe(value[i])} at position {i} of {value.Length}.", param.ToString());
        }

        return value;
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
    public static string Value(string? value, ParamName param)
    {
        if (value is null)
        {
            throw new ArgumentNullException(param.ToString());
        }

        if (value.Length == 0)
        {
            throw new ArgumentException("A secret value must not be empty.", param.ToString());
        }

        // A NUL ends the value early in many a consumer of it (C strings, some shells and .env readers): the value that
        // arrives would not be the one given. The position is no part of the value.
        if (value.IndexOf('\0') is var nul and >= 0)
        {
            throw new ArgumentException($"A secret value must not contain NUL characters (U+0000); found one at position {nul} of {value.Length}.", param.ToString());
        }

        // Four bytes per char at most: only long strings need counting.
        if (value.Length > SecretsStoreLimits.MaxValueBytes / 4)
        {
            int bytes = Encoding.UTF8.GetByteCount(value);
            if (bytes > SecretsStoreLimits.MaxValueBytes)
            {
                throw new ArgumentException($"A secret value must be at most {SecretsStoreLimits.MaxValueBytes:N0} bytes in UTF-8; this one is {bytes:N0} bytes.", param.ToString());
            }
        }

        return value;
    }

    public static List<string> Scopes(IEnumerable<string>? scopes, ParamName param, bool allowEmpty = false)
    {
        if (scopes is null)
        {
            throw new ArgumentNullException(param.ToString());
        }

        var list = scopes is IReadOnlyCollection<string> known ? new List<string>(known.Count) : [];
        foreach (string? scope in scopes)
        {
            if (string.IsNullOrEmpty(scope))
            {
                throw new ArgumentException($"Scope {list.Count} is null or empty.", param.ToString());
            }

            if (FirstForbidden(scope, comma: true) is var i and >= 0)
            {
                throw new ArgumentException($"Scope {list.Count} must not contain commas, white space or control characters; found {Describe(scope[i])} at position {i}.", param.ToString());
            }

            list.Add(scope);
        }

        if (list.Count == 0 && !allowEmpty)
        {
            throw new ArgumentException("At least one scope is required (for example SecretScopes.Workers); none was given.", param.ToString());
        }

        return list;
    }

    /// <summary>
    /// Where the first white-space or control character (or comma, when asked) is, or -1. Names and scopes are printable
    /// ASCII in practice: a vectorized search skips to the first character outside it, and only the rest is classified.
    /// </summary>
    private static int FirstForbidden(string value, bool comma)
    {
        int start = comma ? value.AsSpan().IndexOfAnyExcept(PrintableWithoutComma) : value.AsSpan().IndexOfAnyExceptInRange('!', '~');
        for (int i = Math.Max(start, 0); start >= 0 && i < value.Length; i++)
        {
            char c = value[i];
            if ((comma && c == ',') || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return i;
            }
        }

        return -1;
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
        var list = ids is IReadOnlyCollection<string> known ? new List<string>(known.Count) : [];
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
    public static string Describe(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
