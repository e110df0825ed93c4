using System.Net;
using CloudflareSecrets.Tests.Facade.Support;
using CloudflareSecrets.Tests.Workflows.Support;

namespace CloudflareSecrets.Tests.Workflows;

public class SetSecretTests
{
    private const string Store = FakeCloudflare.StoreId;
    private const string Sentinel = "SENTINEL-set-secret-7f3a";

    /// <summary>The requests sent, as method and the part of the URL after the store.</summary>
    private static string[] Sent(FakeCloudflare fake) =>
        [.. fake.Requests.Select(
            r => $"{r.Method} {r.Uri.PathAndQuery[(r.Uri.PathAndQuery.IndexOf(Store, StringComparison.Ordinal) + Store.Length + 1)..]}")];

    public class TheSetSecretAsyncMethod
    {
        [Test]
        public async Task UpdatesAnExistingNameWithOneSearchAndOnePatchThatSendsOnlyTheValue()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake);
            string id = store.Add("API_KEY");

            SetSecretResult result = await fake.CreateClient().SetSecretAsync(Store, "API_KEY", Sentinel);

            Assert.That(Sent(fake), Is.EqualTo(new[] { "GET secrets?page=1&per_page=100&search=API_KEY", $"PATCH secrets/{id}" }));
            fake.Requests[1].AssertJsonBody($$"""{"value":"{{Sentinel}}"}""");
            Assert.That(result.Action, Is.EqualTo(SecretWriteAction.Updated));
            Assert.That(result.Secret.Id, Is.EqualTo(id));
            Assert.That(store.ValueOf("API_KEY"), Is.EqualTo(Sentinel));
        }

        [Test]
        public async Task CreatesAMissingNameWithOneSearchAndOneCreateScopedToWorkersByDefault()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake);
            store.Add("API_KEY_OLD");

            SetSecretResult result = await fake.CreateClient().SetSecretAsync(Store, "API_KEY", Sentinel);

            Assert.That(Sent(fake), Is.EqualTo(new[] { "GET secrets?page=1&per_page=100&search=API_KEY", "POST secrets" }));
            fake.Requests[1].AssertJsonBody($$"""[{"name":"API_KEY","value":"{{Sentinel}}","scopes":["workers"]}]""");
            Assert.That(result.Action, Is.EqualTo(SecretWriteAction.Created));
        }

        [Test]
        public async Task AppliesTheGivenScopesAndCommentOnUpdate()
        {
            using var fake = new FakeCloudflare();
            new ScriptedStore(fake).Add("API_KEY");

            await fake.CreateClient().SetSecretAsync(
                Store, "API_KEY", Sentinel, new SetSecretOptions { Scopes = [SecretScopes.AiGateway], Comment = "rotated" });

            fake.Requests[1].AssertJsonBody($$"""{"value":"{{Sentinel}}","scopes":["ai_gateway"],"comment":"rotated"}""");
        }

        [Test]
        public async Task FindsTheNameBeyondTheFirstPageOfSearchResults()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake);
            for (int i = 0; i < 120; i++)
            {
                store.Add($"API_KEY_{i:D3}");
            }

            string id = store.Add("API_KEY");

            SetSecretResult result = await fake.CreateClient().SetSecretAsync(Store, "API_KEY", Sentinel);

            Assert.That(Sent(fake), Is.EqualTo(new[]
            {
                "GET secrets?page=1&per_page=100&search=API_KEY",
                "GET secrets?page=2&per_page=100&search=API_KEY",
                $"PATCH secrets/{id}",
            }));
            Assert.That(result.Action, Is.EqualTo(SecretWriteAction.Updated));
        }

        [TestCase(HttpStatusCode.BadRequest, 1003, "secret_name_already_exists: API_KEY", TestName = "AsCloudflareAnswersIt (400, 1003)")]
        [TestCase(HttpStatusCode.Conflict, 1004, "secret_name_conflict", TestName = "AsAConflict (409)")]
        public async Task ACreateThatMeetsANameTakenMeanwhileFindsAndUpdatesIt(HttpStatusCode status, int code, string message)
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake);
            Func<string?> raced = store.CreateFirstMeanwhile("API_KEY", status, code, message);

            SetSecretResult result = await fake.CreateClient().SetSecretAsync(Store, "API_KEY", Sentinel);

            Assert.That(Sent(fake), Is.EqualTo(new[]
            {
                "GET secrets?page=1&per_page=100&search=API_KEY",
                "POST secrets",
                "GET secrets?page=1&per_page=100&search=API_KEY",
                $"PATCH secrets/{raced()}",
            }));
            Assert.That(result.Action, Is.EqualTo(SecretWriteAction.Updated));
            Assert.That(store.ValueOf("API_KEY"), Is.EqualTo(Sentinel));
        }

        [Test]
        public async Task AnUpdateWhoseSecretWasDeletedMeanwhileCreatesIt()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake);
            store.Add("API_KEY");
            store.Before = (method, _) =>
            {
                if (method == HttpMethod.Patch)
                {
                    store.Remove("API_KEY");
                }

                return null;
            };

            SetSecretResult result = await fake.CreateClient().SetSecretAsync(Store, "API_KEY", Sentinel);

            Assert.That(Sent(fake).Select(s => s.Split(' ')[0]), Is.EqualTo(new[] { "GET", "PATCH", "POST" }));
            Assert.That(result.Action, Is.EqualTo(SecretWriteAction.Created));
            Assert.That(store.ValueOf("API_KEY"), Is.EqualTo(Sentinel));
        }

        [Test]
        public void AMissingStoreIsReportedAndNotAnsweredWithACreate()
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake);
            store.Add("API_KEY");
            store.Before = (method, _) => method == HttpMethod.Patch
                ? ScriptedStore.Failure(HttpStatusCode.NotFound, 1001, "store_not_found")
                : null;

            Assert.That(() => fake.CreateClient().SetSecretAsync(Store, "API_KEY", Sentinel), Throws.TypeOf<CloudflareNotFoundException>());
            Assert.That(Sent(fake).Select(s => s.Split(' ')[0]), Is.EqualTo(new[] { "GET", "PATCH" }));
        }

        [TestCase(false, "GET POST GET PATCH POST", TestName = "ARaceThatNeverEndsGivesUpAfterThreeWrites (starting with a create)")]
        [TestCase(true, "GET PATCH POST GET PATCH", TestName = "ARaceThatNeverEndsGivesUpAfterThreeWrites (starting with an update)")]
        public void ARaceThatNeverEndsGivesUpAfterThreeWrites(bool nameExists, string sent)
        {
            using var fake = new FakeCloudflare();
            var store = new ScriptedStore(fake);
            if (nameExists)
            {
                store.Add("API_KEY");
            }

            store.Before = (method, _) =>
            {
                // Another client that creates the name before each create and deletes it before each update.
                if (method == HttpMethod.Post)
                {
                    store.Add("API_KEY");
                }
                else if (method == HttpMethod.Patch)
                {
                    store.Remove("API_KEY");
                }

                return null;
            };

            CloudflareApiException? failure = Assert.CatchAsync<CloudflareApiException>(
                () => fake.CreateClient().SetSecretAsync(Store, "API_KEY", Sentinel));

            // The third round's failure: a conflict when it was a create, the secret gone when it was an update.
            Assert.That(
                failure,
                nameExists
                    ? Is.TypeOf<CloudflareNotFoundException>()
                    : Is.TypeOf<CloudflareValidationException>().Or.TypeOf<CloudflareConflictException>());
            Assert.That(string.Join(' ', Sent(fake).Select(s => s.Split(' ')[0])), Is.EqualTo(sent));
        }

        [Test]
        public void ChecksItsArgumentsItselfBeforeCallingTheClient()
        {
            // Any ISecretsStoreClient (a decorator, a test double) gets only valid calls: the workflow does not rely on the
            // client to check what it is given.
            ISecretsStoreClient client = CallCounter.Create(out CallCounter calls);

            Assert.That(
                () => ((ISecretsStoreClient)null!).SetSecretAsync(Store, "API_KEY", Sentinel),
                Throws.ArgumentNullException.With.Property("ParamName").EqualTo("client"));
            Assert.That(
                () => client.SetSecretAsync("bad/store", "API_KEY", Sentinel),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("storeId"));
            Assert.That(
                () => client.SetSecretAsync(Store, "API KEY", Sentinel),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("name"));
            Assert.That(
                () => client.SetSecretAsync(Store, "API_KEY", string.Empty),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("value"));
            Assert.That(
                () => client.SyncSecretsAsync("bad/store", [new("A", Sentinel)]),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("storeId"));
            Assert.That(
                () => ((ISecretsStoreClient)null!).GetOrCreateStoreAsync(),
                Throws.ArgumentNullException.With.Property("ParamName").EqualTo("client"));
            Assert.That(calls.Count, Is.Zero, "nothing reached the client");
        }

        [TestCase("", Sentinel, "name", "A name must not be empty")]
        [TestCase("API KEY", Sentinel, "name", "found U+0020 at position 3")]
        [TestCase("API_KEY", "", "value", "A secret value must not be empty")]
        public void RejectsBadInputBeforeSendingAnything(string name, string value, string parameter, string rule)
        {
            using var fake = new FakeCloudflare();

            ArgumentException? e = Assert.CatchAsync<ArgumentException>(() => fake.CreateClient().SetSecretAsync(Store, name, value));

            Assert.That(e!.ParamName, Is.EqualTo(parameter));
            Assert.That(e.Message, Does.Contain(rule));
            Assert.That(fake.Requests, Is.Empty);
        }

        [Test]
        public void RejectsAValueOver64KiBWithItsSizeAndNotItsContent()
        {
            using var fake = new FakeCloudflare();
            string value = Sentinel + new string('x', SecretsStoreLimits.MaxValueBytes);

            ArgumentException? e = Assert.CatchAsync<ArgumentException>(() => fake.CreateClient().SetSecretAsync(Store, "API_KEY", value));

            Assert.That(e!.ParamName, Is.EqualTo("value"));
            Assert.That(e.Message, Does.Contain("at most 65,536 bytes").And.Contain($"{value.Length:N0} bytes").And.Not.Contain(Sentinel));
            Assert.That(fake.Requests, Is.Empty);
        }

        [Test]
        public void RejectsANullValueAndEmptyScopesBeforeSendingAnything()
        {
            using var fake = new FakeCloudflare();
            SecretsStoreClient client = fake.CreateClient();

            Assert.That(
                () => client.SetSecretAsync(Store, "API_KEY", null!),
                Throws.ArgumentNullException.With.Property("ParamName").EqualTo("value"));
            Assert.That(
                () => client.SetSecretAsync(Store, "API_KEY", Sentinel, new SetSecretOptions { Scopes = [] }),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("options.Scopes"));
            Assert.That(fake.Requests, Is.Empty);
        }

        [Test]
        public async Task TheResultNeverShowsTheValue()
        {
            using var fake = new FakeCloudflare();
            new ScriptedStore(fake);

            SetSecretResult result = await fake.CreateClient().SetSecretAsync(Store, "API_KEY", Sentinel);

            Assert.That(result.ToString(), Does.Contain("API_KEY").And.Not.Contain(Sentinel));
        }
    }
}
