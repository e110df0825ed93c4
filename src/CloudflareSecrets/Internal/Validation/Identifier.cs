using System.Buffers;

namespace CloudflareSecrets.Internal;

/// <summary>What is wrong with an identifier, if anything (see <see cref="Identifier"/>).</summary>
internal enum IdentifierFault
{
    None,
    Empty,
    TooLong,
    ReservedCharacter,
    DotSegment,
}

/// <summary>
/// The one rule for an account, store or secret id, used by the options' validation (<c>AccountId</c>) and by every
/// call: 1 to <see cref="SecretsStoreLimits.MaxIdLength"/> characters (Cloudflare's limit), none that would change the
/// request URL. '/', '?', '#' and '%' start or escape URL parts, '\' is a path separator to many servers and proxies,
/// white space and control characters break the request line, and an id of '.' or '..' is a dot segment: the URL is
/// resolved before sending, so a delete of secret '..' would address the store itself.
/// </summary>
internal static class Identifier
{
    /// <summary>The rule in words, for messages.</summary>
    public static readonly string Rule =
        $"1 to {SecretsStoreLimits.MaxIdLength} characters without '/', '?', '#', '%', '\\', white space or control characters, "
        + "and not '.' or '..'";

    /// <summary>Printable ASCII without the reserved characters: what an id is made of almost always.</summary>
    private static readonly SearchValues<char> Allowed = SearchValues.Create(
        "!\"$&'()*+,-.0123456789:;<=>@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>Checks <paramref name="value"/>; <paramref name="position"/> is where a reserved character is.</summary>
    public static IdentifierFault Check(string value, out int position)
    {
        position = -1;
        if (value.Length == 0)
        {
            return IdentifierFault.Empty;
        }

        if (value.Length > SecretsStoreLimits.MaxIdLength)
        {
            return IdentifierFault.TooLong;
        }

        // Ids are short ASCII in practice: one vectorized search finds the first character that is not printable ASCII
        // or is reserved; only from there on is each character classified (Unicode white space and control characters).
        int first = value.AsSpan().IndexOfAnyExcept(Allowed);
        if (first >= 0)
        {
            for (int i = first; i < value.Length; i++)
            {
                char c = value[i];
                if (c is '/' or '?' or '#' or '%' or '\\' || char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    position = i;
                    return IdentifierFault.ReservedCharacter;
                }
            }
        }

        return value is "." or ".." ? IdentifierFault.DotSegment : IdentifierFault.None;
    }

    /// <summary>The message for a fault <see cref="Check"/> found (sizes and characters only).</summary>
    public static string Describe(string value, IdentifierFault fault, int position) => fault switch
    {
        IdentifierFault.Empty => "An identifier must not be empty.",
        IdentifierFault.TooLong =>
            $"An identifier must be at most {SecretsStoreLimits.MaxIdLength} characters; this one has {value.Length}.",
        IdentifierFault.ReservedCharacter =>
            "An identifier must not contain '/', '?', '#', '%', '\\', white space or control characters (they would change the "
            + $"request URL); found {Guard.Describe(value[position])} at position {position}.",
        IdentifierFault.DotSegment =>
            $"An identifier must not be '.' or '..' (the request URL would address another resource); this one is '{value}'.",
        _ => string.Empty,
    };
}
