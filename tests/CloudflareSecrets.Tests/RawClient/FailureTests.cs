using System.Net;
using CloudflareSecrets.Generated;
using Newtonsoft.Json;

namespace CloudflareSecrets.Tests.RawClient;

/// <summary>
/// How the generated raw client reports a failure: what the facade's error mapping is built on. Every status the
/// spec does not list as success throws, with the status and, when the body is Cloudflare's envelope, its errors.
/// </summary>
public static class FailureTests
{
    private static readonly Dictionary<string, Func<SecretsStoreRawClient, Task>> Operations = new()
    {
        ["secrets-store-quota"] = c => c.SecretsStoreQuotaAsync(Examples.AccountId),
        ["secrets-store-list"] = c => c.SecretsStoreListAsync(Examples.AccountId),
        ["secrets-store-create"] = c => c.SecretsStoreCreateAsync(
            Examples.AccountId, new SecretsStore_createStoreObject { Name = Examples.StoreName }),
        ["secrets-store-get-store-by-id"] = c => c.SecretsStoreGetStoreByIdAsync(Examples.AccountId, Examples.StoreId),
        ["secrets-store-delete-by-id"] = c => c.SecretsStoreDeleteByIdAsync(Examples.AccountId, Examples.StoreId),
        ["secrets-store-secrets-list"] = c => c.SecretsStoreSecretsListAsync(Examples.AccountId, Examples.StoreId),
        ["secrets-store-secret-create"] = c => c.SecretsStoreSecretCreateAsync(Examples.AccountId, Examples.StoreId,
            [new SecretsStore_createSecretObject { Name = Examples.SecretName, Value = Examples.SecretValue }]),
        ["secrets-store-delete-bulk"] = c => c.SecretsStoreDeleteBulkAsync(
            Examples.AccountId, Examples.StoreId, new SecretsStore_deleteSecretsRequest { Ids = [Examples.SecretId] }),
        ["secrets-store-get-by-id"] = c => c.SecretsStoreGetByIdAsync(Examples.AccountId, Examples.StoreId, Examples.SecretId),
        ["secrets-store-patch-by-id"] = c => c.SecretsStorePatchByIdAsync(
            Examples.AccountId, Examples.StoreId, Examples.SecretId, new SecretsStore_patchSecretObject { Comment = "x" }),
        ["secrets-store-secret-delete-by-id"] = c => c.SecretsStoreSecretDeleteByIdAsync(
            Examples.AccountId, Examples.StoreId, Examples.SecretId),
        ["secrets-store-duplicate-by-id"] = c => c.SecretsStoreDuplicateByIdAsync(Examples.AccountId, Examples.StoreId, Examples.SecretId,
            new SecretsStore_duplicateSecretObject { Name = "COPY" }),
    };

    private static IEnumerable<string> OperationIds => Operations.Keys;

    private const string NotFound = """
        {
          "success": false,
          "errors": [
            {
              "code": 10001, "message": "secret not found",
              "documentation_url": "https://developers.cloudflare.com/secrets-store/", "source": { "pointer": "/secret_id" }
            }
          ],
          "messages": [ { "code": 10100, "message": "see the docs" } ],
          "result": null
        }
        """;

    public class AnErrorEnvelope
    {
        [Test]
        public void CoversEveryOperationOfTheSpec()
        {
            Assert.That(Operations.Keys, Has.Count.EqualTo(12));
        }

        [TestCaseSource(typeof(FailureTests), nameof(OperationIds))]
        public void ThrowsTheTypedExceptionWithTheStatusAndTheParsedErrors(string operationId)
        {
            using var api = new RawClientHarness(HttpStatusCode.NotFound, NotFound);

            SecretsStoreRawException<SecretsStore_apiResponseCommonFailure>? exception =
                Assert.ThrowsAsync<SecretsStoreRawException<SecretsStore_apiResponseCommonFailure>>(
                    () => Operations[operationId](api.Client));

            Assert.That(exception.StatusCode, Is.EqualTo(404));
            Assert.That(exception.Result.Success, Is.False);
            Assert.That(exception.Result.Errors, Has.Count.EqualTo(1));
            ResponseMessage error = exception.Result.Errors.Single();
            Assert.That(error.Code, Is.EqualTo(10001));
            Assert.That(error.Message, Is.EqualTo("secret not found"));
            Assert.That(error.Documentation_url, Is.EqualTo("https://developers.cloudflare.com/secrets-store/"));
            Assert.That(error.Source?.Pointer, Is.EqualTo("/secret_id"));
            Assert.That(exception.Result.Messages.Select(m => (m.Code, m.Message)), Is.EqualTo(new[] { (10100, "see the docs") }));
        }

