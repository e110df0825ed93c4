using System.Globalization;
using System.Net;
using CloudflareSecrets.Generated;
using CloudflareSecrets.Internal;
using CloudflareSecrets.Tests.Facade.Support;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>
/// The whole text of an exception's message, per kind of failure: the operation, the status and its name, Cloudflare's
/// errors (at most five), why a body gave no errors, and the CF-Ray id, in that order and nothing else.
/// </summary>
public class ErrorMessageTests
{
    private const string RayId = "8f00aa11bb22cc33-EWR";

    private static readonly string Ray = $" (CF-Ray {RayId})";

    public static IEnumerable<TestCaseData> Failures()
    {
        yield return Case("a 4xx whose body is not JSON", HttpStatusCode.NotFound, "<html><body>Not Found</body></html>", "text/html",
            "GetSecret failed: HTTP 404 NotFound: the response had no Cloudflare errors array" + Ray + ".");
        yield return Case("a status .NET has no name for", (HttpStatusCode)418, string.Empty, "application/json",
            "GetSecret failed: HTTP 418: the response had no Cloudflare errors array" + Ray + ".");
        yield return Case("a 3xx, which is not a success", (HttpStatusCode)300, string.Empty, "application/json",
            $"GetSecret failed: HTTP 300 {(HttpStatusCode)300}: the response had no Cloudflare errors array" + Ray + ".");
        yield return Case(
            "a 4xx with two errors",
            HttpStatusCode.BadRequest,
            Canned.Failure([Canned.Error(10001, "name is invalid"), Canned.Error(10002, "scopes are invalid")]),
            "application/json",
            "GetSecret failed: HTTP 400 BadRequest: [10001] name is invalid; [10002] scopes are invalid" + Ray + ".");
        yield return Case("a 4xx with exactly five errors", HttpStatusCode.BadRequest, Canned.Failure(Numbered(5)), "application/json",
            "GetSecret failed: HTTP 400 BadRequest: [10001] error 1; [10002] error 2; [10003] error 3; [10004] error 4; "
            + "[10005] error 5" + Ray + ".");
        yield return Case("a 4xx with six errors", HttpStatusCode.BadRequest, Canned.Failure(Numbered(6)), "application/json",
            "GetSecret failed: HTTP 400 BadRequest: [10001] error 1; [10002] error 2; [10003] error 3; [10004] error 4; "
            + "[10005] error 5; and 1 more" + Ray + ".");
        yield return Case(
            "a 2xx saying success: false with an error",
            HttpStatusCode.OK,
            Canned.Failure([Canned.Error(10001, "internal validation failed")]),
            "application/json",
            "GetSecret failed: HTTP 200 OK: [10001] internal validation failed (the response said success: false)" + Ray + ".");
        yield return Case("a 2xx saying success: false without errors", HttpStatusCode.OK, Canned.Failure([]), "application/json",
            "GetSecret failed: HTTP 200 OK: the response said success: false" + Ray + ".");
        yield return Case("a 2xx whose body is not JSON", HttpStatusCode.OK, "<html><body>OK</body></html>", "text/html",
            "GetSecret failed: HTTP 200 OK: the response could not be read as the documented JSON envelope "
            + "(invalid JSON at line 0, position 0)" + Ray + ".");
        yield return Case("a 2xx with an empty body", HttpStatusCode.OK, string.Empty, "application/json",
            "GetSecret failed: HTTP 200 OK: the response could not be read as the documented JSON envelope (no body)" + Ray + ".");
        yield return Case(
            "a 2xx whose result has the wrong type",
            HttpStatusCode.OK,
            """{"success":true,"errors":[],"messages":[],"result":"a string"}""",
            "application/json",
            "GetSecret failed: HTTP 200 OK: the response could not be read as the documented JSON envelope "
            + "(unexpected JSON at 'result')" + Ray + ".");
        yield return Case(
            "a 2xx whose result has a null where a value is required",
            HttpStatusCode.OK,
            """{"success":true,"errors":[],"messages":[],"result":"""
            + """{"id":"6a8e5ae4f4e84e1a9e3b0a7c1f2d3e4a","name":null,"store_id":"9a8e5ae4f4e84e1a9e3b0a7c1f2d3e4b"}}""",
            "application/json",
            "GetSecret failed: HTTP 200 OK: the response could not be read as the documented JSON envelope "
            + "(unexpected JSON at 'result.name')" + Ray + ".");
        yield return Case("a 2xx whose whole body has the wrong type", HttpStatusCode.OK, "\"a string\"", "application/json",
            "GetSecret failed: HTTP 200 OK: the response could not be read as the documented JSON envelope (unexpected JSON)" + Ray + ".");
    }

    [TestCaseSource(nameof(Failures))]
    public void TheMessageNamesTheOperationStatusErrorsReasonAndRayInOrder(
        HttpStatusCode status,
        string body,
        string mediaType,
        string expected)
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(body, status, mediaType, ("CF-Ray", RayId));

        CloudflareApiException? exception = Assert.CatchAsync<CloudflareApiException>(
            () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

        Assert.That(exception!.Message, Is.EqualTo(expected));
    }

    [Test]
    public void WithoutACfRayTheMessageEndsAfterTheErrors()
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(Canned.Failure(10001, "name is invalid"), HttpStatusCode.BadRequest);

        CloudflareValidationException? exception = Assert.ThrowsAsync<CloudflareValidationException>(
            () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

        Assert.That(exception!.Message, Is.EqualTo("GetSecret failed: HTTP 400 BadRequest: [10001] name is invalid."));
    }

