using System.Text;
using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Values;

/// <summary>
/// The library's rules for names, scopes and values, checked by the tool before its first request: the library checks
/// them too, but only when it sends the write, after the store was looked up (or, for set and push, created). Messages
/// give the rule, the position and sizes, never the text.
/// </summary>
internal static class InputRules
{
    /// <summary>A name: not empty, no white space or control character (the library's Guard.Name).</summary>
    public static string Name(string name, string what)
    {
        if (name.Length == 0)
        {
            throw new CliException($"{what} must not be empty.");
        }

        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsWhiteSpace(name[i]) || char.IsControl(name[i]))
            {
                throw new CliException($"{what} must not contain white space or control characters; found U+{(int)name[i]:X4} at position {i} of {name.Length}.");
            }
        }

        return name;
    }

    /// <summary>A scope: not empty, no comma, white space or control character (the library's Guard.Scopes).</summary>
    public static string Scope(string scope, string what)
    {
        for (int i = 0; i < scope.Length; i++)
        {
            if (char.IsWhiteSpace(scope[i]) || char.IsControl(scope[i]))
            {
                throw new CliException($"{what} must not contain white space or control characters; found U+{(int)scope[i]:X4} at position {i} of {scope.Length}.");
            }
        }

        return scope;
    }

    /// <summary>A value: not empty, at most <see cref="SecretsStoreLimits.MaxValueBytes"/> bytes in UTF-8, no NUL.</summary>
    public static string Value(string value, string what)
    {
        if (value.Length == 0)
        {
            throw new CliException($"{what} is empty; Cloudflare needs at least one character.");
        }

        int bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > SecretsStoreLimits.MaxValueBytes)
        {
            throw new CliException($"{what} is {bytes:N0} bytes in UTF-8; a secret value is at most {SecretsStoreLimits.MaxValueBytes:N0} bytes.");
        }

        // A NUL ends the text for C strings and many tools downstream: the secret would not be what was stored.
        int nul = value.IndexOf('\0', StringComparison.Ordinal);
        return nul < 0 ? value : throw new CliException($"{what} contains a NUL character (U+0000) at position {nul} of {value.Length}; values with NUL are refused.");
    }
}
