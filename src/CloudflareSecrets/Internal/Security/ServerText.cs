using System.Text.RegularExpressions;

namespace CloudflareSecrets.Internal;

/// <summary>
/// What a server (or anything between it and the client) sends that the client shows: a <c>CF-Ray</c> id and the
/// allow-listed response headers are shown only when they have the shape the real API gives them, and every text of a
/// server's is shown with the request's secret values and the credentials masked, whatever their case.
/// </summary>
internal static partial class ServerText
{
    /// <summary>The longest text of a server's a message or log shows (messages, links, pointers).</summary>
    public const int MaxLength = 300;

    /// <summary>What a header value of the wrong shape is logged as: its size, never its text.</summary>
    public static string Invalid(string value) => $"(not shown: {value.Length} characters of an unexpected shape)";

    /// <summary>
    /// A <c>CF-Ray</c> value when it has the shape of Cloudflare's ray ids, else <see langword="null"/> (dropped). A ray id is
    /// 16 hex digits (the API's own schema of a ray id: maxLength 16, example <c>187d944c61940c77</c>); the header adds
    /// <c>-</c> and the data centre's three-letter IATA code (<c>4a807f60ca5727a4-FRA</c>).
    /// </summary>
    public static string? RayId(string? value) => value is not null && RayIdPattern().IsMatch(value) ? value : null;

    /// <summary>Whether a logged response header's value has the shape the real API gives it.</summary>
    public static bool IsWellFormedHeader(string name, string value) => name.ToUpperInvariant() switch
    {
        "CF-RAY" => RayIdPattern().IsMatch(value),
        "RETRY-AFTER" => SecondsPattern().IsMatch(value) || HttpDatePattern().IsMatch(value),
        "RETRY-AFTER-MS" => SecondsPattern().IsMatch(value),
        "RATELIMIT" or "RATELIMIT-POLICY" => value.Length <= 256 && RateLimitPattern().IsMatch(value),
        "CONTENT-TYPE" => value.Length <= 128 && MediaTypePattern().IsMatch(value),
        "CONTENT-LENGTH" => DigitsPattern().IsMatch(value),
        _ => false,
    };

    /// <summary>
    /// Masks every one of <paramref name="sensitive"/> in <paramref name="text"/>, ignoring case (a server that lowercases
    /// an echo must not reveal it), longest first (a value holding another is masked whole), then clips the text.
    /// </summary>
    public static string Mask(string? text, IReadOnlyCollection<string>? sensitive, int max = MaxLength)
    {
        // Mask before clipping: a value cut in two by the clip would no longer match, and its first part would show.
        text ??= string.Empty;
        if (sensitive is { Count: > 0 } && text.Length > 0)
        {
            foreach (string value in sensitive.Count == 1 ? sensitive : (IEnumerable<string>)sensitive.OrderByDescending(v => v.Length))
            {
                if (value.Length > 0)
                {
                    text = text.Replace(value, Redaction.Mask, StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        return Clip(text, max);
    }

    /// <summary>The same for an optional text: <see langword="null"/> stays <see langword="null"/>.</summary>
    public static string? MaskOptional(string? text, IReadOnlyCollection<string>? sensitive) => text is null ? null : Mask(text, sensitive);

    public static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    [GeneratedRegex("^[0-9a-fA-F]{16}(?:-[A-Z]{3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex RayIdPattern();

    // Seconds or milliseconds: a number, as HeaderReader reads it.
    [GeneratedRegex(@"^[0-9]{1,15}(?:\.[0-9]{1,6})?$", RegexOptions.CultureInvariant)]
    private static partial Regex SecondsPattern();

    // RFC 9110's IMF-fixdate, the one form of HTTP date servers send: "Sun, 06 Nov 1994 08:49:37 GMT".
    [GeneratedRegex("^[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$", RegexOptions.CultureInvariant)]
    private static partial Regex HttpDatePattern();

    // The IETF RateLimit fields ("default";r=50;t=30 and "default";q=1200;w=300) and the older list form (limit=1200, ...):
    // items of a name (bare or quoted) and parameters of short names with numbers or names.
    [GeneratedRegex(
        """^(?:"[A-Za-z0-9_.-]{1,64}"|[A-Za-z0-9_.-]{1,64})(?:;[a-z]{1,16}=(?:[0-9]{1,12}|"[A-Za-z0-9_.-]{1,64}"|[A-Za-z0-9_.-]{1,64}))*"""
        + """(?:, ?(?:"[A-Za-z0-9_.-]{1,64}"|[A-Za-z0-9_.-]{1,64})"""
        + """(?:;[a-z]{1,16}=(?:[0-9]{1,12}|"[A-Za-z0-9_.-]{1,64}"|[A-Za-z0-9_.-]{1,64}))*)*$""",
        RegexOptions.CultureInvariant)]
    private static partial Regex RateLimitPattern();

    // type/subtype with token parameters (application/json; charset=utf-8).
    [GeneratedRegex(
        """^[A-Za-z0-9.+-]{1,64}/[A-Za-z0-9.+-]{1,64}(?: ?; ?[A-Za-z0-9_-]{1,32}=(?:[A-Za-z0-9_.-]{1,64}|"[A-Za-z0-9_.-]{1,64}"))*$""",
        RegexOptions.CultureInvariant)]
    private static partial Regex MediaTypePattern();

    [GeneratedRegex("^[0-9]{1,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigitsPattern();
}
