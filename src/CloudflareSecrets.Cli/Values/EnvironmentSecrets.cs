using CloudflareSecrets.Cli.Files;
using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Values;

/// <summary>
/// <c>push --from-env</c> and <c>--from-env-prefix</c>: secrets from the process environment, as CI exposes its secret
/// variables, so a value never passes through an argument or a file on the runner's disk. The rules (README, push):
/// listed names are taken as they are; a prefix takes every variable whose name starts with it (ordinal, case-sensitive)
/// and drops the prefix from the secret's name unless <c>--keep-prefix</c>; an unset or empty variable, a name that is
/// not a valid secret name, or two variables giving one name, is an error.
/// A listed name is an argument, and an argument may be a value typed where its name belongs (<c>--from-env
/// "$DB_PASSWORD"</c>): errors refer to it by its position in the list (counted from 1 over every comma-separated
/// item of every <c>--from-env</c>), never by its text. Variables found by a prefix come from the environment's names
/// and are named.
/// </summary>
internal static class EnvironmentSecrets
{
    public static IReadOnlyList<SecretsFileEntry> Read(CliHost host, IReadOnlyList<string> names, string? prefix, bool keepPrefix)
    {
        // secret name -> the variable it comes from, and how a message may refer to it
        var sources = new List<(string Name, string Variable, string Shown)>();
        for (int i = 0; i < names.Count; i++)
        {
            if (!SecretNames.IsValid(names[i]))
            {
                throw new CliException(
                    $"{Item(i)} is not a valid secret name ({SecretNames.Rule}); "
                    + "items are counted from 1 and never repeated, as one could be a value.");
            }

            sources.Add((names[i], names[i], Item(i)));
        }

        if (prefix is not null)
        {
            if (prefix.Length == 0)
            {
                throw new CliException("--from-env-prefix needs a prefix; an empty one would push the whole environment.");
            }

            string[] matching =
            [
                .. host.EnvironmentNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal),
            ];
            if (matching.Length == 0)
            {
                throw new CliException($"--from-env-prefix: no environment variable starts with '{prefix}' (the match is case-sensitive).");
            }

            foreach (string variable in matching)
            {
                string name = keepPrefix ? variable : variable[prefix.Length..];
                if (!SecretNames.IsValid(name))
                {
                    throw new CliException(name.Length == 0
                        ? $"--from-env-prefix: the variable '{variable}' is the prefix itself, which leaves no name "
                            + "(use --keep-prefix, or unset it)."
                        : $"--from-env-prefix: the variable '{variable}' gives the name '{name}', "
                            + $"which is not a valid secret name ({SecretNames.Rule}).");
                }

                sources.Add((name, variable, $"the variable '{variable}'"));
            }
        }

        var first = new Dictionary<string, (string Variable, string Shown)>(StringComparer.Ordinal);
        foreach ((string name, string variable, string shown) in sources)
        {
            if (!first.TryAdd(name, (variable, shown)))
            {
                (string firstVariable, string firstShown) = first[name];
                throw new CliException(firstVariable == variable
                    ? $"{shown} names the same variable as {firstShown}; keep one."
                    : $"{firstShown} and {shown} give the same secret name; keep one.");
            }
        }

        // Every missing or empty variable in one message, so one CI run shows all of them; never a value.
        var entries = new List<SecretsFileEntry>(sources.Count);
        var unset = new List<string>();
        var empty = new List<string>();
        foreach ((string name, string variable, string shown) in sources)
        {
            string? value = host.Environment(variable);
            if (value is null)
            {
                unset.Add(shown);
            }
            else if (value.Length == 0)
            {
                empty.Add(shown);
            }
            else
            {
                entries.Add(new SecretsFileEntry(name, value, 0));
            }
        }

        if (unset.Count > 0 || empty.Count > 0)
        {
            string Problem(List<string> list, string what) => list.Count == 0 ? "" : $"{what}: {string.Join(", ", list)}";
            string problems = string.Join("; ", new[] { Problem(unset, "not set"), Problem(empty, "empty") }.Where(p => p.Length > 0));
            throw new CliException(
                $"Environment variables to push are missing ({problems}); nothing was sent. "
                + "Cloudflare needs a value of at least one character.");
        }

        return entries;
    }

    private static string Item(int index) => $"--from-env item {index + 1}";
}
