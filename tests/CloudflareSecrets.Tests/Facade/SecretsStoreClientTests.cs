using System.Net;
using CloudflareSecrets.Tests.Facade.Support;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.Facade;

public class SecretsStoreClientTests
{
    public class TheConstructor
    {
        [TestCaseSource(typeof(OptionsCases), nameof(OptionsCases.Invalid))]
        public void ThrowsArgumentExceptionNamingTheRuleForInvalidOptions(Action<SecretsStoreClientOptions> configure, string rule)
        {
            var options = new SecretsStoreClientOptions();
            configure(options);

            ArgumentException? exception = Assert.Throws<ArgumentException>(() => new SecretsStoreClient(options));

            Assert.That(exception!.ParamName, Is.EqualTo("options"));
            Assert.That(exception.Message, Does.StartWith("Invalid SecretsStoreClientOptions: ").And.Contain(rule));
        }

        [Test]
        public void ListsEveryProblemInOneMessage()
        {
            var options = new SecretsStoreClientOptions
            {
                Email = "me@example.com",
                BaseUrl = new Uri("http://api.cloudflare.com/client/v4/"),
                CreateBatchSize = 0,
            };

            ArgumentException? exception = Assert.Throws<ArgumentException>(() => new SecretsStoreClient(options));

            Assert.That(exception!.Message, Is.EqualTo(
                "Invalid SecretsStoreClientOptions: Email is set without ApiKey: the account email needs the global API key. "
                + "BaseUrl must use https unless its host is loopback (credentials would travel in clear text); "
                + "the host is 'api.cloudflare.com'. "
                + "CreateBatchSize must be from 1 to 100; it is 0. (Parameter 'options')"));
        }

        [TestCaseSource(typeof(OptionsCases), nameof(OptionsCases.LoopbackBaseUrls))]
        public async Task AcceptsPlainHttpToALoopbackEmulator(string baseUrl)
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(Canned.Store()));
            SecretsStoreClient client = fake.CreateClient(o => o.BaseUrl = new Uri(baseUrl));

            await client.GetStoreAsync(FakeCloudflare.StoreId);

