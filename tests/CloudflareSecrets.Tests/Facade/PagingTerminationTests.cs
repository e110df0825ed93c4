using System.Globalization;
using System.Net;
using System.Text;
using CloudflareSecrets.Tests.Facade.Support;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>
/// Paging ends on any server (README, "Paging always ends"; docs/client-guide.md, "When paging stops"): servers that
/// cycle, reshuffle, omit <c>result_info</c> or claim a huge <c>total_pages</c>, and the hard ceiling of 10,000 pages.
/// </summary>
// Each case builds its own fake server and client (the fake sends no rate-limit headers, so the gate its credential
// shares with other fixtures' clients stays open): the long listings run side by side, one per core.
[Parallelizable(ParallelScope.All)]
public class PagingTerminationTests
{
    private const string StoreId = FakeCloudflare.StoreId;

    /// <summary>The ceiling documented in docs/client-guide.md and on <see cref="AsyncPageable{T}"/>.</summary>
    private const int DocumentedMaxPages = 10_000;

    [Test]
    public async Task StopsWhenTwoFullPagesAlternateWithoutResultInfo()
    {
        using var fake = new FakeCloudflare();
        AnswerByPageNumber(fake, page => Canned.Success(new JArray(page % 2 == 1 ? Canned.Secrets(1, 2) : Canned.Secrets(3, 2))));

        List<Secret> secrets = await ListInPagesOf(fake, 2).ToListAsync();

        Assert.That(secrets.Select(s => s.Id), Is.EqualTo(new[] { "id1", "id2", "id3", "id4" }));
        Assert.That(fake.Requests, Has.Count.EqualTo(3), "pages 1 and 2, then page 3 repeats page 1");
    }

    [Test]
    public async Task StopsWhenThreeFullPagesCycleWithoutResultInfo()
    {
        using var fake = new FakeCloudflare();
        AnswerByPageNumber(fake, page => Canned.Success(new JArray(Canned.Secrets((((page - 1) % 3) * 2) + 1, 2))));

        List<Secret> secrets = await ListInPagesOf(fake, 2).ToListAsync();

        Assert.That(secrets.Select(s => s.Id), Is.EqualTo(new[] { "id1", "id2", "id3", "id4", "id5", "id6" }));
        Assert.That(fake.Requests, Has.Count.EqualTo(4), "pages 1 to 3, then page 4 repeats page 1");
    }

