using System.Globalization;
using System.Net.Http.Headers;

namespace CloudflareSecrets.Internal;

/// <summary>Reads the response headers the client acts on.</summary>
internal static class HeaderReader
{
    /// <summary>The longest wait a header can ask for; any longer one is read as this (far beyond any MaxRetryAfter).</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(365 * 100);

    public static string? RayId(HttpResponseMessage response) => First(response.Headers, "CF-Ray");

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

    public static string? RayId(IReadOnlyDictionary<string, IEnumerable<string>>? headers) => First(headers, "CF-Ray");

    /// <summary>Reads <c>retry-after-ms</c>, then <c>Retry-After</c> as seconds or as an HTTP date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset? now = null)
    {
        if (First(response.Headers, "retry-after-ms") is { } ms &&
            double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out double milliseconds) && milliseconds >= 0)
        {
            return FromMilliseconds(milliseconds);
        }

        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (retryAfter.Date is { } date)
            {
                TimeSpan wait = date - (now ?? DateTimeOffset.UtcNow);
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
        }

        return null;
    }

    public static TimeSpan? RetryAfter(IReadOnlyDictionary<string, IEnumerable<string>>? headers, DateTimeOffset? now = null)
    {
        if (First(headers, "retry-after-ms") is { } ms &&
            double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out double milliseconds) && milliseconds >= 0)
        {
            return FromMilliseconds(milliseconds);
        }

        if (First(headers, "Retry-After") is not { } text)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && !double.IsNaN(seconds))
        {
            return seconds <= 0 ? TimeSpan.Zero : FromMilliseconds(seconds * 1000);
        }

        if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
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
