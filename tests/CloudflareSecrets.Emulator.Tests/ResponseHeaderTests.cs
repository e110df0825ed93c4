using System.Net;
using System.Text.RegularExpressions;
using CloudflareSecrets.Emulator.Tests.Support;

namespace CloudflareSecrets.Emulator.Tests;

public partial class ResponseHeaderTests : EmulatorTest
{
    [TestCase("quota", true)]
    [TestCase("stores/023e105f4ecef8ad9ca31a8372d0c353", true)]
    [TestCase("no/such/route", true)]
    [TestCase("quota", false)]
    public async Task EveryResponseCarriesRayAndRateLimitHeaders(string path, bool authenticated)
    {
        ApiResponse response = await GetAsync(
            path.StartsWith("no/", StringComparison.Ordinal) ? path : Accounts(path), authenticated ? Credentials.Token : Credentials.None);

        Assert.Multiple(() =>
        {
            Assert.That(response.Header("CF-Ray"), Does.Match("^[0-9a-f]{16}-EMU$"));
            Assert.That(response.Header("Ratelimit"), Does.Match("^\"default\";r=\\d+;t=\\d+$"));
            Assert.That(response.Header("Ratelimit-Policy"), Is.EqualTo("\"burst\";q=1200;w=300"));
        });
    }

    [Test]
    public async Task GivesEveryResponseItsOwnRayId()
    {
        ApiResponse first = await GetAsync(Accounts("quota"));
        ApiResponse second = await GetAsync(Accounts("quota"));

        Assert.That(first.Header("CF-Ray"), Is.Not.EqualTo(second.Header("CF-Ray")));
    }

    [Test]
    public async Task CountsRemainingRequestsDownEvenWithoutABudget()
    {
        int first = Remaining(await GetAsync(Accounts("quota")));
        int second = Remaining(await GetAsync(Accounts("quota")));

        Assert.That(first, Is.EqualTo(1199));
        Assert.That(second, Is.EqualTo(1198));
    }

    [Test]
    public async Task AnswersJsonContent()
    {
        ApiResponse response = await GetAsync(Accounts("quota"));

        Assert.That(response.ContentHeaders.ContentType?.MediaType, Is.EqualTo("application/json"));
    }

    internal static int Remaining(ApiResponse response) =>
        int.Parse(
            RemainingPattern().Match(response.Header("Ratelimit")!).Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(";r=(\\d+);")]
    private static partial Regex RemainingPattern();
}

public class RequestBudgetTests : EmulatorTest
{
    private readonly ManualClock clock = new();

    protected override EmulatorOptions CreateEmulatorOptions() => new()
    {
        TimeProvider = clock,
        RequestBudget = new RequestBudget { Limit = 3, Window = TimeSpan.FromSeconds(60) },
    };

    [Test]
    public async Task AdvertisesTheBudgetInThePolicyHeader()
    {
        ApiResponse response = await GetAsync(Accounts("quota"));

        Assert.That(response.Header("Ratelimit-Policy"), Is.EqualTo("\"burst\";q=3;w=60"));
        Assert.That(response.Header("Ratelimit"), Is.EqualTo("\"default\";r=2;t=60"));
    }

    [Test]
    public async Task AnswersTooManyRequestsWithRetryAfterOnceSpent()
    {
        for (int i = 0; i < 3; i++)
        {
            Assert.That((await GetAsync(Accounts("quota"))).Status, Is.EqualTo(HttpStatusCode.OK));
        }

        clock.Advance(TimeSpan.FromSeconds(15.5));
        ApiResponse response = await GetAsync(Accounts("quota"));

        AssertFailure(response, HttpStatusCode.TooManyRequests, EmulatorErrorCodes.RateLimited);
        SpecSchema.AssertConforms("secrets-store-quota", response);
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(45)));
        Assert.That(response.Header("Ratelimit"), Is.EqualTo("\"default\";r=0;t=45"));
    }

    [Test]
    public async Task CountsUnauthenticatedRequestsToo()
    {
        for (int i = 0; i < 3; i++)
        {
            await GetAsync(Accounts("quota"), Credentials.None);
        }

        ApiResponse response = await GetAsync(Accounts("quota"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task RefillsWhenTheWindowEnds()
    {
        for (int i = 0; i < 4; i++)
        {
            await GetAsync(Accounts("quota"));
        }

        clock.Advance(TimeSpan.FromSeconds(60));
        ApiResponse response = await GetAsync(Accounts("quota"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
        Assert.That(ResponseHeaderTests.Remaining(response), Is.EqualTo(2));
    }

    [Test]
    public async Task IsRefilledByReset()
    {
        for (int i = 0; i < 4; i++)
        {
            await GetAsync(Accounts("quota"));
        }

        Emulator.Reset();
        ApiResponse response = await GetAsync(Accounts("quota"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
    }
}
