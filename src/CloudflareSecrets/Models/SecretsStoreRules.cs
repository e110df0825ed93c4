using System.Buffers;
using System.Text;

namespace CloudflareSecrets;

/// <summary>
/// The rules the client checks before it sends a secret's name, value or scope, for tools that check input early (before
/// a store is looked up or created). Each method returns <see langword="null"/> when the input follows the rule, or the
/// problem as one sentence giving the rule, a position and sizes, never the text itself (a value is a secret).
/// </summary>
public static class SecretsStoreRules
{
    private static readonly SearchValues<char> PrintableWithoutComma = SearchValues.Create(
        "!\"#$%&'()*+-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>Checks a secret's name: not empty, without white space or control characters.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="null"/> when valid; otherwise the problem.</returns>
    public static string? CheckSecretName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return "A name must not be empty.";
        }

        return FirstForbidden(name, comma: false) is var i and >= 0
            ? $"A name must not contain white space or control characters; found {Describe(name[i])} at position {i} of {name.Length}."
            : null;
    }

    /// <summary>
    /// Checks a secret's value: not empty, at most <see cref="SecretsStoreLimits.MaxValueBytes"/> bytes in UTF-8, and
    /// without NUL characters (a NUL ends the value early in many of its consumers: C strings, shells, .env readers).
    /// </summary>
    /// <param name="value">The value; the problem never contains it.</param>
    /// <returns><see langword="null"/> when valid; otherwise the problem.</returns>
    public static string? CheckSecretValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return "A secret value must not be empty.";
        }

        if (value.IndexOf('\0') is var nul and >= 0)
        {
            return $"A secret value must not contain NUL characters (U+0000); found one at position {nul} of {value.Length}.";
        }

        // Four bytes per char at most: only long strings need counting.
        if (value.Length > SecretsStoreLimits.MaxValueBytes / 4)
        {
            int bytes = Encoding.UTF8.GetByteCount(value);
            if (bytes > SecretsStoreLimits.MaxValueBytes)
            {
                return $"A secret value must be at most {SecretsStoreLimits.MaxValueBytes:N0} bytes in UTF-8; "
                    + $"this one is {bytes:N0} bytes.";
            }
        }

        return null;
    }

    /// <summary>
    /// Checks one scope (a service that may use a secret, such as <see cref="SecretScopes.Workers"/>): not empty, without
    /// commas (the API joins scopes with them), white space or control characters. Any other name passes: Cloudflare adds
    /// services, and the server decides which it knows.
    /// </summary>
    /// <param name="scope">The scope.</param>
    /// <returns><see langword="null"/> when valid; otherwise the problem.</returns>
    public static string? CheckScope(string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Length == 0 ? "A scope must not be empty." : CheckScopeCharacters(scope, "A scope");
    }

    /// <summary>The scope's characters, with the subject a message names (<c>A scope</c>, or <c>Scope 3</c> of a list).</summary>
    internal static string? CheckScopeCharacters(string scope, string subject)
    {
        return FirstForbidden(scope, comma: true) is var i and >= 0
            ? $"{subject} must not contain commas, white space or control characters; found {Describe(scope[i])} at position {i}."
            : null;
    }

    /// <summary>A character as a message may show it: white space and control characters by code point.</summary>
    internal static string Describe(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";

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
}
