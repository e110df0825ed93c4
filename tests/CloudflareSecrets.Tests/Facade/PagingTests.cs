using System.Net;
using CloudflareSecrets.Tests.Facade.Support;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>Auto-paging of the list operations (<see cref="AsyncPageable{T}"/>), against answers per page number.</summary>
public class PagingTests
{
    private const string StoreId = FakeCloudflare.StoreId;

    [Test]
    public async Task YieldsASinglePageWithOneRequest()
    {
        using var fake = new FakeCloudflare();
        AnswerPages(fake, Canned.ListPage(1, 100, 2, 1, Canned.Secrets(1, 2)));

        List<Secret> secrets = await fake.CreateClient().ListSecretsAsync(StoreId).ToListAsync();

        Assert.That(secrets.Select(s => s.Id), Is.EqualTo(new[] { "id1", "id2" }));
        Assert.That(fake.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task FollowsTotalPagesWithExactlyOneRequestPerPage()
    {
        using var fake = new FakeCloudflare();
        AnswerPages(
            fake,
            Canned.ListPage(1, 3, 7, 3, Canned.Secrets(1, 3)),
            Canned.ListPage(2, 3, 7, 3, Canned.Secrets(4, 3)),
            Canned.ListPage(3, 3, 7, 3, Canned.Secrets(7, 1)));

        List<Secret> secrets = await fake.CreateClient().ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = 3 }).ToListAsync();

        Assert.That(secrets.Select(s => s.Id), Is.EqualTo(Enumerable.Range(1, 7).Select(i => $"id{i}")));
        Assert.That(fake.Requests.Select(r => r.Url), Is.EqualTo(new[]
        {
            FakeCloudflare.SecretsUrl("?page=1&per_page=3"),
            FakeCloudflare.SecretsUrl("?page=2&per_page=3"),
            FakeCloudflare.SecretsUrl("?page=3&per_page=3"),
        }));
    }

    [Test]
    public async Task KeepsTheOptionsOnEveryPageRequest()
    {
        using var fake = new FakeCloudflare();
        AnswerPages(
            fake,
            Canned.ListPage(1, 2, 3, 2, Canned.Secrets(1, 2)),
            Canned.ListPage(2, 2, 3, 2, Canned.Secrets(3, 1)));
        var options = new ListSecretsOptions
        {
            Search = "S",
            Scopes = [SecretScopes.Workers],
            Order = SecretOrder.Name,
            Direction = SortDirection.Descending,
            PageSize = 2,
        };

        await fake.CreateClient().ListSecretsAsync(StoreId, options, FakeCloudflare.OtherAccountId).ToListAsync();

        Assert.That(fake.Requests.Select(r => r.Url), Is.EqualTo(new[]
        {
            FakeCloudflare.Url(
                $"stores/{StoreId}/secrets?direction=desc&page=1&per_page=2&search=S&order=name&scopes=workers",
                FakeCloudflare.OtherAccountId),
            FakeCloudflare.Url(
                $"stores/{StoreId}/secrets?direction=desc&page=2&per_page=2&search=S&order=name&scopes=workers",
                FakeCloudflare.OtherAccountId),
        }));
    }

