using System.Net;
using CloudflareSecrets.Tests.Facade.Support;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.Facade;

public class SecretsTests
{
    private const string StoreId = FakeCloudflare.StoreId;
    private const string SecretId = FakeCloudflare.SecretId;

    public class TheListSecretsAsyncMethod
    {
        [Test]
        public async Task SendsOnlyPageAndTheMaximumPageSizeByDefault()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.List(Canned.Secret()));

            await fake.CreateClient().ListSecretsAsync(StoreId).ToListAsync();

            Assert.That(fake.SingleRequest.Method, Is.EqualTo(HttpMethod.Get));
            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.SecretsUrl("?page=1&per_page=100")));
        }

        [Test]
        public async Task SendsSearchScopesOrderDirectionAndPageSizeInTheGeneratedOrder()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.List(Canned.Secret()));
            var options = new ListSecretsOptions
            {
                Search = "x",
                Scopes = [SecretScopes.Workers, SecretScopes.AiGateway],
                Order = SecretOrder.Name,
                Direction = SortDirection.Ascending,
                PageSize = 50,
            };

            await fake.CreateClient().ListSecretsAsync(StoreId, options).ToListAsync();

            Assert.That(
                fake.SingleRequest.Url,
                Is.EqualTo(FakeCloudflare.SecretsUrl("?direction=asc&page=1&per_page=50&search=x&order=name&scopes=workers,ai_gateway")));
        }

        [TestCase(SecretOrder.Created, "created")]
        [TestCase(SecretOrder.Comment, "comment")]
        [TestCase(SecretOrder.Modified, "modified")]
        [TestCase(SecretOrder.Status, "status")]
        public async Task SendsEachOrderAsCloudflareSpellsIt(SecretOrder order, string wire)
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.List(Canned.Secret()));

            await fake.CreateClient()
                .ListSecretsAsync(StoreId, new ListSecretsOptions { Order = order, Direction = SortDirection.Descending })
                .ToListAsync();

            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.SecretsUrl($"?direction=desc&page=1&per_page=100&order={wire}")));
        }

        [Test]
        public async Task EscapesTheSearchText()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.List(Canned.Secret()));

            await fake.CreateClient().ListSecretsAsync(StoreId, new ListSecretsOptions { Search = "a b&c=d" }).ToListAsync();

            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.SecretsUrl("?page=1&per_page=100&search=a%20b%26c%3Dd")));
        }

        [Test]
        public async Task SendsNoFilterForAnEmptySearchAndNoScopes()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.List(Canned.Secret()));

            await fake.CreateClient()
                .ListSecretsAsync(StoreId, new ListSecretsOptions { Search = string.Empty, Scopes = [] })
                .ToListAsync();

            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.SecretsUrl("?page=1&per_page=100")));
        }

        [Test]
        public async Task MapsEveryFieldAndKeepsScopesAndStatusesItDoesNotKnow()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.List(
                Canned.Secret(),
                Canned.Secret(id: "id2", name: "OTHER", status: "rotating", scopes: ["workers", "future_scope"], comment: null)));

            List<Secret> secrets = await fake.CreateClient().ListSecretsAsync(StoreId).ToListAsync();

            Assert.That(secrets, Is.EqualTo(new[]
            {
                Canned.SecretModel(),
                Canned.SecretModel(id: "id2", name: "OTHER", status: "rotating", scopes: ["workers", "future_scope"], comment: null),
            }));
        }

        [Test]
        public async Task TakesTheStoreIdFromTheCallWhenTheResponseLeavesItOut()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.List(Canned.Secret(storeId: null)));

            List<Secret> secrets = await fake.CreateClient().ListSecretsAsync(StoreId).ToListAsync();

            Assert.That(secrets.Single().StoreId, Is.EqualTo(StoreId));
        }
    }

    public class TheFindSecretByNameAsyncMethod
    {
        [Test]
        public async Task IsAWorkflowBuiltOnListSecretsAsync_SoOverridingTheListingIsTheOneSeam()
        {
            var client = new ListingOnlyClient(
            [
                SecretsStoreModelFactory.Secret(id: "a", name: "MY_API_KEY_2"),
                SecretsStoreModelFactory.Secret(id: "b", name: "MY_API_KEY"),
            ]);

            Secret? found = await client.FindSecretByNameAsync(StoreId, "MY_API_KEY");

            Assert.That(found?.Id, Is.EqualTo("b"));
            Assert.That(client.Searches, Is.EqualTo(new[] { "MY_API_KEY" }));
            Assert.That(
                typeof(ISecretsStoreClient).GetMethod(nameof(SecretsStoreWorkflows.FindSecretByNameAsync)),
                Is.Null,
                "not on the core interface");
        }

        private sealed class ListingOnlyClient(Secret[] secrets) : SecretsStoreClient
        {
            public List<string?> Searches { get; } = [];

            public override AsyncPageable<Secret> ListSecretsAsync(
                string storeId,
                ListSecretsOptions? options = null,
                string? accountId = null,
                CancellationToken cancellationToken = default)
            {
                Searches.Add(options?.Search);
                return AsyncPageable<Secret>.FromPages([new Page<Secret>(secrets, null)]);
            }
        }

        [Test]
        public async Task SearchesByTheNameAndReturnsTheExactMatchAmongTheResults()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.List(
                Canned.Secret(id: "id1", name: "MY_API_KEY_COPY"),
                Canned.Secret(id: "id2", name: "my_api_key"),
                Canned.Secret(id: "id3", name: "MY_API_KEY")));

            Secret? secret = await fake.CreateClient().FindSecretByNameAsync(StoreId, "MY_API_KEY");

            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.SecretsUrl("?page=1&per_page=100&search=MY_API_KEY")));
            Assert.That(secret, Is.EqualTo(Canned.SecretModel(id: "id3")));
        }

        [Test]
        public async Task ReturnsNullWhenNoResultHasExactlyThatName()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.List(Canned.Secret(name: "MY_API_KEY_COPY"), Canned.Secret(id: "id2", name: "my_api_key")));

            Secret? secret = await fake.CreateClient().FindSecretByNameAsync(StoreId, "MY_API_KEY");

            Assert.That(secret, Is.Null);
        }

        [Test]
        public async Task ReturnsNullWhenTheSearchFindsNothing()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.List());

            Secret? secret = await fake.CreateClient().FindSecretByNameAsync(StoreId, "MY_API_KEY");

            Assert.That(secret, Is.Null);
            Assert.That(fake.Requests, Has.Count.EqualTo(1));
        }

        [Test]
        public async Task LooksAtLaterPagesOfTheSearch()
        {
            using var fake = new FakeCloudflare();
            fake.Mock.When(HttpMethod.Get, FakeCloudflare.SecretsUrl()).WithQueryString("page", "1")
                .Respond("application/json", Canned.ListPage(1, 100, 101, 2, Canned.Secrets(1, 100)));
            fake.Mock.When(HttpMethod.Get, FakeCloudflare.SecretsUrl()).WithQueryString("page", "2")
                .Respond("application/json", Canned.ListPage(2, 100, 101, 2, Canned.Secret(id: "last", name: "S")));

            Secret? secret = await fake.CreateClient().FindSecretByNameAsync(StoreId, "S");

            Assert.That(secret?.Id, Is.EqualTo("last"));
            Assert.That(fake.Requests, Has.Count.EqualTo(2));
        }
    }

    public class TheGetSecretAsyncMethod
    {
        [Test]
        public async Task GetsTheSecretByIdAndMapsEveryField()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(Canned.Secret()));

            Secret secret = await fake.CreateClient().GetSecretAsync(StoreId, SecretId);

            Assert.That(fake.SingleRequest.Method, Is.EqualTo(HttpMethod.Get));
            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.SecretsUrl("/" + SecretId)));
            Assert.That(fake.SingleRequest.Body, Is.Null);
            Assert.That(secret, Is.EqualTo(Canned.SecretModel()));
            Assert.That(secret.IsActive, Is.True);
        }

        [Test]
        public async Task ReadsAPendingSecretAsNotActive()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(Canned.Secret(status: SecretStatuses.Pending)));

            Secret secret = await fake.CreateClient().GetSecretAsync(StoreId, SecretId);

            Assert.That(secret.Status, Is.EqualTo(SecretStatuses.Pending));
            Assert.That(secret.IsActive, Is.False);
        }

        [Test]
        public void ThrowsApiExceptionWhenTheResponseLacksTheId()
        {
            using var fake = new FakeCloudflare();
            JObject secret = Canned.Secret();
            secret.Remove("id");
            fake.AnswerAll(Canned.Success(secret));

            CloudflareApiException? exception = Assert.ThrowsAsync<CloudflareApiException>(
                () => fake.CreateClient().GetSecretAsync(StoreId, SecretId));

            Assert.That(exception!.Message, Does.Contain("lacks the required field 'id'"));
        }
    }

    public class TheCreateSecretAsyncMethod
    {
        [Test]
        public async Task SendsAOneElementArrayWithNameValueScopesAndComment()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(new JArray(Canned.Secret())));
            SecretsStoreClient client = fake.CreateClient();
            string storeId = StoreId;

            Secret secret = await client.CreateSecretAsync(
                storeId,
                "MY_API_KEY",
                "api-token-secret-123",
                [SecretScopes.Workers, SecretScopes.AiGateway],
                comment: "info about my secret");

            Assert.That(fake.SingleRequest.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.SecretsUrl()));
            fake.SingleRequest.AssertJsonBody(
                """[{"name":"MY_API_KEY","value":"api-token-secret-123","scopes":"""
                + """["workers","ai_gateway"],"comment":"info about my secret"}]""");
            Assert.That(secret, Is.EqualTo(Canned.SecretModel()));
        }

        [Test]
        public async Task LeavesTheCommentOutWhenNoneIsGiven()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(new JArray(Canned.Secret(comment: null))));

            Secret secret = await fake.CreateClient().CreateSecretAsync(StoreId, "MY_API_KEY", "v", [SecretScopes.Workers]);

            fake.SingleRequest.AssertJsonBody("""[{"name":"MY_API_KEY","value":"v","scopes":["workers"]}]""");
            Assert.That(secret.Comment, Is.Null);
        }

        [Test]
        public void ThrowsAConflictThatSaysNameConflictWhenTheNameIsTaken()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Failure(1001, "secret with name MY_API_KEY already exists"), HttpStatusCode.Conflict);

            CloudflareConflictException? exception = Assert.ThrowsAsync<CloudflareConflictException>(
                () => fake.CreateClient().CreateSecretAsync(StoreId, "MY_API_KEY", "v", [SecretScopes.Workers]));

            Assert.That(exception!.IsNameConflict, Is.True);
            Assert.That(exception.IsStoreNotEmpty, Is.False);
        }

        [TestCase(0)]
        [TestCase(2)]
        public void ThrowsApiExceptionWhenTheResponseDoesNotListExactlyOneSecret(int count)
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(new JArray(Canned.Secrets(1, count))));

            CloudflareApiException? exception = Assert.ThrowsAsync<CloudflareApiException>(
                () => fake.CreateClient().CreateSecretAsync(StoreId, "MY_API_KEY", "v", [SecretScopes.Workers]));

            Assert.That(exception!.Message, Does.Contain($"listed {count} secrets for one created"));
            Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        [Test]
        public void KeepsTheCfRayOfAnAnswerThatDoesNotListExactlyOneSecret()
        {
            const string ray = "8f1e2d3c4b5a6978-AMS";
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(new JArray(Canned.Secrets(1, 2))), HttpStatusCode.OK, "application/json", ("CF-Ray", ray));

            CloudflareApiException? exception = Assert.ThrowsAsync<CloudflareApiException>(
                () => fake.CreateClient().CreateSecretAsync(StoreId, "MY_API_KEY", "v", [SecretScopes.Workers]));

            Assert.That(exception!.RayId, Is.EqualTo(ray), "the answer's CF-Ray, for Cloudflare support");
            Assert.That(exception.Message, Does.Contain(ray));
        }
    }

    public class TheCreateSecretsAsyncMethod
    {
        private static NewSecret[] FiveSecrets =>
            Enumerable.Range(1, 5)
                .Select(i => new NewSecret($"S{i}", $"value-{i}", [SecretScopes.Workers], i == 3 ? "third" : null))
                .ToArray();

        private static string BatchAnswer(params int[] numbers) =>
            Canned.Success(new JArray(numbers.Select(i => Canned.Secret(id: $"id{i}", name: $"S{i}")).ToArray()));

        [Test]
        public async Task SendsOneArrayPerBatch()
        {
            using var fake = new FakeCloudflare();
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl()).Respond("application/json", BatchAnswer(1, 2));
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl()).Respond("application/json", BatchAnswer(3, 4));
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl()).Respond("application/json", BatchAnswer(5));

            await fake.CreateClient(o => o.CreateBatchSize = 2).CreateSecretsAsync(StoreId, FiveSecrets);

            Assert.That(fake.Requests, Has.Count.EqualTo(3));
            fake.Requests[0].AssertJsonBody(
                """[{"name":"S1","value":"value-1","scopes":["workers"]},"""
                + """{"name":"S2","value":"value-2","scopes":["workers"]}]""");
            fake.Requests[1].AssertJsonBody(
                """[{"name":"S3","value":"value-3","scopes":["workers"],"comment":"third"},"""
                + """{"name":"S4","value":"value-4","scopes":["workers"]}]""");
            fake.Requests[2].AssertJsonBody("""[{"name":"S5","value":"value-5","scopes":["workers"]}]""");
            fake.Mock.VerifyNoOutstandingExpectation();
        }

        [Test]
        public async Task ReturnsTheSecretsInInputOrderEvenWhenABatchComesBackReordered()
        {
            using var fake = new FakeCloudflare();
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl()).Respond("application/json", BatchAnswer(2, 1));
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl()).Respond("application/json", BatchAnswer(4, 3));
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl()).Respond("application/json", BatchAnswer(5));

            IReadOnlyList<Secret> created = await fake.CreateClient(o => o.CreateBatchSize = 2).CreateSecretsAsync(StoreId, FiveSecrets);

            Assert.That(created.Select(s => s.Name), Is.EqualTo(new[] { "S1", "S2", "S3", "S4", "S5" }));
            Assert.That(created.Select(s => s.Id), Is.EqualTo(new[] { "id1", "id2", "id3", "id4", "id5" }));
        }

        [Test]
        public async Task SendsUpToAHundredSecretsInOneRequestByDefault()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(BatchAnswer(1, 2, 3, 4, 5));

            IReadOnlyList<Secret> created = await fake.CreateClient().CreateSecretsAsync(StoreId, FiveSecrets);

            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.SecretsUrl()));
            Assert.That(JArray.Parse(fake.SingleRequest.Body!), Has.Count.EqualTo(5));
            Assert.That(created, Has.Count.EqualTo(5));
        }

        [Test]
        public void StopsAtTheFirstFailedBatch_AndSaysWhatWasCreatedWhatFailedAndWhatWasNotSent()
        {
            using var fake = new FakeCloudflare();
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl()).Respond("application/json", BatchAnswer(1, 2));
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl())
                .Respond(HttpStatusCode.BadRequest, "application/json", Canned.Failure(1003, "secret_name_already_exists: S3"));

            SecretsPartiallyCreatedException? e = Assert.ThrowsAsync<SecretsPartiallyCreatedException>(
                () => fake.CreateClient(o => o.CreateBatchSize = 2).CreateSecretsAsync(StoreId, FiveSecrets));

            Assert.That(fake.Requests, Has.Count.EqualTo(2));
            Assert.That(e.Created.Select(s => s.Id), Is.EqualTo(new[] { "id1", "id2" }));
            Assert.That(e.FailedNames, Is.EqualTo(new[] { "S3", "S4" }));
            Assert.That(e.NotSent, Is.EqualTo(new[] { "S5" }));
            Assert.That(e.FailedBatchOutcomeUnknown, Is.False, "Cloudflare refused the batch: none of it was created");
            Assert.That(
                e.InnerException,
                Is.TypeOf<CloudflareConflictException>().With.Property(nameof(CloudflareConflictException.IsNameConflict)).True);
            Assert.That(e.Message, Does.Not.Contain("value-"), "no secret value in the message");
            Assert.That(e.ToString(), Does.Not.Contain("value-3").And.Not.Contain("value-5"));
        }

        [Test]
        public void SaysTheFailedBatchMayExistWhenALaterBatchMetA5xx()
        {
            using var fake = new FakeCloudflare();
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl()).Respond("application/json", BatchAnswer(1, 2));
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl())
                .Respond(HttpStatusCode.BadGateway, "text/html", "<html>bad gateway</html>");

            SecretsPartiallyCreatedException? e = Assert.ThrowsAsync<SecretsPartiallyCreatedException>(
                () => fake.CreateClient(o => o.CreateBatchSize = 2).CreateSecretsAsync(StoreId, FiveSecrets));

            Assert.That(fake.Requests, Has.Count.EqualTo(2), "a create is never repeated after a 5xx");
            Assert.That(e.FailedBatchOutcomeUnknown, Is.True);
            Assert.That(e.InnerException, Is.TypeOf<CloudflareServerException>());
        }

        [TestCase(HttpStatusCode.OK, true, TestName = "A later batch answered 200 with success false may exist")]
        [TestCase(HttpStatusCode.Created, true, TestName = "A later batch answered 201 with success false may exist")]
        [TestCase((HttpStatusCode)299, true, TestName = "A later batch answered 299 with success false may exist")]
        [TestCase(HttpStatusCode.MultipleChoices, false, TestName = "A later batch answered 300 was not created")]
        [TestCase(HttpStatusCode.UnprocessableEntity, false, TestName = "A later batch answered 422 was not created")]
        public void SaysWhetherTheFailedBatchMayExistFromItsStatus(HttpStatusCode status, bool outcomeUnknown)
        {
            // A 2xx means the server took the request in, whatever its envelope says: the batch may have been created.
            using var fake = new FakeCloudflare();
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl()).Respond("application/json", BatchAnswer(1, 2));
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl())
                .Respond(status, "application/json", Canned.Failure(10001, "internal validation failed"));

            SecretsPartiallyCreatedException? e = Assert.ThrowsAsync<SecretsPartiallyCreatedException>(
                () => fake.CreateClient(o => o.CreateBatchSize = 2).CreateSecretsAsync(StoreId, FiveSecrets));

            Assert.That(fake.Requests, Has.Count.EqualTo(2));
            Assert.That(e!.FailedBatchOutcomeUnknown, Is.EqualTo(outcomeUnknown));
            Assert.That(
                e.InnerException,
                Is.InstanceOf<CloudflareApiException>().With.Property(nameof(CloudflareApiException.StatusCode)).EqualTo(status));
        }

        [Test]
        public void MasksAnEarlierBatchsValueEchoedInALaterBatchsError()
        {
            using var fake = new FakeCloudflare();
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl()).Respond("application/json", BatchAnswer(1, 2));
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl())
                .Respond(HttpStatusCode.BadRequest, "application/json", Canned.Failure(1000, "rejected: value-1 and VALUE-2"));

            SecretsPartiallyCreatedException? e = Assert.ThrowsAsync<SecretsPartiallyCreatedException>(
                () => fake.CreateClient(o => o.CreateBatchSize = 2).CreateSecretsAsync(StoreId, FiveSecrets));

            string shown = e!.ToString() + string.Join(" ", e.Errors.Select(x => x.Message)) + e.InnerException;
            Assert.That(
                shown,
                Does.Not.Contain("value-1").IgnoreCase.And.Not.Contain("value-2").IgnoreCase,
                "every value of the call, not only the failed batch's");
        }

        [Test]
        public void APartialCreateIsCaughtThroughTheDocumentedRoot_WithTheFailedBatchsAnswer()
        {
            using var fake = new FakeCloudflare();
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl()).Respond("application/json", BatchAnswer(1, 2));
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl())
                .Respond(HttpStatusCode.BadRequest, "application/json", Canned.Failure(1003, "secret_name_already_exists: S3"));

            CloudflareApiException? e = Assert.CatchAsync<CloudflareApiException>(
                () => fake.CreateClient(o => o.CreateBatchSize = 2).CreateSecretsAsync(StoreId, FiveSecrets));

            Assert.That(
                e,
                Is.TypeOf<SecretsPartiallyCreatedException>(),
                "a caller following the root's docs does not miss a partial failure");
            Assert.That((e!.StatusCode, e.ErrorCode), Is.EqualTo((HttpStatusCode.BadRequest, (int?)1003)));
            Assert.That(e.Errors, Is.EqualTo(((CloudflareApiException)e.InnerException!).Errors));
            Assert.That(e.Is(SecretsStoreKnownErrors.SecretNameAlreadyExists), Is.True, "the condition of the failed batch, the one way");
        }

        [Test]
        public void APartialCreateStoppedWithoutAnAnswerHasStatusZero()
        {
            using var fake = new FakeCloudflare();
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl()).Respond("application/json", BatchAnswer(1, 2));
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl()).Throw(new HttpRequestException("connection refused"));

            CloudflareApiException? e = Assert.CatchAsync<CloudflareApiException>(() =>
                fake.CreateClient(o => { o.CreateBatchSize = 2; o.Retry.MaxAttempts = 1; }).CreateSecretsAsync(StoreId, FiveSecrets));

            Assert.That(e, Is.TypeOf<SecretsPartiallyCreatedException>());
            Assert.That((e!.StatusCode, e.Errors.Count, e.RayId), Is.EqualTo(((HttpStatusCode)0, 0, (string?)null)));
            Assert.That(e.InnerException, Is.TypeOf<HttpRequestException>());
        }

        [Test]
        public void ThrowsAFirstBatchFailureAsItIs_NothingWasCreated()
        {
            using var fake = new FakeCloudflare();
            fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl())
                .Respond(HttpStatusCode.BadRequest, "application/json", Canned.Failure(1003, "secret_name_already_exists: S1"));

            Assert.ThrowsAsync<CloudflareConflictException>(
                () => fake.CreateClient(o => o.CreateBatchSize = 2).CreateSecretsAsync(StoreId, FiveSecrets));
            Assert.That(fake.Requests, Has.Count.EqualTo(1));
        }

        [Test]
        public async Task ReturnsMappedSecretsWithAllFields()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(new JArray(Canned.Secret())));

            IReadOnlyList<Secret> created = await fake.CreateClient().CreateSecretsAsync(
                StoreId,
                [new NewSecret("MY_API_KEY", "v", [SecretScopes.Workers, SecretScopes.AiGateway], "info about my secret")]);

            Assert.That(created, Is.EqualTo(new[] { Canned.SecretModel() }));
        }
    }

    public class TheUpdateSecretAsyncMethod
    {
        [TestCaseSource(nameof(Updates))]
        public async Task PatchesOnlyTheFieldsThatAreSet(SecretUpdate update, string expectedBody)
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(Canned.Secret()));

            await fake.CreateClient().UpdateSecretAsync(StoreId, SecretId, update);

            Assert.That(fake.SingleRequest.Method, Is.EqualTo(HttpMethod.Patch));
            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.SecretsUrl("/" + SecretId)));
            fake.SingleRequest.AssertJsonBody(expectedBody);
        }

        [Test]
        public async Task ReturnsTheUpdatedSecret()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(Canned.Secret(comment: "rotated")));

            Secret secret = await fake.CreateClient().UpdateSecretAsync(StoreId, SecretId, new SecretUpdate { Comment = "rotated" });

            Assert.That(secret, Is.EqualTo(Canned.SecretModel(comment: "rotated")));
        }

        private static IEnumerable<TestCaseData> Updates()
        {
            yield return new TestCaseData(new SecretUpdate { Value = "new-value" }, """{"value":"new-value"}""")
                .SetArgDisplayNames("value only");
            yield return new TestCaseData(
                    new SecretUpdate { Scopes = [SecretScopes.Workers, SecretScopes.Dex] },
                    """{"scopes":["workers","dex"]}""")
                .SetArgDisplayNames("scopes only");
            yield return new TestCaseData(new SecretUpdate { Comment = "rotated" }, """{"comment":"rotated"}""")
                .SetArgDisplayNames("comment only");
            yield return new TestCaseData(new SecretUpdate { Comment = string.Empty }, """{"comment":""}""")
                .SetArgDisplayNames("comment cleared");
            yield return new TestCaseData(
                new SecretUpdate { Value = "new-value", Scopes = [SecretScopes.AiGateway], Comment = "rotated" },
                """{"value":"new-value","scopes":["ai_gateway"],"comment":"rotated"}""").SetArgDisplayNames("all three");
        }
    }

    public class TheDuplicateSecretAsyncMethod
    {
        [Test]
        public async Task PostsTheNewNameAndScopesToTheDuplicatePath()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(Canned.Secret(id: "copy1", name: "MY_API_KEY_COPY", scopes: ["workers"], comment: null)));
            SecretsStoreClient client = fake.CreateClient();
            string storeId = StoreId, secretId = SecretId;

            Secret copy = await client.DuplicateSecretAsync(storeId, secretId, "MY_API_KEY_COPY", [SecretScopes.Workers]);

            Assert.That(fake.SingleRequest.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.SecretsUrl($"/{SecretId}/duplicate")));
            fake.SingleRequest.AssertJsonBody("""{"name":"MY_API_KEY_COPY","scopes":["workers"]}""");
            Assert.That(copy, Is.EqualTo(Canned.SecretModel(id: "copy1", name: "MY_API_KEY_COPY", scopes: ["workers"], comment: null)));
        }

        [Test]
        public async Task SendsTheCommentWhenGiven()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(Canned.Secret(name: "MY_API_KEY_COPY")));

            await fake.CreateClient().DuplicateSecretAsync(
                StoreId,
                SecretId,
                "MY_API_KEY_COPY",
                [SecretScopes.Workers, SecretScopes.AiGateway],
                comment: "copy for AI");

            fake.SingleRequest.AssertJsonBody("""{"name":"MY_API_KEY_COPY","scopes":["workers","ai_gateway"],"comment":"copy for AI"}""");
        }
    }

    public class TheDeleteSecretAsyncMethod
    {
        [Test]
        public async Task SendsDeleteToTheSecretPathAndAcceptsTheAsynchronous202()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(null), HttpStatusCode.Accepted);

            await fake.CreateClient().DeleteSecretAsync(StoreId, SecretId);

            Assert.That(fake.SingleRequest.Method, Is.EqualTo(HttpMethod.Delete));
            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.SecretsUrl("/" + SecretId)));
            Assert.That(fake.SingleRequest.Body, Is.Null);
        }
    }

    public class TheDeleteSecretsAsyncMethod
    {
        [Test]
        public async Task SendsTheIdsAsAJsonObjectInOneDelete()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(null), HttpStatusCode.Accepted);

            await fake.CreateClient().DeleteSecretsAsync(StoreId, ["id1", "id2", SecretId]);

            Assert.That(fake.SingleRequest.Method, Is.EqualTo(HttpMethod.Delete));
            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.SecretsUrl()));
            fake.SingleRequest.AssertJsonBody($$"""{"ids":["id1","id2","{{SecretId}}"]}""");
        }
    }
}
