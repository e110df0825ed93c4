using System.Net;
using System.Text.Json;
using CloudflareSecrets.Emulator.Tests.Support;

namespace CloudflareSecrets.Emulator.Tests;

public class SecretOperationsTests
{
    public class TheCreateOperation : EmulatorTest
    {
        [Test]
        public async Task ReturnsEveryCreatedSecretWithoutItsValue()
        {
            string storeId = await CreateStoreAsync();

            ApiResponse response = await PostAsync(Accounts($"stores/{storeId}/secrets"), new object[]
            {
                Secret("API_KEY", "value-number-one", ["workers", "ai_gateway"], "info about my secret"),
                Secret("OTHER_KEY", "value-number-two"),
            });

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
            SpecSchema.AssertConforms("secrets-store-secret-create", response);
            AssertNoValue(response, "value-number-one");
            AssertNoValue(response, "value-number-two");
            JsonElement first = response.Result[0];
            Assert.Multiple(() =>
            {
                Assert.That(response.Result.GetArrayLength(), Is.EqualTo(2));
                Assert.That(first.GetProperty("id").GetString(), Does.Match("^[0-9a-f]{32}$"));
                Assert.That(first.GetProperty("name").GetString(), Is.EqualTo("API_KEY"));
                Assert.That(first.GetProperty("store_id").GetString(), Is.EqualTo(storeId));
                Assert.That(first.GetProperty("status").GetString(), Is.EqualTo("active"));
                // Sorted whatever the request's order, as the real API answers (terraform-provider-cloudflare's acceptance test).
                Assert.That(
                    first.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "ai_gateway", "workers" }));
                Assert.That(first.GetProperty("comment").GetString(), Is.EqualTo("info about my secret"));
                // An unset comment is null, not left out, as the real API answers (alchemy-run/distilled live tests).
                Assert.That(response.Result[1].GetProperty("comment").ValueKind, Is.EqualTo(JsonValueKind.Null));
            });
        }

        [Test]
        public async Task StoresTheValue()
        {
            string storeId = await CreateStoreAsync();

            string secretId = await CreateSecretAsync(storeId, "API_KEY", "the-stored-value");

            Assert.That(Emulator.TryGetSecretValue(AccountId, storeId, secretId, out string? value), Is.True);
            Assert.That(value, Is.EqualTo("the-stored-value"));
        }

        [Test]
        public async Task AcceptsAValueOfExactly65536Bytes()
        {
            string storeId = await CreateStoreAsync();
            string value = new string('é', 32_768); // two UTF-8 bytes each

            ApiResponse response = await PostAsync(Accounts($"stores/{storeId}/secrets"), new[] { Secret("BIG", value) });

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
            AssertNoValue(response, value);
        }

        [Test]
        public async Task RejectsAValueOf65537BytesAndCreatesNothing()
        {
            string storeId = await CreateStoreAsync();
            string value = new string('x', 65_537);

            ApiResponse response = await PostAsync(
                Accounts($"stores/{storeId}/secrets"), new[] { Secret("FINE", "small"), Secret("TOO_BIG", value) });

            AssertKnown(response, SecretsStoreKnownErrors.SecretValueTooLong);
            SpecSchema.AssertConforms("secrets-store-secret-create", response);
            Assert.That(response.ErrorMessages, Is.EqualTo(new[] { "secret_value_too_long" }), "only the over-long value is reported");
            Assert.That(response.Body, Does.Not.Contain("xxxxxxxx"), "the value is never echoed");
            Assert.That(
                response.Json.GetProperty("errors")[0].GetProperty("source").GetProperty("pointer").GetString(), Is.EqualTo("/1/value"));
            await AssertSecretCountAsync(storeId, 0);
        }

        [TestCase("""[{"name":"A","value":"v","scopes":[]}]""", "secret_scopes_empty", TestName = "RejectsEmptyScopes")]
        [TestCase("""[{"name":"A","value":"v"}]""", "secret_scopes_empty", TestName = "RejectsMissingScopes")]
        [TestCase(
            """[{"name":"A","value":"v","scopes":["workers","durable_objects"]}]""",
            "secret_scope_invalid",
            TestName = "RejectsAnUnknownScope")]
        [TestCase("""[{"name":"A","value":"v","scopes":[""]}]""", "secret_scope_invalid", TestName = "RejectsABlankScope")]
        [TestCase("""[{"name":"A","value":"v","scopes":"workers"}]""", null, TestName = "RejectsScopesThatAreNotAnArray")]
        [TestCase("""[{"name":"","value":"v","scopes":["workers"]}]""", "secret_name_empty", TestName = "RejectsAnEmptyName")]
        [TestCase("""[{"name":"   ","value":"v","scopes":["workers"]}]""", "secret_name_empty", TestName = "RejectsAWhitespaceName")]
        [TestCase("""[{"name":"MY KEY","value":"v","scopes":["workers"]}]""", null, TestName = "RejectsANameWithASpace")]
        [TestCase("""[{"value":"v","scopes":["workers"]}]""", null, TestName = "RejectsAMissingName")]
        [TestCase("""[{"name":"A","scopes":["workers"]}]""", null, TestName = "RejectsAMissingValue")]
        [TestCase("""[{"name":"A","value":7,"scopes":["workers"]}]""", null, TestName = "RejectsANonStringValue")]
        [TestCase("""[]""", null, TestName = "RejectsAnEmptyBatch")]
        [TestCase("""{"name":"A","value":"v","scopes":["workers"]}""", "invalid_json_body", TestName = "RejectsAnObjectInsteadOfAnArray")]
        [TestCase(
            """[{"name":"OK","value":"v","scopes":["workers"]}, "not an object"]""",
            null,
            TestName = "RejectsABatchWithANonObjectItem")]
        public async Task RejectsAnInvalidBodyAndCreatesNothing(string body, string? token)
        {
            string storeId = await CreateStoreAsync();

            ApiResponse response = await SendRawAsync(HttpMethod.Post, Accounts($"stores/{storeId}/secrets"), body);

            if (token is null)
            {
                AssertFailure(response, HttpStatusCode.BadRequest, EmulatorErrorCodes.ValidationFailed);
            }
            else
            {
                AssertKnown(response, SecretsStoreKnownErrors.All.Single(r => r.Token == token));
            }

            await AssertSecretCountAsync(storeId, 0);
        }

        [Test]
        public async Task ReportsEveryProblemOfTheBatchAtOnce()
        {
            string storeId = await CreateStoreAsync();

            ApiResponse response = await SendRawAsync(
                HttpMethod.Post,
                Accounts($"stores/{storeId}/secrets"),
                """[{"name":"","value":"v","scopes":["workers"]},{"name":"B","value":"v","scopes":[]}]""");

            IEnumerable<string?> pointers = response.Json.GetProperty("errors").EnumerateArray()
                .Select(error => error.GetProperty("source").GetProperty("pointer").GetString());
            Assert.That(pointers, Is.EquivalentTo(new[] { "/0/name", "/1/scopes" }));
        }

        [Test]
        public async Task RejectsANameThatExistsInTheStoreAndCreatesNothing()
        {
            string storeId = await CreateStoreAsync();
            await CreateSecretAsync(storeId, "TAKEN");

            ApiResponse response = await PostAsync(Accounts($"stores/{storeId}/secrets"), new[] { Secret("NEW_ONE"), Secret("TAKEN") });

            AssertKnown(response, SecretsStoreKnownErrors.SecretNameAlreadyExists);
            await AssertSecretCountAsync(storeId, 1);
        }

        [Test]
        public async Task RejectsANameGivenTwiceInOneBatch()
        {
            string storeId = await CreateStoreAsync();

            ApiResponse response = await PostAsync(Accounts($"stores/{storeId}/secrets"), new[] { Secret("TWICE"), Secret("TWICE") });

            AssertKnown(response, SecretsStoreKnownErrors.SecretNameAlreadyExists);
            await AssertSecretCountAsync(storeId, 0);
        }

        [Test]
        public async Task AnswersNotFoundForAnUnknownStore()
        {
            ApiResponse response = await PostAsync(Accounts("stores/023e105f4ecef8ad9ca31a8372d0c353/secrets"), new[] { Secret("A") });

            AssertKnown(response, SecretsStoreKnownErrors.StoreNotFound);
        }

        private async Task AssertSecretCountAsync(string storeId, int expected)
        {
            ApiResponse list = await GetAsync(Accounts($"stores/{storeId}/secrets"));
            Assert.That(list.ResultInfo.GetProperty("total_count").GetInt32(), Is.EqualTo(expected), "secrets in the store");
        }
    }

    public class TheSecretQuota : EmulatorTest
    {
        protected override EmulatorOptions CreateEmulatorOptions() => new() { MaxSecretsPerAccount = 3 };

        [Test]
        public async Task RefusesABatchThatWouldExceedTheQuotaAndCreatesNothing()
        {
            string storeId = await CreateStoreAsync();
            await CreateSecretsAsync(storeId, Secret("A"), Secret("B"));

            ApiResponse response = await PostAsync(Accounts($"stores/{storeId}/secrets"), new[] { Secret("C"), Secret("D") });

            AssertKnown(response, SecretsStoreKnownErrors.MaximumSecretsExceeded);
            Assert.That(response.ErrorMessages[0], Is.EqualTo("maximum_secrets_exceeded: max 3"));
            ApiResponse quota = await GetAsync(Accounts("quota"));
            Assert.That(quota.Result.GetProperty("secrets").GetProperty("usage").GetInt32(), Is.EqualTo(2));
        }

        [Test]
        public async Task AcceptsABatchThatReachesTheQuotaExactly()
        {
            string storeId = await CreateStoreAsync();

            ApiResponse response = await PostAsync(Accounts($"stores/{storeId}/secrets"), new[] { Secret("A"), Secret("B"), Secret("C") });

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
        }

        [Test]
        public async Task AppliesToDuplicates()
        {
            string storeId = await CreateStoreAsync();
            IReadOnlyList<string> ids = await CreateSecretsAsync(storeId, Secret("A"), Secret("B"), Secret("C"));

            ApiResponse response = await PostAsync(
                Accounts($"stores/{storeId}/secrets/{ids[0]}/duplicate"), new { name = "A_COPY", scopes = new[] { "workers" } });

            AssertKnown(response, SecretsStoreKnownErrors.MaximumSecretsExceeded);
        }

        [Test]
        public async Task IsFreedByDeletes()
        {
            string storeId = await CreateStoreAsync();
            IReadOnlyList<string> ids = await CreateSecretsAsync(storeId, Secret("A"), Secret("B"), Secret("C"));
            await DeleteAsync(Accounts($"stores/{storeId}/secrets/{ids[0]}"));

            ApiResponse response = await PostAsync(Accounts($"stores/{storeId}/secrets"), new[] { Secret("D") });

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
        }
    }

    public class TheGetOperation : EmulatorTest
    {
        [Test]
        public async Task ReturnsTheSecretWithoutItsValue()
        {
            string storeId = await CreateStoreAsync();
            string secretId = await CreateSecretAsync(storeId, "API_KEY", "do-not-return-me", ["workers", "dex"], "note");

            ApiResponse response = await GetAsync(Accounts($"stores/{storeId}/secrets/{secretId}"));

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
            SpecSchema.AssertConforms("secrets-store-get-by-id", response);
            AssertNoValue(response, "do-not-return-me");
            Assert.That(response.Result.GetProperty("id").GetString(), Is.EqualTo(secretId));
            Assert.That(response.Result.GetProperty("comment").GetString(), Is.EqualTo("note"));
        }

        [Test]
        public async Task AnswersNotFoundForAnUnknownSecret()
        {
            string storeId = await CreateStoreAsync();

            ApiResponse response = await GetAsync(Accounts($"stores/{storeId}/secrets/3fd85f74b32742f1bff64a85009dda07"));

            AssertKnown(response, SecretsStoreKnownErrors.SecretNotFound);
            SpecSchema.AssertConforms("secrets-store-get-by-id", response);
        }

        [Test]
        public async Task AnswersNotFoundForAnUnknownStore()
        {
            ApiResponse response = await GetAsync(
                Accounts("stores/023e105f4ecef8ad9ca31a8372d0c353/secrets/3fd85f74b32742f1bff64a85009dda07"));

            AssertKnown(response, SecretsStoreKnownErrors.StoreNotFound);
        }
    }

    public class ThePatchOperation : EmulatorTest
    {
        protected override EmulatorOptions CreateEmulatorOptions() => new() { TimeProvider = clock };

        private readonly ManualClock clock = new();

        [Test]
        public async Task UpdatesValueScopesAndCommentAndTheModifiedTime()
        {
            string storeId = await CreateStoreAsync();
            string secretId = await CreateSecretAsync(storeId, "API_KEY", "old-value", ["workers"], "old comment");
            clock.Advance(TimeSpan.FromMinutes(3));

            ApiResponse response = await PatchAsync(
                Accounts($"stores/{storeId}/secrets/{secretId}"),
                new { value = "new-value", scopes = new[] { "ai_gateway", "access" }, comment = "new comment" });

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
            SpecSchema.AssertConforms("secrets-store-patch-by-id", response);
            AssertNoValue(response, "new-value");
            JsonElement secret = response.Result;
            Assert.Multiple(() =>
            {
                Assert.That(
                    secret.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()),
                    Is.EqualTo(new[] { "access", "ai_gateway" }),
                    "sorted");
                Assert.That(secret.GetProperty("comment").GetString(), Is.EqualTo("new comment"));
                Assert.That(secret.GetProperty("name").GetString(), Is.EqualTo("API_KEY"));
                Assert.That(secret.GetProperty("modified").GetString(), Is.Not.EqualTo(secret.GetProperty("created").GetString()));
                Assert.That(
                    Emulator.TryGetSecretValue(AccountId, storeId, secretId, out string? value) ? value : null, Is.EqualTo("new-value"));
            });
        }

        [Test]
        public async Task LeavesFieldsItDoesNotNameUnchanged()
        {
            string storeId = await CreateStoreAsync();
            string secretId = await CreateSecretAsync(storeId, "API_KEY", "kept-value", ["workers"], "kept comment");

            ApiResponse response = await PatchAsync(Accounts($"stores/{storeId}/secrets/{secretId}"), new { comment = "only the comment" });

            Assert.That(response.Result.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "workers" }));
            Assert.That(
                Emulator.TryGetSecretValue(AccountId, storeId, secretId, out string? value) ? value : null, Is.EqualTo("kept-value"));
        }

        [Test]
        public async Task RejectsEmptyScopes()
        {
            string storeId = await CreateStoreAsync();
            string secretId = await CreateSecretAsync(storeId, "API_KEY");

            ApiResponse response = await PatchAsync(
                Accounts($"stores/{storeId}/secrets/{secretId}"), new { scopes = Array.Empty<string>() });

            AssertKnown(response, SecretsStoreKnownErrors.SecretScopesEmpty);
        }

        [Test]
        public async Task RejectsATooLargeValueAndKeepsTheOldOne()
        {
            string storeId = await CreateStoreAsync();
            string secretId = await CreateSecretAsync(storeId, "API_KEY", "old-value");

            ApiResponse response = await PatchAsync(
                Accounts($"stores/{storeId}/secrets/{secretId}"), new { value = new string('v', 65_537) });

            AssertKnown(response, SecretsStoreKnownErrors.SecretValueTooLong);
            Assert.That(
                Emulator.TryGetSecretValue(AccountId, storeId, secretId, out string? value) ? value : null, Is.EqualTo("old-value"));
        }

        [Test]
        public async Task AnswersNotFoundForAnUnknownSecret()
        {
            string storeId = await CreateStoreAsync();

            ApiResponse response = await PatchAsync(
                Accounts($"stores/{storeId}/secrets/3fd85f74b32742f1bff64a85009dda07"), new { comment = "x" });

            AssertKnown(response, SecretsStoreKnownErrors.SecretNotFound);
        }
    }

    public class TheDuplicateOperation : EmulatorTest
    {
        [Test]
        public async Task CreatesANewSecretWithTheSameValue()
        {
            string storeId = await CreateStoreAsync();
            string sourceId = await CreateSecretAsync(storeId, "ORIGINAL", "shared-value", ["workers"], "original comment");

            ApiResponse response = await PostAsync(
                Accounts($"stores/{storeId}/secrets/{sourceId}/duplicate"),
                new { name = "COPY", scopes = new[] { "ai_gateway" }, comment = "copied" });

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
            SpecSchema.AssertConforms("secrets-store-duplicate-by-id", response);
            AssertNoValue(response, "shared-value");
            JsonElement copy = response.Result;
            string copyId = copy.GetProperty("id").GetString()!;
            Assert.Multiple(() =>
            {
                Assert.That(copyId, Is.Not.EqualTo(sourceId));
                Assert.That(copy.GetProperty("name").GetString(), Is.EqualTo("COPY"));
                Assert.That(copy.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "ai_gateway" }));
                Assert.That(copy.GetProperty("comment").GetString(), Is.EqualTo("copied"));
                Assert.That(
                    Emulator.TryGetSecretValue(AccountId, storeId, copyId, out string? value) ? value : null, Is.EqualTo("shared-value"));
            });
        }

        [Test]
        public async Task RejectsANameThatExists()
        {
            string storeId = await CreateStoreAsync();
            IReadOnlyList<string> ids = await CreateSecretsAsync(storeId, Secret("ORIGINAL"), Secret("TAKEN"));

            ApiResponse response = await PostAsync(
                Accounts($"stores/{storeId}/secrets/{ids[0]}/duplicate"), new { name = "TAKEN", scopes = new[] { "workers" } });

            AssertKnown(response, SecretsStoreKnownErrors.SecretNameAlreadyExists);
        }

        [TestCase("""{"name":"COPY"}""", "secret_scopes_empty")]
        [TestCase("""{"name":"COPY","scopes":[]}""", "secret_scopes_empty")]
        [TestCase("""{"name":"COPY","scopes":["not_a_service"]}""", "secret_scope_invalid")]
        [TestCase("""{"name":"","scopes":["workers"]}""", "secret_name_empty")]
        [TestCase("""{"scopes":["workers"]}""", null)]
        public async Task RejectsAMissingNameOrScopes(string body, string? token)
        {
            string storeId = await CreateStoreAsync();
            string sourceId = await CreateSecretAsync(storeId, "ORIGINAL");

            ApiResponse response = await SendRawAsync(HttpMethod.Post, Accounts($"stores/{storeId}/secrets/{sourceId}/duplicate"), body);

            if (token is null)
            {
                AssertFailure(response, HttpStatusCode.BadRequest, EmulatorErrorCodes.ValidationFailed);
            }
            else
            {
                AssertKnown(response, SecretsStoreKnownErrors.All.Single(r => r.Token == token));
            }
        }

        [Test]
        public async Task AnswersNotFoundForAnUnknownSource()
        {
            string storeId = await CreateStoreAsync();

            ApiResponse response = await PostAsync(
                Accounts($"stores/{storeId}/secrets/3fd85f74b32742f1bff64a85009dda07/duplicate"),
                new { name = "COPY", scopes = new[] { "workers" } });

            AssertKnown(response, SecretsStoreKnownErrors.SecretNotFound);
        }
    }

    public class TheDeleteOperation : EmulatorTest
    {
        [Test]
        public async Task AnswersAcceptedWithANullResultAndRemovesTheSecret()
        {
            string storeId = await CreateStoreAsync();
            string secretId = await CreateSecretAsync(storeId, "GONE");

            ApiResponse response = await DeleteAsync(Accounts($"stores/{storeId}/secrets/{secretId}"));

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Accepted), response.ToString);
            SpecSchema.AssertConforms("secrets-store-secret-delete-by-id", response);
            Assert.That(response.Json.GetProperty("result").ValueKind, Is.EqualTo(JsonValueKind.Null));
            ApiResponse get = await GetAsync(Accounts($"stores/{storeId}/secrets/{secretId}"));
            AssertKnown(get, SecretsStoreKnownErrors.SecretNotFound);
        }

        [Test]
        public async Task AnswersNotFoundForAnUnknownSecret()
        {
            string storeId = await CreateStoreAsync();

            ApiResponse response = await DeleteAsync(Accounts($"stores/{storeId}/secrets/3fd85f74b32742f1bff64a85009dda07"));

            AssertKnown(response, SecretsStoreKnownErrors.SecretNotFound);
        }
    }

    public class TheBulkDeleteOperation : EmulatorTest
    {
        [Test]
        public async Task DeletesTheNamedSecretsOnly()
        {
            string storeId = await CreateStoreAsync();
            IReadOnlyList<string> ids = await CreateSecretsAsync(storeId, Secret("A"), Secret("B"), Secret("C"));

            ApiResponse response = await DeleteAsync(Accounts($"stores/{storeId}/secrets"), new { ids = new[] { ids[0], ids[2] } });

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Accepted), response.ToString);
            SpecSchema.AssertConforms("secrets-store-delete-bulk", response);
            Assert.That(Emulator.TryGetSecretValue(AccountId, storeId, ids[0], out _), Is.False);
            Assert.That(Emulator.TryGetSecretValue(AccountId, storeId, ids[1], out _), Is.True);
            Assert.That(Emulator.TryGetSecretValue(AccountId, storeId, ids[2], out _), Is.False);
        }

        [Test]
        public async Task RejectsARequestWithoutABody()
        {
            string storeId = await CreateStoreAsync();
            await CreateSecretAsync(storeId, "A");

            ApiResponse response = await DeleteAsync(Accounts($"stores/{storeId}/secrets"));

            AssertKnown(response, SecretsStoreKnownErrors.InvalidJsonBody);
            SpecSchema.AssertConforms("secrets-store-delete-bulk", response);
        }

        [TestCase("{}")]
        [TestCase("""{"ids":[]}""")]
        [TestCase("""{"ids":"3fd85f74b32742f1bff64a85009dda07"}""")]
        public async Task RejectsMissingEmptyOrMalformedIds(string body)
        {
            string storeId = await CreateStoreAsync();

            ApiResponse response = await SendRawAsync(HttpMethod.Delete, Accounts($"stores/{storeId}/secrets"), body);

            AssertFailure(response, HttpStatusCode.BadRequest, EmulatorErrorCodes.ValidationFailed);
        }

        // An id no secret can have (empty, over 32 characters) is an unknown id like any other, as path ids are on the
        // real API (alchemy-run/distilled live tests): nothing is deleted.
        [TestCase("")]
        [TestCase("3fd85f74b32742f1bff64a85009dda07ff")]
        [TestCase("00000000-0000-0000-0000-000000000000")]
        public async Task AnIdNoSecretCanHaveIsNotFound(string id)
        {
            string storeId = await CreateStoreAsync();
            IReadOnlyList<string> kept = await CreateSecretsAsync(storeId, Secret("A"));

            ApiResponse response = await SendRawAsync(
                HttpMethod.Delete, Accounts($"stores/{storeId}/secrets"), JsonSerializer.Serialize(new { ids = new[] { kept[0], id } }));

            AssertKnown(response, SecretsStoreKnownErrors.SecretNotFound);
            Assert.That(
                response.Json.GetProperty("errors")[0].GetProperty("source").GetProperty("pointer").GetString(), Is.EqualTo("/ids/1"));
            Assert.That((await GetAsync(Accounts($"stores/{storeId}/secrets/{kept[0]}"))).Status, Is.EqualTo(HttpStatusCode.OK));
        }

        [Test]
        public async Task DeletesNothingWhenAnIdIsUnknown()
        {
            string storeId = await CreateStoreAsync();
            IReadOnlyList<string> ids = await CreateSecretsAsync(storeId, Secret("A"));

            ApiResponse response = await DeleteAsync(
                Accounts($"stores/{storeId}/secrets"), new { ids = new[] { ids[0], "3fd85f74b32742f1bff64a85009dda07" } });

            AssertKnown(response, SecretsStoreKnownErrors.SecretNotFound);
            Assert.That(response.ErrorPointers, Is.EqualTo(new[] { "/ids/1" }), "the unknown id is named by its place in ids");
            Assert.That(Emulator.TryGetSecretValue(AccountId, storeId, ids[0], out _), Is.True);
        }
    }
}
