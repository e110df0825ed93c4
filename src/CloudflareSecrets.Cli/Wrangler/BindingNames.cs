using System.Text;

namespace CloudflareSecrets.Cli.Wrangler;

/// <summary>
/// <c>bindings --binding-name-rule</c>: the name a Worker reads a secret by. <c>same</c> is the secret's name;
/// <c>upper-snake</c> and <c>lower-snake</c> turn every character other than an ASCII letter or digit into <c>_</c>,
/// put <c>_</c> where a lower-case letter or digit meets an upper-case one (<c>dbPassword</c> → <c>DB_PASSWORD</c>),
/// change the case, and put <c>_</c> before a leading digit, giving a JavaScript identifier.
/// </summary>
internal static class BindingNames
{
    public static readonly string[] Rules = ["same", "upper-snake", "lower-snake"];

    public static string Apply(string rule, string secretName) => rule switch
    {
        "upper-snake" => Snake(secretName).ToUpperInvariant(),
        "lower-snake" => Snake(secretName).ToLowerInvariant(),
        _ => secretName,
    };

    private static string Snake(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                builder.Append('_');
                continue;
            }

            if (i > 0 && char.IsAsciiLetterUpper(c) && (char.IsAsciiLetterLower(name[i - 1]) || char.IsAsciiDigit(name[i - 1])))
            {
                builder.Append('_');
            }

            builder.Append(c);
        }

        if (builder.Length > 0 && char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
