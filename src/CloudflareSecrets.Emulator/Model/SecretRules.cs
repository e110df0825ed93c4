using System.Text;
using CloudflareSecrets.Emulator.Http;

namespace CloudflareSecrets.Emulator.Model;

/// <summary>
/// Field rules shared by request bodies and seed data. Each returns an error message (never quoting a value) or
/// <see langword="null"/> when the field is acceptable.
/// </summary>
internal static class SecretRules
{
    public static string? CheckSecretName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "name must not be empty or whitespace";
        }

        // Cloudflare's documentation: a secret name cannot contain spaces.
        return name.Any(char.IsWhiteSpace) ? "name must not contain whitespace" : null;
    }

    public static string? CheckStoreName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "name must not be empty or whitespace" : null;

    public static string? CheckValue(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        return bytes > EmulatorOptions.MaxValueBytes
            ? $"value must be at most {EmulatorOptions.MaxValueBytes} bytes of UTF-8 (got {bytes})"
            : null;
    }

    public static string? CheckScopes(IReadOnlyList<string>? scopes)
    {
        if (scopes is null || scopes.Count == 0)
        {
            return "scopes must list at least one service";
        }

        return scopes.Any(string.IsNullOrWhiteSpace) ? "scopes must not contain empty entries" : null;
    }

    /// <summary>Keeps the first occurrence of each scope, in order: a repeated scope adds nothing.</summary>
    public static IReadOnlyList<string> NormalizeScopes(IReadOnlyList<string> scopes) =>
        scopes.Select(scope => scope.Trim()).Distinct(StringComparer.Ordinal).ToArray();

    public static string? CheckId(string id, string what)
    {
        if (string.IsNullOrEmpty(id))
        {
            return $"{what} must not be empty";
        }

        return id.Length > EmulatorOptions.MaxIdLength
            ? $"{what} must be at most {EmulatorOptions.MaxIdLength} characters (got {id.Length})"
            : null;
    }

    public static void ThrowIfInvalidId(string id, string what)
    {
        if (CheckId(id, what) is { } problem)
        {
            throw ApiErrorException.Validation(problem);
        }
    }
}
