using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Values;

/// <summary>
/// The library's rules for names, scopes and values (<see cref="SecretsStoreRules"/>), checked by the tool before its
/// first request: the library checks them too, but only when it sends the write, after the store was looked up (or, for
/// set and push, created). The tool states no rule of its own; a message names where the input came from, then the
/// library's problem (the rule, a position and sizes, never the text).
/// </summary>
internal static class InputRules
{
    /// <summary>A secret's name, from <paramref name="where"/> (an argument's name, a file and line).</summary>
    public static string Name(string name, string where) => Check(name, SecretsStoreRules.CheckSecretName(name), where);

    /// <summary>One scope, from <paramref name="where"/>.</summary>
    public static string Scope(string scope, string where) => Check(scope, SecretsStoreRules.CheckScope(scope), where);

    /// <summary>A secret's value, from <paramref name="where"/>.</summary>
    public static string Value(string value, string where) => Check(value, SecretsStoreRules.CheckSecretValue(value), where);

    private static string Check(string input, string? problem, string where) =>
        problem is null ? input : throw new CliException($"{where}: {problem}");
}