        [TestCase(HttpStatusCode.BadRequest)]
        [TestCase(HttpStatusCode.Unauthorized)]
        [TestCase(HttpStatusCode.Forbidden)]
        [TestCase(HttpStatusCode.Conflict)]
        [TestCase(HttpStatusCode.UnprocessableEntity)]
        [TestCase(HttpStatusCode.TooManyRequests)]
        [TestCase(HttpStatusCode.InternalServerError)]
        [TestCase(HttpStatusCode.ServiceUnavailable)]
        public void ThrowsTheTypedException_ForAnyStatusTheSpecDoesNotList(HttpStatusCode status)
        {
            using var api = new RawClientHarness(status, NotFound);

            SecretsStoreRawException<SecretsStore_apiResponseCommonFailure>? exception =
                Assert.ThrowsAsync<SecretsStoreRawException<SecretsStore_apiResponseCommonFailure>>(
                    () => api.Client.SecretsStoreQuotaAsync(Examples.AccountId));

            Assert.That(exception.StatusCode, Is.EqualTo((int)status));
            Assert.That(exception.Result.Errors.Single().Code, Is.EqualTo(10001));
        }

        [Test]
        public void KeepsTheResponseHeaders_ForTheRayIdAndRetryAfter()
        {
            using var api = new RawClientHarness(HttpStatusCode.TooManyRequests, NotFound);

            SecretsStoreRawException<SecretsStore_apiResponseCommonFailure>? exception =
                Assert.ThrowsAsync<SecretsStoreRawException<SecretsStore_apiResponseCommonFailure>>(
                    () => api.Client.SecretsStoreQuotaAsync(Examples.AccountId));

            Assert.That(exception.Headers["Content-Type"], Is.EqualTo(new[] { "application/json; charset=utf-8" }));
        }

        [Test]
        public void OnANonEmptyStoreDelete_Is409WithTheSpecsConflictMessage()
        {
            using var api = new RawClientHarness(HttpStatusCode.Conflict, """
                { "success": false, "errors": [ { "code": 10002, "message": "store_not_empty" } ], "messages": [], "result": null }
                """);

            SecretsStoreRawException<SecretsStore_apiResponseCommonFailure>? exception =
                Assert.ThrowsAsync<SecretsStoreRawException<SecretsStore_apiResponseCommonFailure>>(
                    () => api.Client.SecretsStoreDeleteByIdAsync(Examples.AccountId, Examples.StoreId));

            Assert.That(exception.StatusCode, Is.EqualTo(409));
            Assert.That(exception.Message, Is.EqualTo("Store is not empty. Use force=true to cascade-delete all secrets."));
            Assert.That(exception.Result.Errors.Single().Message, Is.EqualTo("store_not_empty"));
        }

        [Test]
        public void NeverPutsTheResponseBodyInTheMessage()
        {
            using var api = new RawClientHarness(HttpStatusCode.NotFound, NotFound);

            SecretsStoreRawException<SecretsStore_apiResponseCommonFailure>? exception =
                Assert.ThrowsAsync<SecretsStoreRawException<SecretsStore_apiResponseCommonFailure>>(
                    () => api.Client.SecretsStoreQuotaAsync(Examples.AccountId));

            Assert.That(exception.Message, Does.Not.Contain("secret not found"));
        }
    }

    public class ABodyThatIsNotTheEnvelope
    {
        [Test]
        public void StillThrowsWithTheStatus_WhenItIsAnHtmlPage()
        {
            using var api = new RawClientHarness(HttpStatusCode.BadGateway, "text/html", "<html><body>502 Bad Gateway</body></html>");

            SecretsStoreRawException? exception = Assert.ThrowsAsync<SecretsStoreRawException>(
                () => api.Client.SecretsStoreQuotaAsync(Examples.AccountId));

            Assert.That(exception, Is.TypeOf<SecretsStoreRawException>());
            Assert.That(exception.StatusCode, Is.EqualTo(502));
            Assert.That(exception.InnerException, Is.InstanceOf<JsonException>());
            Assert.That(exception.Message, Does.Not.Contain("Bad Gateway"));
        }

        [Test]
        public void StillThrowsWithTheStatus_WhenItIsEmpty()
        {
            using var api = new RawClientHarness(HttpStatusCode.ServiceUnavailable, string.Empty);

            SecretsStoreRawException? exception = Assert.ThrowsAsync<SecretsStoreRawException>(
                () => api.Client.SecretsStoreGetByIdAsync(Examples.AccountId, Examples.StoreId, Examples.SecretId));

            Assert.That(exception, Is.TypeOf<SecretsStoreRawException>());
            Assert.That(exception.StatusCode, Is.EqualTo(503));
        }
    }

    public class ASuccessStatusWithSuccessFalse
    {
        [Test]
        public async Task IsReturnedAsIs_SoTheFacadeMustCheckSuccess()
        {
            using var api = new RawClientHarness(HttpStatusCode.OK, NotFound);

            SecretsStore_secret_response response = await api.Client.SecretsStoreGetByIdAsync(
                Examples.AccountId, Examples.StoreId, Examples.SecretId);

            Assert.That(response.Success, Is.False);
            Assert.That(response.Errors.Single().Code, Is.EqualTo(10001));
            Assert.That(response.Result, Is.Null);
        }
    }
}