    [Test]
    public async Task StopsAtAReshuffledRepeatOfTheFirstPageWithoutYieldingItsItemsAgain()
    {
        using var fake = new FakeCloudflare();
        AnswerByPageNumber(fake, page => Canned.Success(new JArray(page switch
        {
            1 => Canned.Secrets(1, 3),
            2 => Canned.Secrets(4, 3),
            _ => Canned.Secrets(1, 3).Reverse().ToArray(),
        })));

        List<Secret> secrets = await ListInPagesOf(fake, 3).ToListAsync();

        Assert.That(secrets.Select(s => s.Id), Is.EqualTo(new[] { "id1", "id2", "id3", "id4", "id5", "id6" }));
        Assert.That(fake.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task StopsWhenAServerReshufflesOnePageOnEveryRequest()
    {
        using var fake = new FakeCloudflare();
        // Every answer is a different order of the same four secrets: compared in order, no two neighbours would match.
        AnswerByPageNumber(
            fake,
            page => Canned.Success(new JArray(Canned.Secrets(1, 4).OrderBy(s => ((int)s["name"]!.ToString()[1] * page) % 7).ToArray())));

        List<Secret> secrets = await ListInPagesOf(fake, 4).ToListAsync();

        Assert.That(secrets.Select(s => s.Id).Order(), Is.EqualTo(new[] { "id1", "id2", "id3", "id4" }));
        Assert.That(fake.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task StopsWhenAServerClaimingHugeTotalPagesCyclesThroughTwoPages()
    {
        using var fake = new FakeCloudflare();
        AnswerByPageNumber(
            fake,
            page => Canned.ListPage(page, 2, int.MaxValue, int.MaxValue, page % 2 == 1 ? Canned.Secrets(1, 2) : Canned.Secrets(3, 2)));

        List<Secret> secrets = await ListInPagesOf(fake, 2).ToListAsync();

        Assert.That(secrets.Select(s => s.Id), Is.EqualTo(new[] { "id1", "id2", "id3", "id4" }));
        Assert.That(fake.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task KeepsPagesThatShareSomeButNotAllIdsWithAnEarlierPage()
    {
        using var fake = new FakeCloudflare();
        // A listing shifted by a concurrent create: overlapping pages are not repeats.
        AnswerByPageNumber(fake, page => page switch
        {
            1 => Canned.ListPage(1, 2, 5, 3, Canned.Secrets(1, 2)),
            2 => Canned.ListPage(2, 2, 5, 3, Canned.Secrets(2, 2)),
            _ => Canned.ListPage(3, 2, 5, 3, Canned.Secrets(3, 1)),
        });

        List<Secret> secrets = await ListInPagesOf(fake, 2).ToListAsync();

        Assert.That(secrets.Select(s => s.Id), Is.EqualTo(new[] { "id1", "id2", "id2", "id3", "id3" }));
        Assert.That(fake.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task KeepsPagesWhoseIdsOnlyConcatenateToTheSameTextButStopsAtTheSameIds()
    {
        using var fake = new FakeCloudflare();
        AnswerByPageNumber(fake, page => page switch
        {
            1 => Canned.ListPage(1, 2, 6, 3, Canned.Secret(id: "ab", name: "A"), Canned.Secret(id: "c", name: "B")),
            2 => Canned.ListPage(2, 2, 6, 3, Canned.Secret(id: "a", name: "C"), Canned.Secret(id: "bc", name: "D")),
            _ => Canned.ListPage(3, 2, 6, 3, Canned.Secret(id: "c", name: "E"), Canned.Secret(id: "ab", name: "F")),
        });

        List<Secret> secrets = await ListInPagesOf(fake, 2).ToListAsync();

        Assert.That(
            secrets.Select(s => s.Name),
            Is.EqualTo(new[] { "A", "B", "C", "D" }),
            "\"ab\",\"c\" and \"a\",\"bc\" differ; \"c\",\"ab\" repeats page 1");
        Assert.That(fake.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task EndsNormallyAtALastPageExactlyAtTheCeiling()
    {
        using var fake = new FakeCloudflare();
        AnswerByPageNumber(
            fake,
            NumberedCopies(page =>
                Canned.ListPage(page, 1, DocumentedMaxPages, DocumentedMaxPages, Canned.Secret(id: $"id{page}", name: $"S{page}"))));

        int count = await ListInPagesOf(fake, 1).CountAsync();

        Assert.That(count, Is.EqualTo(DocumentedMaxPages));
        Assert.That(fake.Requests, Has.Count.EqualTo(DocumentedMaxPages));
    }

    [TestCase(true, TestName = "ThrowsAfterTheCeilingOf10000PagesWhenHugeTotalPagesSaysThereIsMore")]
    [TestCase(false, TestName = "ThrowsAfterTheCeilingOf10000PagesWhenNewFullPagesComeWithoutResultInfo")]
    public async Task ThrowsAfterTheCeilingWhenTheServerKeepsAnsweringNewPages(bool withResultInfo)
    {
        using var fake = new FakeCloudflare();
        AnswerByPageNumber(fake, NumberedCopies(page =>
        {
            JObject secret = Canned.Secret(id: $"id{page}", name: $"S{page}");
            return withResultInfo ? Canned.ListPage(page, 1, int.MaxValue, int.MaxValue, secret) : Canned.Success(new JArray(secret));
        }));
        int seen = 0;

        CloudflareApiException? error = null;
        try
        {
            await foreach (Secret secret in ListInPagesOf(fake, 1))
            {
                seen++;
            }
        }
        catch (CloudflareApiException e)
        {
            error = e;
        }

        Assert.That(error, Is.Not.Null, "an endless listing must not end as if it were complete");
        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(
            error.Message,
            Is.EqualTo(
                "The listing still had more pages after 10000 pages, the most a listing is followed; the server keeps answering "
                + "new pages. The pages so far were returned."));
        Assert.That(seen, Is.EqualTo(DocumentedMaxPages), "every page up to the ceiling is yielded");
        Assert.That(fake.Requests, Has.Count.EqualTo(DocumentedMaxPages), "no request past the ceiling");
        Assert.That(fake.Requests[^1].Uri.Query, Is.EqualTo($"?page={DocumentedMaxPages}&per_page=1"));
    }

    private static AsyncPageable<Secret> ListInPagesOf(FakeCloudflare fake, int pageSize) =>
        fake.CreateClient().ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = pageSize });

    /// <summary>
    /// The bodies of <paramref name="body"/>, made once and then copied with each page's number written in: building
    /// 10,000 bodies as JSON objects took most of this fixture's time, the paging itself a small part.
    /// </summary>
    private static Func<int, string> NumberedCopies(Func<int, string> body)
    {
        const int Marker = 987_654_321;
        string template = body(Marker);
        Assert.That(
            body(7),
            Is.EqualTo(template.Replace("987654321", "7", StringComparison.Ordinal)),
            "the page number is all that differs");
        return page => template.Replace("987654321", page.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>Answers every page request for the store's secrets with <paramref name="body"/>(page number).</summary>
    private static void AnswerByPageNumber(FakeCloudflare fake, Func<int, string> body) =>
        fake.Mock.When(HttpMethod.Get, FakeCloudflare.SecretsUrl()).Respond(request =>
        {
            string? page = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)["page"];
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(body(int.Parse(page!, CultureInfo.InvariantCulture)), Encoding.UTF8, "application/json"),
            };
        });
}
