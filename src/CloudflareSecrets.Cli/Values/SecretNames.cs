namespace CloudflareSecrets.Cli.Values;

/// <summary>
/// The names the tool pushes: letters, digits, <c>_</c>, <c>-</c> and <c>.</c>, the rule of a <c>.env</c> file's
/// names, so a push from the environment or from user secrets makes the same names a file would.
/// </summary>
internal static class SecretNames
{
    public const string Rule = "a name is letters, digits, '_', '-' or '.'";

    public static bool IsValid(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
