using System.Globalization;

namespace CloudflareSecrets;

/// <summary>
/// A listing's continuation token: the number of the page to fetch next, in decimal. Opaque to callers (documented
/// only as a string to store), so its form can change without an API change.
/// </summary>
internal static class ContinuationTokens
{
    public static string Of(int page) => page.ToString(CultureInfo.InvariantCulture);

    /// <summary>The page a token resumes at: 1 for none; a token this list cannot have given is refused.</summary>
    public static int Parse(string? token, string paramName)
    {
        if (token is null)
        {
            return 1;
        }

        if (token.Length is 0 or > 5
            || !token.All(char.IsAsciiDigit)
            || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int page)
            || page is < 2 or > PagingLimits.MaxPages)
        {
            throw new ArgumentException(
                $"A continuation token is a value of Page.ContinuationToken (a page number from 2 to {PagingLimits.MaxPages:N0}); "
                + $"this one ({token.Length} characters) is not.",
                paramName);
        }

        return page;
    }
}