            Assert.That(
                fake.SingleRequest.Url,
                Is.EqualTo($"{baseUrl}accounts/{FakeCloudflare.AccountId}/secrets_store/stores/{FakeCloudflare.StoreId}"));
        }

        [Test]
        public void ThrowsArgumentNullExceptionForNullArguments()
        {
            using var http = new HttpClient();

            Assert.That(() => new SecretsStoreClient(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("options"));
            Assert.That(
                () => new SecretsStoreClient(null!, http),
                Throws.ArgumentNullException.With.Property("ParamName").EqualTo("options"));
            Assert.That(
                () => new SecretsStoreClient(null!, http, null),
                Throws.ArgumentNullException.With.Property("ParamName").EqualTo("options"));
        }

        [Test]
        public async Task CopiesTheOptionsSoLaterChangesHaveNoEffect()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(Canned.Store()));
            var options = new SecretsStoreClientOptions { ApiToken = "first-token", AccountId = FakeCloudflare.AccountId };
            var client = new SecretsStoreClient(options, fake.CreateHttpClient());

            options.ApiToken = "second-token";
            options.AccountId = FakeCloudflare.OtherAccountId;
            options.BaseUrl = new Uri("https://elsewhere.example/client/v4/");
            await client.GetStoreAsync(FakeCloudflare.StoreId);

            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.StoreUrl()));
            Assert.That(fake.SingleRequest.Header("Authorization"), Is.EqualTo("Bearer first-token"));
        }

        [Test]
        public async Task SendsToTheOptionsBaseUrlWhateverTheHttpClientBaseAddressSays()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(Canned.Store()));
            HttpClient http = fake.CreateHttpClient();
            http.BaseAddress = new Uri("https://wrong.example/");
            var client = new SecretsStoreClient(
                new SecretsStoreClientOptions
                {
                    ApiToken = "t",
                    AccountId = FakeCloudflare.AccountId,
                    BaseUrl = new Uri("https://emulator.example/client/v4"),
                },
                http);

            await client.GetStoreAsync(FakeCloudflare.StoreId);

            Assert.That(
                fake.SingleRequest.Url,
                Is.EqualTo(
                    $"https://emulator.example/client/v4/accounts/{FakeCloudflare.AccountId}/secrets_store/"
                    + $"stores/{FakeCloudflare.StoreId}"));
        }
    }

    public class EveryOperation
    {
        [TestCaseSource(typeof(Operations), nameof(Operations.Cases))]
        public async Task SendsItsMethodAndUrlAndAcceptsItsSuccessAnswer(Operation operation)
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(operation.SuccessBody, operation.SuccessStatus);

            await operation.Invoke(fake.CreateClient(), null, CancellationToken.None);

            Assert.That(fake.SingleRequest.Method, Is.EqualTo(operation.Method));
            Assert.That(fake.SingleRequest.Url, Is.EqualTo(operation.UrlFor(FakeCloudflare.AccountId)));
            Assert.That(fake.SingleRequest.Header("Accept"), Is.EqualTo("application/json"));
        }

        [TestCaseSource(typeof(Operations), nameof(Operations.Cases))]
        public async Task SendsAnApiTokenAsABearerTokenAndNoGlobalKeyHeaders(Operation operation)
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(operation.SuccessBody, operation.SuccessStatus);

            await operation.Invoke(fake.CreateClient(), null, CancellationToken.None);

            Assert.That(fake.SingleRequest.Header("Authorization"), Is.EqualTo("Bearer " + FakeCloudflare.ApiToken));
            Assert.That(
                fake.SingleRequest.HeaderNames,
                Has.None.EqualTo("X-Auth-Email").IgnoreCase.And.None.EqualTo("X-Auth-Key").IgnoreCase);
        }

        [TestCaseSource(typeof(Operations), nameof(Operations.Cases))]
        public async Task SendsEmailAndGlobalKeyAndNoAuthorizationHeader(Operation operation)
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(operation.SuccessBody, operation.SuccessStatus);
            SecretsStoreClient client = fake.CreateClient(o =>
            {
                o.ApiToken = null;
                o.Email = "me@example.com";
                o.ApiKey = "global-key-123";
            });

            await operation.Invoke(client, null, CancellationToken.None);

            Assert.That(fake.SingleRequest.Header("X-Auth-Email"), Is.EqualTo("me@example.com"));
            Assert.That(fake.SingleRequest.Header("X-Auth-Key"), Is.EqualTo("global-key-123"));
            Assert.That(fake.SingleRequest.HeaderNames, Has.None.EqualTo("Authorization").IgnoreCase);
        }

        [TestCaseSource(typeof(Operations), nameof(Operations.Cases))]
        public async Task SendsToTheAccountPassedInsteadOfTheDefault(Operation operation)
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(operation.SuccessBody, operation.SuccessStatus);

            await operation.Invoke(fake.CreateClient(), FakeCloudflare.OtherAccountId, CancellationToken.None);

            Assert.That(fake.SingleRequest.Url, Is.EqualTo(operation.UrlFor(FakeCloudflare.OtherAccountId)));
        }

        [TestCaseSource(typeof(Operations), nameof(Operations.Cases))]
        public async Task NeedsNoDefaultAccountWhenTheCallNamesOne(Operation operation)
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(operation.SuccessBody, operation.SuccessStatus);

            await operation.Invoke(fake.CreateClient(o => o.AccountId = null), FakeCloudflare.OtherAccountId, CancellationToken.None);

            Assert.That(fake.SingleRequest.Url, Is.EqualTo(operation.UrlFor(FakeCloudflare.OtherAccountId)));
        }

        [TestCaseSource(typeof(Operations), nameof(Operations.Cases))]
        public void MapsA404ToNotFound(Operation operation)
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Failure(1003, "not found"), HttpStatusCode.NotFound, headers: ("CF-Ray", "8f00aa11bb22cc33-EWR"));

            CloudflareNotFoundException? exception = Assert.ThrowsAsync<CloudflareNotFoundException>(
                () => operation.Invoke(fake.CreateClient(), null, CancellationToken.None));

            Assert.That(exception!.Errors, Is.EqualTo(new[] { new CloudflareError(1003, "not found") }));
            Assert.That(exception.RayId, Is.EqualTo("8f00aa11bb22cc33-EWR"));
            // The message names the request that failed: FindSecretByName sends a ListSecrets search, and CreateSecret
            // a CreateSecrets request of one.
            string request = operation.Name switch
            {
                "FindSecretByNameAsync" => "ListSecrets",
                "CreateSecretAsync" => "CreateSecrets",
                _ => operation.Name[..^"Async".Length],
            };
            Assert.That(exception.Message, Does.StartWith($"{request} failed: HTTP 404"));
        }

        [TestCaseSource(typeof(Operations), nameof(Operations.Cases))]
        public void PassesNetworkFailuresThroughAsHttpRequestException(Operation operation)
        {
            using var fake = new FakeCloudflare();
            fake.Mock.When("*").Throw(new HttpRequestException("connection refused"));

            Assert.ThrowsAsync<HttpRequestException>(() => operation.Invoke(fake.CreateClient(), null, CancellationToken.None));
        }

        [TestCaseSource(typeof(Operations), nameof(Operations.Cases))]
        public void ThrowsOperationCanceledWhenTheTokenIsAlreadyCanceled(Operation operation)
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(operation.SuccessBody, operation.SuccessStatus);
            using var cancellation = new CancellationTokenSource();
            cancellation.Cancel();

            Assert.CatchAsync<OperationCanceledException>(() => operation.Invoke(fake.CreateClient(), null, cancellation.Token));
            Assert.That(fake.Requests, Is.Empty, "a call cancelled before it starts sends nothing");
        }
    }
}