    [Test]
    public async Task PagesThroughStoresToo()
    {
        using var fake = new FakeCloudflare();
        fake.Mock.When(HttpMethod.Get, FakeCloudflare.Url("stores")).WithQueryString("page", "1")
            .Respond("application/json", Canned.Success(new JArray(Canned.Store(id: "store1")), Canned.ResultInfo(1, 1, 1, 2, 2)));
        fake.Mock.When(HttpMethod.Get, FakeCloudflare.Url("stores")).WithQueryString("page", "2")
            .Respond("application/json", Canned.Success(new JArray(Canned.Store(id: "store2")), Canned.ResultInfo(2, 1, 1, 2, 2)));

        List<SecretStore> stores = await fake.CreateClient().ListStoresAsync(new ListStoresOptions { PageSize = 1 }).ToListAsync();

        Assert.That(stores.Select(s => s.Id), Is.EqualTo(new[] { "store1", "store2" }));
        Assert.That(fake.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task StopsAtAnEmptyPageEvenIfTotalPagesSaysMore()
    {
        using var fake = new FakeCloudflare();
        AnswerPages(
            fake,
            Canned.ListPage(1, 2, 10, 5, Canned.Secrets(1, 2)),
            Canned.ListPage(2, 2, 10, 5),
            Canned.ListPage(3, 2, 10, 5, Canned.Secrets(5, 2)));

        List<Secret> secrets = await fake.CreateClient().ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = 2 }).ToListAsync();

        Assert.That(secrets.Select(s => s.Id), Is.EqualTo(new[] { "id1", "id2" }));
        Assert.That(fake.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task StopsAfterTheFirstRequestWhenTotalPagesIsZero()
    {
        using var fake = new FakeCloudflare();
        AnswerPages(
            fake,
            Canned.ListPage(1, 2, 0, 0, Canned.Secrets(1, 2)),
            Canned.ListPage(2, 2, 0, 0, Canned.Secrets(3, 2)));

        List<Secret> secrets = await fake.CreateClient().ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = 2 }).ToListAsync();

        Assert.That(secrets.Select(s => s.Id), Is.EqualTo(new[] { "id1", "id2" }));
        Assert.That(fake.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task StopsWithoutDuplicatesWhenTheServerRepeatsAPage()
    {
        using var fake = new FakeCloudflare();
        // A server that ignores the page number and claims 100 pages, as Prism's example answers do.
        fake.AnswerAll(Canned.ListPage(1, 2, 200, 100, Canned.Secrets(1, 2)));

        List<Secret> secrets = await fake.CreateClient().ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = 2 }).ToListAsync();

        Assert.That(secrets.Select(s => s.Id), Is.EqualTo(new[] { "id1", "id2" }));
        Assert.That(fake.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task StopsAtAPageShorterThanThePageSizeWhenResultInfoIsMissing()
    {
        using var fake = new FakeCloudflare();
        AnswerPages(
            fake,
            Canned.Success(new JArray(Canned.Secrets(1, 2))),
            Canned.Success(new JArray(Canned.Secrets(3, 2))),
            Canned.Success(new JArray(Canned.Secrets(5, 1))),
            Canned.Success(new JArray(Canned.Secrets(6, 2))));

        List<Secret> secrets = await fake.CreateClient().ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = 2 }).ToListAsync();

        Assert.That(secrets, Has.Count.EqualTo(5));
        Assert.That(fake.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task StopsAtAnEmptyPageAfterFullPagesWhenResultInfoIsMissing()
    {
        using var fake = new FakeCloudflare();
        AnswerPages(
            fake,
            Canned.Success(new JArray(Canned.Secrets(1, 2))),
            Canned.Success(new JArray()));

        List<Secret> secrets = await fake.CreateClient().ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = 2 }).ToListAsync();

        Assert.That(secrets, Has.Count.EqualTo(2));
        Assert.That(fake.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public void StopsMidWayWhenTheTokenPassedToTheListIsCanceled()
    {
        using var fake = new FakeCloudflare();
        AnswerThreePages(fake);
        using var cancellation = new CancellationTokenSource();
        var seen = new List<string>();

        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (Secret secret in fake.CreateClient()
                .ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = 2 }, cancellationToken: cancellation.Token))
            {
                seen.Add(secret.Id);
                cancellation.Cancel();
            }
        });

        Assert.That(seen, Is.EqualTo(new[] { "id1", "id2" }), "the page already fetched is still yielded");
        Assert.That(fake.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void StopsMidWayWhenTheTokenGivenToWithCancellationIsCanceled()
    {
        using var fake = new FakeCloudflare();
        AnswerThreePages(fake);
        using var cancellation = new CancellationTokenSource();
        var seen = new List<string>();

        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (Secret secret in fake.CreateClient()
                .ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = 2 })
                .WithCancellation(cancellation.Token))
            {
                seen.Add(secret.Id);
                if (seen.Count == 3)
                {
                    cancellation.Cancel();
                }
            }
        });

        Assert.That(seen, Is.EqualTo(new[] { "id1", "id2", "id3", "id4" }));
        Assert.That(fake.Requests, Has.Count.EqualTo(2));
    }

    [TestCase(true, TestName = "StopsMidWayWhenTheListTokenIsCanceledWhileWithCancellationAlsoGivesOne")]
    [TestCase(false, TestName = "StopsMidWayWhenTheWithCancellationTokenIsCanceledWhileTheListAlsoHasOne")]
    public void StopsMidWayWhenEitherOfTwoTokensIsCanceled(bool cancelTheListToken)
    {
        using var fake = new FakeCloudflare();
        AnswerThreePages(fake);
        using var listToken = new CancellationTokenSource();
        using var enumerationToken = new CancellationTokenSource();
        var seen = new List<string>();

        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (Secret secret in fake.CreateClient()
                .ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = 2 }, cancellationToken: listToken.Token)
                .WithCancellation(enumerationToken.Token))
            {
                seen.Add(secret.Id);
                (cancelTheListToken ? listToken : enumerationToken).Cancel();
            }
        });

        Assert.That(seen, Is.EqualTo(new[] { "id1", "id2" }));
        Assert.That(fake.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task APageableMadeForMockingThatOverridesNothingIsEmpty()
    {
        var pageable = new EmptyPageable();

        Assert.That(await pageable.AsPages().ToListAsync(), Is.Empty);
        Assert.That(await pageable.ToListAsync(), Is.Empty);
    }

    [Test]
    public void FromPagesStopsWhenTheTokenIsCanceled()
    {
        var pageable = AsyncPageable<Secret>.FromPages([new Page<Secret>([Canned.SecretModel()], null), new Page<Secret>([], null)]);
        using var cancellation = new CancellationTokenSource();
        int pages = 0;

        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (Page<Secret> page in pageable.AsPages(cancellationToken: cancellation.Token))
            {
                pages++;
                cancellation.Cancel();
            }
        });

        Assert.That(pages, Is.EqualTo(1));
    }

    [Test]
    public void PassesTheTokenToEveryPageRequest()
    {
        using var fake = new FakeCloudflare();
        AnswerThreePages(fake);
        using var cancellation = new CancellationTokenSource();
        bool secondPageSawCancellation = false;
        fake.OnSend = (request, token) =>
        {
            if (request.RequestUri!.Query.StartsWith("?page=2&", StringComparison.Ordinal))
            {
                cancellation.Cancel();
                secondPageSawCancellation = token.IsCancellationRequested;
            }
        };

        Assert.CatchAsync<OperationCanceledException>(() => fake.CreateClient()
            .ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = 2 }, cancellationToken: cancellation.Token)
            .ToListAsync()
            .AsTask());

        Assert.That(secondPageSawCancellation, Is.True);
        Assert.That(fake.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task AsPagesExposesEachPageWithItsPageInfo()
    {
        using var fake = new FakeCloudflare();
        AnswerThreePages(fake);

        List<Page<Secret>> pages = await fake.CreateClient()
            .ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = 2 })
            .AsPages()
            .ToListAsync();

        Assert.That(pages.Select(p => p.Info), Is.EqualTo(new[]
        {
            new PageInfo(1, 2, 2, 5, 3),
            new PageInfo(2, 2, 2, 5, 3),
            new PageInfo(3, 2, 1, 5, 3),
        }));
        Assert.That(pages.Select(p => p.Values.Count), Is.EqualTo(new[] { 2, 2, 1 }));
        Assert.That(pages[2].Values.Single().Id, Is.EqualTo("id5"));
    }

    [Test]
    public async Task EachPageCarriesTheTokenThatResumesTheListingAfterIt_TheLastNone()
    {
        using var fake = new FakeCloudflare();
        AnswerThreePages(fake);
        AsyncPageable<Secret> secrets = fake.CreateClient().ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = 2 });

        List<Page<Secret>> pages = await secrets.AsPages().ToListAsync();
        int before = fake.Requests.Count;
        List<Page<Secret>> resumed = await secrets.AsPages(pages[0].ContinuationToken).ToListAsync();

        Assert.That(pages.Select(p => p.ContinuationToken), Is.EqualTo(new[] { "2", "3", null }));
        Assert.That(
            resumed.SelectMany(p => p.Values).Select(s => s.Id),
            Is.EqualTo(new[] { "id3", "id4", "id5" }),
            "resumed where the first page left off");
        Assert.That(fake.Requests.Skip(before).Select(r => r.Uri.Query), Is.EqualTo(new[] { "?page=2&per_page=2", "?page=3&per_page=2" }));
    }

    [TestCase("")]
    [TestCase("1")]
    [TestCase("0")]
    [TestCase("-2")]
    [TestCase("+2")]
    [TestCase(" 2")]
    [TestCase("10001")]
    [TestCase("not-a-token")]
    public void RefusesAContinuationTokenTheListCannotHaveGiven_BeforeAnyRequest(string token)
    {
        using var fake = new FakeCloudflare();

        ArgumentException? e = Assert.Throws<ArgumentException>(() => fake.CreateClient().ListSecretsAsync(StoreId).AsPages(token));

        Assert.That(e!.ParamName, Is.EqualTo("continuationToken"));
        Assert.That(e.Message, Does.Contain("Page.ContinuationToken"));
        Assert.That(fake.Requests, Is.Empty);
    }

    [Test]
    public async Task AsPagesYieldsOneEmptyPageForAnEmptyList()
    {
        using var fake = new FakeCloudflare();
        AnswerPages(fake, Canned.ListPage(1, 100, 0, 0));

        List<Page<Secret>> pages = await fake.CreateClient().ListSecretsAsync(StoreId).AsPages().ToListAsync();

        Assert.That(pages, Has.Count.EqualTo(1));
        Assert.That(pages[0].Values, Is.Empty);
        Assert.That(pages[0].Info, Is.EqualTo(new PageInfo(1, 100, 0, 0, 0)));
    }

    [Test]
    public async Task AsPagesGivesNullPageInfoWhenResultInfoIsMissing()
    {
        using var fake = new FakeCloudflare();
        AnswerPages(fake, Canned.Success(new JArray(Canned.Secrets(1, 1))));

        List<Page<Secret>> pages = await fake.CreateClient().ListSecretsAsync(StoreId).AsPages().ToListAsync();

        Assert.That(pages.Single().Info, Is.Null);
    }

    [Test]
    public async Task EachEnumerationStartsAgainFromTheFirstPage()
    {
        using var fake = new FakeCloudflare();
        AnswerThreePages(fake);
        AsyncPageable<Secret> secrets = fake.CreateClient().ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = 2 });

        await secrets.ToListAsync();
        await secrets.ToListAsync();

        Assert.That(fake.Requests.Select(r => r.Uri.Query), Is.EqualTo(new[]
        {
            "?page=1&per_page=2", "?page=2&per_page=2", "?page=3&per_page=2",
            "?page=1&per_page=2", "?page=2&per_page=2", "?page=3&per_page=2",
        }));
    }

    [Test]
    public async Task FetchesNoFurtherPageWhenTheCallerStopsEarly()
    {
        using var fake = new FakeCloudflare();
        AnswerThreePages(fake);

        await foreach (Secret secret in fake.CreateClient().ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = 2 }))
        {
            Assert.That(secret.Id, Is.EqualTo("id1"));
            break;
        }

        Assert.That(fake.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void ThrowsTheTypedExceptionOfAFailedPageAfterYieldingTheEarlierOnes()
    {
        using var fake = new FakeCloudflare();
        fake.Mock.When(HttpMethod.Get, FakeCloudflare.SecretsUrl()).WithQueryString("page", "1")
            .Respond("application/json", Canned.ListPage(1, 2, 4, 2, Canned.Secrets(1, 2)));
        fake.Mock.When(HttpMethod.Get, FakeCloudflare.SecretsUrl()).WithQueryString("page", "2")
            .Respond(HttpStatusCode.TooManyRequests, "application/json", Canned.Failure(971, "Please wait"));
        var seen = new List<string>();

        Assert.ThrowsAsync<CloudflareRateLimitException>(async () =>
        {
            await foreach (Secret secret in fake.CreateClient().ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = 2 }))
            {
                seen.Add(secret.Id);
            }
        });

        Assert.That(seen, Is.EqualTo(new[] { "id1", "id2" }));
    }

    [Test]
    public async Task AsksForTheMaximumOf100PerPageByDefault()
    {
        using var fake = new FakeCloudflare();
        AnswerPages(fake, Canned.ListPage(1, 100, 1, 1, Canned.Secrets(1, 1)));

        await fake.CreateClient().ListSecretsAsync(StoreId).ToListAsync();

        Assert.That(fake.SingleRequest.Uri.Query, Is.EqualTo("?page=1&per_page=100"));
        Assert.That(new ListSecretsOptions().PageSize, Is.EqualTo(100));
        Assert.That(new ListStoresOptions().PageSize, Is.EqualTo(100));
    }

    [TestCase(0)]
    [TestCase(101)]
    [TestCase(-1)]
    public void RejectsAnOutOfRangePageSizeBeforeAnyRequest(int pageSize)
    {
        using var fake = new FakeCloudflare();
        SecretsStoreClient client = fake.CreateClient();

        Assert.That(
            () => client.ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = pageSize }),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("options.PageSize"));
        Assert.That(
            () => client.ListStoresAsync(new ListStoresOptions { PageSize = pageSize }),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("options.PageSize"));
        Assert.That(fake.Requests, Is.Empty);
    }

    [TestCase(1)]
    [TestCase(100)]
    public async Task AcceptsThePageSizeLimits(int pageSize)
    {
        using var fake = new FakeCloudflare();
        AnswerPages(fake, Canned.ListPage(1, pageSize, 1, 1, Canned.Secrets(1, 1)));

        await fake.CreateClient().ListSecretsAsync(StoreId, new ListSecretsOptions { PageSize = pageSize }).ToListAsync();

        Assert.That(fake.SingleRequest.Uri.Query, Is.EqualTo($"?page=1&per_page={pageSize}"));
    }

    /// <summary>Answers page N of the store's secrets (of any account) with <paramref name="pages"/>[N - 1].</summary>
    private static void AnswerPages(FakeCloudflare fake, params string[] pages)
    {
        for (int i = 0; i < pages.Length; i++)
        {
            fake.Mock.When(HttpMethod.Get, FakeCloudflare.BaseUrl + $"accounts/*/secrets_store/stores/{StoreId}/secrets")
                .WithQueryString("page", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Respond("application/json", pages[i]);
        }
    }

    /// <summary>Five secrets in pages of two: id1 id2 | id3 id4 | id5.</summary>
    private static void AnswerThreePages(FakeCloudflare fake) =>
        AnswerPages(
            fake,
            Canned.ListPage(1, 2, 5, 3, Canned.Secrets(1, 2)),
            Canned.ListPage(2, 2, 5, 3, Canned.Secrets(3, 2)),
            Canned.ListPage(3, 2, 5, 3, Canned.Secrets(5, 1)));

    /// <summary>A subclass as a mocking library makes one: the protected constructor, nothing overridden.</summary>
    private sealed class EmptyPageable : AsyncPageable<Secret>
    {
    }
}
