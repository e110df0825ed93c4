using System.Net;
using CloudflareSecrets.Emulator.Tests.Support;

namespace CloudflareSecrets.Emulator.Tests;

/// <summary>
/// <see cref="EmulatorOptions.PendingDuration"/> and <see cref="EmulatorOptions.DeleteDelay"/>, both off by default. The real
/// service was seen to answer a create with pending (cloudflare/workers-sdk#9354); a deleted phase was never observed (a
/// deleted secret is gone at once in live tests), so the delete delay is an opt-in for testing slow deletes, not fidelity.
/// </summary>
public class AsynchronousLifecycleTests
{
    public class ByDefault : EmulatorTest
    {
        [Test]
        public async Task MakesANewSecretActiveAndADeleteTakeEffectAtOnce()
        {
            string storeId = await CreateStoreAsync();
            ApiResponse created = await PostAsync(Accounts($"stores/{storeId}/secrets"), new[] { Secret("A") });
            string secretId = created.Result[0].GetProperty("id").GetString()!;

            ApiResponse delete = await DeleteAsync(Accounts($"stores/{storeId}/secrets/{secretId}"));
            ApiResponse after = await GetAsync(Accounts($"stores/{storeId}/secrets/{secretId}"));

            Assert.Multiple(() =>
            {
                Assert.That(created.Result[0].GetProperty("status").GetString(), Is.EqualTo("active"));
                Assert.That(delete.Status, Is.EqualTo(HttpStatusCode.Accepted));
                Assert.That(after.Status, Is.EqualTo(HttpStatusCode.NotFound));
            });
        }
    }

    public class WithAPendingDurationAndADeleteDelay : EmulatorTest
    {
        private readonly ManualClock clock = new();

        protected override EmulatorOptions CreateEmulatorOptions() => new()
        {
            TimeProvider = clock,
            PendingDuration = TimeSpan.FromSeconds(5),
            DeleteDelay = TimeSpan.FromSeconds(10),
        };

        [Test]
        public async Task ShowsANewSecretAsPendingUntilTheDurationHasPassed()
        {
            string storeId = await CreateStoreAsync();
            ApiResponse created = await PostAsync(Accounts($"stores/{storeId}/secrets"), new[] { Secret("A") });
            string secretId = created.Result[0].GetProperty("id").GetString()!;

            clock.Advance(TimeSpan.FromSeconds(4.9));
            ApiResponse early = await GetAsync(Accounts($"stores/{storeId}/secrets/{secretId}"));
            clock.Advance(TimeSpan.FromSeconds(0.1));
            ApiResponse late = await GetAsync(Accounts($"stores/{storeId}/secrets/{secretId}"));

            Assert.Multiple(() =>
            {
                Assert.That(created.Result[0].GetProperty("status").GetString(), Is.EqualTo("pending"));
                Assert.That(early.Result.GetProperty("status").GetString(), Is.EqualTo("pending"));
                Assert.That(late.Result.GetProperty("status").GetString(), Is.EqualTo("active"));
            });
            SpecSchema.AssertConforms("secrets-store-get-by-id", early);
        }

        [Test]
        public async Task ShowsADuplicateAsPendingToo()
        {
            string storeId = await CreateStoreAsync();
            string sourceId = await CreateSecretAsync(storeId, "A");

            ApiResponse copy = await PostAsync(
                Accounts($"stores/{storeId}/secrets/{sourceId}/duplicate"), new { name = "B", scopes = new[] { "workers" } });

            Assert.That(copy.Result.GetProperty("status").GetString(), Is.EqualTo("pending"));
        }

