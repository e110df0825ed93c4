using CloudflareSecrets.Internal;

namespace CloudflareSecrets.Tests.Resilience;

/// <summary>
/// How long a response asks the client to wait: <c>retry-after-ms</c> first, then <c>Retry-After</c> as seconds or as
/// an HTTP date (RFC 9110 section 10.2.3), never negative, and capped far beyond any ceiling when a number is too large
/// for a <see cref="TimeSpan"/>. The randomized suite proves no value throws; this table pins what each one means.
/// </summary>
public class HeaderReaderTests
{
    private static readonly DateTimeOffset Now = new(2015, 10, 21, 7, 27, 0, TimeSpan.Zero);

    /// <summary>The cap: a hundred years of 365 days.</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromDays(365 * 100);

    public static IEnumerable<TestCaseData> Waits()
    {
        yield return Case("nothing", null, null, null);
        yield return Case("seconds", null, "30", TimeSpan.FromSeconds(30));
        yield return Case("fractional seconds", null, "1.5", TimeSpan.FromMilliseconds(1500));
        yield return Case("zero seconds", null, "0", TimeSpan.Zero);
        yield return Case("negative seconds", null, "-1", TimeSpan.Zero);
        yield return Case("minus infinity", null, "-Infinity", TimeSpan.Zero);
        yield return Case("too many seconds for a TimeSpan", null, "1e300", Longest);
        yield return Case("infinite seconds", null, "Infinity", Longest);
        yield return Case("NaN seconds", null, "NaN", null);
        yield return Case("not a number or a date", null, "soon", null);
        yield return Case("an HTTP date a minute ahead", null, "Wed, 21 Oct 2015 07:28:00 GMT", TimeSpan.FromMinutes(1));
        yield return Case("an HTTP date with spaces around it", null, "  Wed, 21 Oct 2015 07:28:00 GMT ", TimeSpan.FromMinutes(1));
        yield return Case("an HTTP date in the past", null, "Wed, 21 Oct 2015 07:26:00 GMT", TimeSpan.Zero);
        yield return Case("milliseconds", "1500", null, TimeSpan.FromMilliseconds(1500));
        yield return Case("milliseconds over seconds", "1500", "30", TimeSpan.FromMilliseconds(1500));
        yield return Case("zero milliseconds over seconds", "0", "30", TimeSpan.Zero);
        yield return Case("negative milliseconds, then seconds", "-5", "30", TimeSpan.FromSeconds(30));
        yield return Case("NaN milliseconds, then seconds", "NaN", "30", TimeSpan.FromSeconds(30));
        yield return Case("unreadable milliseconds, then seconds", "x", "30", TimeSpan.FromSeconds(30));
        yield return Case("unreadable milliseconds alone", "x", null, null);
        yield return Case("too many milliseconds for a TimeSpan", "1e300", null, Longest);
    }

    [TestCaseSource(nameof(Waits))]
    public void ReadsTheWaitAResponseAsksFor(string? retryAfterMs, string? retryAfter, TimeSpan? expected)
    {
        var headers = new Dictionary<string, IEnumerable<string>>();
        if (retryAfterMs is not null)
        {
            headers["retry-after-ms"] = [retryAfterMs];
        }

        if (retryAfter is not null)
        {
            headers["Retry-After"] = [retryAfter];
        }

        Assert.That(HeaderReader.RetryAfter(headers, Now), Is.EqualTo(expected));
    }

    [Test]
    public void ReadsTheSameFromAResponseAsFromTheFailuresHeaders()
    {
        using var dated = new HttpResponseMessage();
        dated.Headers.TryAddWithoutValidation("retry-after-ms", "x");
        dated.Headers.TryAddWithoutValidation("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");
        using var inMilliseconds = new HttpResponseMessage();
        inMilliseconds.Headers.TryAddWithoutValidation("retry-after-ms", "1500");
        inMilliseconds.Headers.TryAddWithoutValidation("Retry-After", "30");

        Assert.That(HeaderReader.RetryAfter(dated, Now), Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(HeaderReader.RetryAfter(inMilliseconds, Now), Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
    }

    [Test]
    public void MatchesHeaderNamesWhateverTheirCaseAndTakesTheFirstValue()
    {
        var headers = new Dictionary<string, IEnumerable<string>>
        {
            ["cf-ray"] = ["8f00aa11bb22cc33-EWR", "second"],
            ["RETRY-AFTER"] = ["7", "9"],
        };

        Assert.That(HeaderReader.RayId(headers), Is.EqualTo("8f00aa11bb22cc33-EWR"));
        Assert.That(HeaderReader.RetryAfter(headers, Now), Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public void ReadsNothingFromNoHeaders()
    {
        Assert.That(HeaderReader.RayId((IReadOnlyDictionary<string, IEnumerable<string>>?)null), Is.Null);
        Assert.That(HeaderReader.RetryAfter((IReadOnlyDictionary<string, IEnumerable<string>>?)null, Now), Is.Null);
        Assert.That(HeaderReader.RayId(new Dictionary<string, IEnumerable<string>> { ["Server"] = ["cloudflare"] }), Is.Null);
        Assert.That(HeaderReader.RayId(new Dictionary<string, IEnumerable<string>> { ["CF-Ray"] = [] }), Is.Null);
    }

    [Test]
    public void TakesTheFirstCfRayOfAResponse()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("CF-Ray", ["8f00aa11bb22cc33-EWR", "second"]);

        using var without = new HttpResponseMessage();

        Assert.That(HeaderReader.RayId(response), Is.EqualTo("8f00aa11bb22cc33-EWR"));
        Assert.That(HeaderReader.RayId(without), Is.Null);
    }

    private static TestCaseData Case(string name, string? retryAfterMs, string? retryAfter, TimeSpan? expected) =>
        new TestCaseData(retryAfterMs, retryAfter, expected).SetArgDisplayNames(name);
}
