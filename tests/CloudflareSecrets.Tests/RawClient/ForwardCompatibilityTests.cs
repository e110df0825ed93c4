using System.Net;
using CloudflareSecrets.Generated;

namespace CloudflareSecrets.Tests.RawClient;

/// <summary>
/// Cloudflare adds scopes, statuses and fields over time: a response that holds values this client has never
/// heard of must still parse (the overlay keeps scopes and status open strings for exactly this).
/// </summary>
public static class ForwardCompatibilityTests
{
    private static string FutureSecret(string extra = "") => $$"""
        {
          "id": "{{Examples.SecretId}}", "store_id": "{{Examples.StoreId}}", "name": "{{Examples.SecretName}}",
          "scopes": [ "workers", "quantum_relay" ], "status": "archived",
          "created": "{{Examples.Timestamp}}", "modified": "{{Examples.Timestamp}}"{{extra}}
        }
        """;

    public class AnUnknownScopeOrStatus
    {
        [Test]
        public async Task ParsesInASecret_KeepingTheUnknownValues()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.Envelope(FutureSecret()));

            SecretsStore_secret_response response = await api.Client.SecretsStoreGetByIdAsync(
                Examples.AccountId, Examples.StoreId, Examples.SecretId);

            Assert.That(response.Result!.Scopes, Is.EqualTo(new[] { "workers", "quantum_relay" }));
            Assert.That(response.Result.Status, Is.EqualTo("archived"));
        }

        [Test]
        public async Task ParsesInAListOfSecrets()
        {
            using var api = new RawClientHarness(
                HttpStatusCode.OK, Examples.Envelope($"[ {FutureSecret()}, {Examples.Secret} ]", Examples.ResultInfo));

            SecretsStore_secrets_response_collection response = await api.Client.SecretsStoreSecretsListAsync(
                Examples.AccountId, Examples.StoreId);

            Assert.That(response.Result!.Select(s => s.Status), Is.EqualTo(new[] { "archived", "active" }));
        }

        [Test]
        public async Task CanBeSentAsAFilter()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.Envelope("[]"));

            await api.Client.SecretsStoreSecretsListAsync(Examples.AccountId, Examples.StoreId, scopes: ["quantum_relay"]);

            Assert.That(api.Request.Uri.Query, Is.EqualTo("?scopes=quantum_relay"));
        }
    }

    public class AnUnknownField
    {
        [Test]
        public async Task ParsesAndIsKeptAsAnAdditionalProperty()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, Examples.Envelope(FutureSecret(""", "rotation": { "days": 30 }""")));

            SecretsStore_secret_response response = await api.Client.SecretsStoreGetByIdAsync(
                Examples.AccountId, Examples.StoreId, Examples.SecretId);

            Assert.That(response.Result!.AdditionalProperties.Keys, Is.EqualTo(new[] { "rotation" }));
        }

        [Test]
        public async Task InTheEnvelopeParses()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, """
                {
                  "success": true, "errors": [], "messages": [],
                  "result": { "secrets": { "quota": 100, "usage": 7 }, "stores": { "quota": 1, "usage": 1 } }, "trace_id": "abc"
                }
                """);

            SecretsStore_quota_response response = await api.Client.SecretsStoreQuotaAsync(Examples.AccountId);

            Assert.That(response.Result!.Secrets.Usage, Is.EqualTo(7));
            Assert.That(response.AdditionalProperties.Keys, Is.EqualTo(new[] { "trace_id" }));
        }
    }
}