        [Test]
        public async Task KeepsADeletedSecretReadingDeletedUntilTheDelayHasPassed()
        {
            string storeId = await CreateStoreAsync();
            string secretId = await CreateSecretAsync(storeId, "A");

            ApiResponse delete = await DeleteAsync(Accounts($"stores/{storeId}/secrets/{secretId}"));
            ApiResponse during = await GetAsync(Accounts($"stores/{storeId}/secrets/{secretId}"));
            ApiResponse retaken = await PostAsync(Accounts($"stores/{storeId}/secrets"), new[] { Secret("A") });
            ApiResponse again = await DeleteAsync(Accounts($"stores/{storeId}/secrets/{secretId}"));
            ApiResponse quotaDuring = await GetAsync(Accounts("quota"));
            clock.Advance(TimeSpan.FromSeconds(10));
            ApiResponse after = await GetAsync(Accounts($"stores/{storeId}/secrets/{secretId}"));
            ApiResponse quotaAfter = await GetAsync(Accounts("quota"));

            Assert.Multiple(() =>
            {
                Assert.That(delete.Status, Is.EqualTo(HttpStatusCode.Accepted));
                Assert.That(during.Result.GetProperty("status").GetString(), Is.EqualTo("deleted"));
                Assert.That(
                    retaken.ErrorMessages,
                    Is.EqualTo(new[] { "secret_name_already_exists: A" }),
                    "the name is held until the delete is done");
                Assert.That(again.Status, Is.EqualTo(HttpStatusCode.Accepted), "a repeated delete is accepted again");
                Assert.That(quotaDuring.Result.GetProperty("secrets").GetProperty("usage").GetInt32(), Is.EqualTo(1));
                Assert.That(after.Status, Is.EqualTo(HttpStatusCode.NotFound));
                Assert.That(quotaAfter.Result.GetProperty("secrets").GetProperty("usage").GetInt32(), Is.EqualTo(0));
            });
            AssertKnown(after, SecretsStoreKnownErrors.SecretNotFound);
            SpecSchema.AssertConforms("secrets-store-get-by-id", during);
        }

        [Test]
        public async Task FinishesABulkDeleteAfterTheDelay()
        {
            string storeId = await CreateStoreAsync();
            IReadOnlyList<string> ids = await CreateSecretsAsync(storeId, Secret("A"), Secret("B"));

            ApiResponse delete = await DeleteAsync(Accounts($"stores/{storeId}/secrets"), new { ids });
            ApiResponse during = await GetAsync(Accounts($"stores/{storeId}/secrets"));
            clock.Advance(TimeSpan.FromSeconds(10));
            ApiResponse after = await GetAsync(Accounts($"stores/{storeId}/secrets"));

            Assert.Multiple(() =>
            {
                Assert.That(delete.Status, Is.EqualTo(HttpStatusCode.Accepted));
                Assert.That(
                    during.Result.EnumerateArray().Select(s => s.GetProperty("status").GetString()),
                    Is.EqualTo(new[] { "deleted", "deleted" }));
                Assert.That(after.Result.GetArrayLength(), Is.Zero);
            });
        }

        [Test]
        public void RefusesANegativeDuration() =>
            Assert.That(
                async () => await SecretsStoreEmulator.StartAsync(new EmulatorOptions { DeleteDelay = TimeSpan.FromSeconds(-1) }),
                Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    public class WithOtherAcceptedScopes : EmulatorTest
    {
        protected override EmulatorOptions CreateEmulatorOptions()
        {
            var options = new EmulatorOptions();
            options.AcceptedScopes.Add("durable_objects");
            return options;
        }

        [Test]
        public async Task AcceptsAScopeAddedToTheOptions()
        {
            string storeId = await CreateStoreAsync();

            ApiResponse response = await PostAsync(
                Accounts($"stores/{storeId}/secrets"), new[] { Secret("A", scopes: ["durable_objects"]) });

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
        }

        [Test]
        public void AcceptsTheSixKnownScopesByDefault() =>
            Assert.That(
                new EmulatorOptions().AcceptedScopes,
                Is.EquivalentTo(new[] { "workers", "ai_gateway", "dex", "access", "containers", "websearch" }));
    }
}
