using System.Globalization;
using System.Net.Http.Headers;

namespace CloudflareSecrets.Internal;

/// <summary>Reads the response headers the client acts on.</summary>
internal static class HeaderReader
{
    /// <summary>The longest wait a header can ask for; any longer one is read as this (far beyond any MaxRetryAfter).</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(365 * 100);

    /// <summary>The <c>CF-Ray</c> id, when it has the shape of Cloudflare's (<see cref="ServerText.RayId"/>); otherwise none.</summary>
    public static string? RayId(HttpResponseMessage response) => ServerText.RayId(First(response.Headers, "CF-Ray"));

    /// <summary>The first value of a header, read without parsing or copying the header's values.</summary>
    public static string? First(HttpHeaders headers, string name)
    {
        if (headers.NonValidated.TryGetValues(name, out HeaderStringValues values))
        {
            foreach (string value in values)
            {
                return value;
            }
        }

        return null;
    }

    public static string? RayId(IReadOnlyDictionary<string, IEnumerable<string>>? headers) => ServerText.RayId(First(headers, "CF-Ray"));

    /// <summary>Reads <c>retry-after-ms</c>, then <c>Retry-After</c> as seconds or as an HTTP date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset? now = null) =>
        RetryAfter(First(response.Headers, "retry-after-ms"), First(response.Headers, "Retry-After"), now);

    /// <summary>The same, from the header dictionary the generated client hands over with a failure.</summary>
    public static TimeSpan? RetryAfter(IReadOnlyDictionary<string, IEnumerable<string>>? headers, DateTimeOffset? now = null) =>
        RetryAfter(First(headers, "retry-after-ms"), First(headers, "Retry-After"), now);

    private static TimeSpan? RetryAfter(string? retryAfterMs, string? retryAfter, DateTimeOffset? now)
    {
        if (retryAfterMs is not null &&
            double.TryParse(retryAfterMs, NumberStyles.Float, CultureInfo.InvariantCulture, out double milliseconds) && milliseconds >= 0)
        {
            return FromMilliseconds(milliseconds);
        }

        if (retryAfter is null)
        {
            return null;
        }

        if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && !double.IsNaN(seconds))
        {
            return seconds <= 0 ? TimeSpan.Zero : FromMilliseconds(seconds * 1000);
        }

        if (DateTimeOffset.TryParseExact(
            retryAfter.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
        {
            TimeSpan wait = date - (now ?? DateTimeOffset.UtcNow);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>
    /// A wait from a header as a <see cref="TimeSpan"/>: "1e300" or "Infinity" is a valid number but no TimeSpan can hold
    /// it (TimeSpan.FromMilliseconds throws), so waits are capped far beyond any MaxRetryAfter. Not for NaN.
    /// </summary>
    private static TimeSpan FromMilliseconds(double milliseconds) =>
        milliseconds >= MaxWait.TotalMilliseconds ? MaxWait : TimeSpan.FromMilliseconds(milliseconds);

    private static string? First(IReadOnlyDictionary<string, IEnumerable<string>>? headers, string name)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (KeyValuePair<string, IEnumerable<string>> header in headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value.FirstOrDefault();
            }
        }

        return null;
    }
}