    [Test]
    public void AnErrorMessageOfExactly300CharactersIsKeptWhole_OneMoreIsClipped()
    {
        string exact = new('x', 300);
        string longer = new('y', 301);
        using var fake = new FakeCloudflare();
        fake.AnswerAll(Canned.Failure([Canned.Error(10001, exact), Canned.Error(10002, longer)]), HttpStatusCode.BadRequest);

        CloudflareValidationException? exception = Assert.ThrowsAsync<CloudflareValidationException>(
            () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

        Assert.That(exception!.Errors[0].Message, Is.EqualTo(exact));
        Assert.That(exception.Errors[1].Message, Is.EqualTo(new string('y', 300) + "…"));
    }

    [Test]
    public void AnErrorWithoutAMessageHasAnEmptyOne()
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll("""{"success":false,"errors":[{"code":10001}],"messages":[],"result":null}""", HttpStatusCode.BadRequest);

        CloudflareValidationException? exception = Assert.ThrowsAsync<CloudflareValidationException>(
            () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

        Assert.That(exception!.Errors, Is.EqualTo(new[] { new CloudflareError(10001, string.Empty) }));
    }

    [Test]
    public void ATypedFailureWhoseErrorsAndMessagesAreNullMapsToNone()
    {
        // Deserialized bodies never hold a null list (the reader refuses one); the mapper still takes any it is handed.
        var failure = new SecretsStore_apiResponseCommonFailure { Errors = null!, Messages = null! };
        var raw = new SecretsStoreRawException<SecretsStore_apiResponseCommonFailure>(
            "raw", 400, "{}", new Dictionary<string, IEnumerable<string>>(), failure, null);

        CloudflareApiException exception = ErrorMapper.FromRaw(raw, "GetSecret", null);

        Assert.That(exception, Is.TypeOf<CloudflareValidationException>());
        Assert.That(exception.Errors, Is.Empty);
        Assert.That(exception.Messages, Is.Empty);
        Assert.That(exception.Message, Is.EqualTo("GetSecret failed: HTTP 400 BadRequest: the response had no Cloudflare errors array."));
    }

    [Test]
    public void ASuccessStatusThatCouldNotBeReadForAnotherReasonNamesTheKindOfFailure()
    {
        // The generated code wraps only JSON failures; any other cause is named by its type, never by its message.
        var raw = new SecretsStoreRawException(
            "raw", 200, "{}", new Dictionary<string, IEnumerable<string>>(), new InvalidOperationException("may quote the body"));

        CloudflareApiException exception = ErrorMapper.FromRaw(raw, "GetSecret", null);

        Assert.That(
            exception.Message,
            Is.EqualTo(
                "GetSecret failed: HTTP 200 OK: the response could not be read as the documented JSON envelope "
                + "(InvalidOperationException)."));
    }

    /// <summary>A body the generated code refuses (a null <c>success</c>) is read leniently; these pin that reader.</summary>
    public class ABodyOnlyTheLenientReaderTakes
    {
        [Test]
        public void YieldsItsErrorsWithTheirLinksAndItsMessages_AnEntryWithoutAMessageHasAnEmptyOne()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(
                """{"success":null,"errors":[{"code":10001},"""
                + """{"code":10002,"message":"scopes are invalid","documentation_url":"https://developers.cloudflare.com/"""
                + """secrets-store/"}],"messages":[{"code":10100,"message":"see the documentation"}],"result":null}""",
                HttpStatusCode.BadRequest);

            CloudflareValidationException? exception = Assert.ThrowsAsync<CloudflareValidationException>(
                () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

            Assert.That(
                exception!.Errors,
                Is.EqualTo(new[]
                {
                    new CloudflareError(10001, string.Empty),
                    new CloudflareError(10002, "scopes are invalid", "https://developers.cloudflare.com/secrets-store/"),
                }));
            Assert.That(exception.Messages, Is.EqualTo(new[] { new CloudflareError(10100, "see the documentation") }));
        }

        [Test]
        public void StopsReadingABodyNestedDeeperThan32Levels_TheStatusAloneDecides()
        {
            // A 404 with a known token is "not found" either way; a 400 with secret_not_found would be not-found by
            // meaning only if the errors were read, so the exception's type shows whether the reader gave up.
            string deep = new string('[', 40) + new string(']', 40);
            string body = $$"""{"success":null,"errors":[{"code":1001,"message":"secret_not_found"}],"messages":[],"result":{{deep}}}""";
            using var fake = new FakeCloudflare();
            fake.AnswerAll(body, HttpStatusCode.BadRequest);

            CloudflareValidationException? exception = Assert.ThrowsAsync<CloudflareValidationException>(
                () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

            Assert.That(exception!.Errors, Is.Empty);
        }

        [Test]
        public void ReadsABodyNested32LevelsDeep()
        {
            // The envelope is level 1 and "result" opens level 2: 30 more arrays reach the reader's limit of 32 exactly.
            string deep = new string('[', 31) + new string(']', 31);
            string body = $$"""{"success":null,"errors":[{"code":1001,"message":"secret_not_found"}],"messages":[],"result":{{deep}}}""";
            using var fake = new FakeCloudflare();
            fake.AnswerAll(body, HttpStatusCode.BadRequest);

            CloudflareNotFoundException? exception = Assert.ThrowsAsync<CloudflareNotFoundException>(
                () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

            Assert.That(exception!.Errors, Is.EqualTo(new[] { new CloudflareError(1001, "secret_not_found") }));
        }
    }

    private static JObject[] Numbered(int count) =>
        Enumerable.Range(1, count)
            .Select(i => Canned.Error(10000 + i, string.Create(CultureInfo.InvariantCulture, $"error {i}")))
            .ToArray();

    private static TestCaseData Case(string name, HttpStatusCode status, string body, string mediaType, string expected) =>
        new TestCaseData(status, body, mediaType, expected).SetArgDisplayNames(name);
}
