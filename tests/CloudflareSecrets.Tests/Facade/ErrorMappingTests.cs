using System.Globalization;
using System.Net;
using CloudflareSecrets.Tests.Facade.Support;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.Tests.Facade;

public class ErrorMappingTests
{
    /// <summary>Appears only in a response body, never in an error message: no exception text may contain it.</summary>
    private const string BodyOnlyMarker = "BODY-ONLY-MARKER-91c2";
    private const string RayId = "8f00aa11bb22cc33-EWR";

    private static readonly (HttpStatusCode Status, Type Exception)[] StatusMap =
    [
        (HttpStatusCode.BadRequest, typeof(CloudflareValidationException)),
        (HttpStatusCode.Unauthorized, typeof(CloudflareAuthenticationException)),
        (HttpStatusCode.Forbidden, typeof(CloudflareAuthorizationException)),
        (HttpStatusCode.NotFound, typeof(CloudflareNotFoundException)),
        (HttpStatusCode.Conflict, typeof(CloudflareConflictException)),
        (HttpStatusCode.UnprocessableEntity, typeof(CloudflareValidationException)),
        (HttpStatusCode.TooManyRequests, typeof(CloudflareRateLimitException)),
        (HttpStatusCode.InternalServerError, typeof(CloudflareServerException)),
        (HttpStatusCode.BadGateway, typeof(CloudflareServerException)),
        (HttpStatusCode.ServiceUnavailable, typeof(CloudflareServerException)),
        ((HttpStatusCode)418, typeof(CloudflareApiException)),
    ];

    private static readonly ErrorPayload[] Payloads =
    [
        new(
            "full envelope",
            "application/json",
            Canned.Failure(
                [
                    Canned.Error(10001, "name is invalid", "https://developers.cloudflare.com/secrets-store/", "/0/name"),
                    Canned.Error(10002, "scopes are invalid"),
                ],
                [Canned.Error(10100, "see the documentation")],
                extra: BodyOnlyMarker),
            [
                new CloudflareError(10001, "name is invalid", "https://developers.cloudflare.com/secrets-store/", "/0/name"),
                new CloudflareError(10002, "scopes are invalid"),
            ],
            [new CloudflareError(10100, "see the documentation")]),
        new(
            "envelope with code and message only",
            "application/json",
            """{"success":false,"errors":[{"code":7003,"message":"Could not route to /accounts"}],"messages":[],"result":"""
            + """null,"extra":"BODY-ONLY-MARKER-91c2"}""",
            [new CloudflareError(7003, "Could not route to /accounts")],
            []),
        new(
            "proxy HTML page",
            "text/html",
            $"<html><head><title>502 Bad Gateway</title></head><body><h1>{BodyOnlyMarker}</h1><hr>cloudflare</body></html>",
            [],
            []),
        new("empty body", "application/json", string.Empty, [], []),
        new("truncated JSON", "application/json", """{"success":false,"errors":[{"code":10001,"message":"BODY-ONLY-MARKER-91c2""", [], []),
        new("JSON array", "application/json", """["BODY-ONLY-MARKER-91c2"]""", [], []),
        new("JSON of another shape", "application/json", """{"error":"BODY-ONLY-MARKER-91c2"}""", [], []),
    ];

    public static IEnumerable<TestCaseData> StatusAndPayloadCases() =>
        from s in StatusMap
        from p in Payloads
        select new TestCaseData(s.Status, s.Exception, p)
            .SetArgDisplayNames(((int)s.Status).ToString(CultureInfo.InvariantCulture), p.Name);

    [TestCaseSource(nameof(StatusAndPayloadCases))]
    public void MapsEachStatusAndBodyToTheTypedExceptionWithCloudflaresDetails(
        HttpStatusCode status,
        Type expectedType,
        ErrorPayload payload)
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(payload.Body, status, payload.MediaType, ("CF-Ray", RayId));

        CloudflareApiException? exception = Assert.CatchAsync<CloudflareApiException>(
            () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

        Assert.That(exception, Is.TypeOf(expectedType));
        Assert.That(exception!.StatusCode, Is.EqualTo(status));
        Assert.That(exception.Errors, Is.EqualTo(payload.Errors));
        Assert.That(exception.Messages, Is.EqualTo(payload.Messages));
        Assert.That(exception.RayId, Is.EqualTo(RayId));
        Assert.That(exception.Message, Does.StartWith($"GetSecret failed: HTTP {(int)status}").And.Contain($"(CF-Ray {RayId})"));
        foreach (CloudflareError error in payload.Errors)
        {
            Assert.That(exception.Message, Does.Contain($"[{error.Code}] {error.Message}"));
        }

        Assert.That(exception.Message, Does.Not.Contain(BodyOnlyMarker).And.Not.Contain("<html"));
        Assert.That(exception.ToString(), Does.Not.Contain(BodyOnlyMarker).And.Not.Contain("<html"));
        Assert.That(exception.InnerException, Is.Null, "an inner exception could carry the body");
    }

    [Test]
    public void LeavesRayIdNullWhenTheResponseHasNone()
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(Canned.Failure(1003, "not found"), HttpStatusCode.NotFound);

        CloudflareNotFoundException? exception = Assert.ThrowsAsync<CloudflareNotFoundException>(
            () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

        Assert.That(exception!.RayId, Is.Null);
        Assert.That(exception.Message, Does.Not.Contain("CF-Ray"));
    }

    [Test]
    public void ExposesTheFirstErrorCodeAndLooksUpCodesAndMessages()
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(
            Canned.Failure([Canned.Error(10001, "Name is invalid"), Canned.Error(10002, "Scopes are invalid")]),
            HttpStatusCode.BadRequest);

        CloudflareValidationException? exception = Assert.ThrowsAsync<CloudflareValidationException>(
            () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

        Assert.That(exception!.ErrorCode, Is.EqualTo(10001));
        Assert.That(
            exception.Errors.Select(e => (e.Code, e.Message)),
            Is.EqualTo(new[] { (10001, "Name is invalid"), (10002, "Scopes are invalid") }));
    }

    [Test]
    public void NamesAtMostFiveErrorsAndClipsLongMessagesInTheExceptionMessage()
    {
        using var fake = new FakeCloudflare();
        JObject[] errors = Enumerable.Range(1, 7)
            .Select(i => Canned.Error(10000 + i, i == 1 ? new string('x', 1000) : $"error {i}"))
            .ToArray();
        fake.AnswerAll(Canned.Failure(errors), HttpStatusCode.BadRequest);

        CloudflareValidationException? exception = Assert.ThrowsAsync<CloudflareValidationException>(
            () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

        Assert.That(exception!.Errors, Has.Count.EqualTo(7));
        Assert.That(exception.Errors[0].Message, Has.Length.EqualTo(301).And.EndsWith("…"));
        Assert.That(exception.Message, Does.Contain("[10005] error 5").And.Not.Contain("[10006]").And.Contain("and 2 more"));
    }

    public class AnEnvelopeOfAnUnexpectedShape
    {
        [Test]
        public void StillYieldsItsErrorsArray_WhenAnotherFieldHasTheWrongType()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(
                """{"success":false,"errors":[{"code":1003,"message":"secret not found","source":"""
                + """{"pointer":"/id"}}],"messages":"not an array","result":null}""",
                HttpStatusCode.NotFound);

            CloudflareNotFoundException? exception = Assert.ThrowsAsync<CloudflareNotFoundException>(
                () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

            Assert.That(exception!.Errors, Is.EqualTo(new[] { new CloudflareError(1003, "secret not found", null, "/id") }));
            Assert.That(exception.Message, Does.Not.Contain("not an array"));
        }
    }

    public class TheConflictException
    {
        [TestCase("store_not_empty")]
        [TestCase("Store is not empty. Use force=true to cascade-delete all secrets.")]
        public void SaysStoreNotEmptyForANonEmptyStore(string message)
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Failure(1000, message), HttpStatusCode.Conflict);

            CloudflareConflictException? exception = Assert.ThrowsAsync<CloudflareConflictException>(
                () => fake.CreateClient().DeleteStoreAsync(FakeCloudflare.StoreId));

            Assert.That(exception!.IsStoreNotEmpty, Is.True);
            Assert.That(exception.IsNameConflict, Is.False);
        }

        [TestCase("secret with name MY_API_KEY already exists")]
        [TestCase("duplicate name")]
        public void SaysNameConflictForATakenName(string message)
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Failure(1000, message), HttpStatusCode.Conflict);

            CloudflareConflictException? exception = Assert.ThrowsAsync<CloudflareConflictException>(
                () => fake.CreateClient()
                    .DuplicateSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId, "MY_API_KEY", [SecretScopes.Workers]));

            Assert.That(exception!.IsNameConflict, Is.True);
            Assert.That(exception.IsStoreNotEmpty, Is.False);
        }
    }

    public class TheRateLimitException
    {
        [Test]
        public void ReadsRetryAfterInSeconds()
        {
            CloudflareRateLimitException exception = RateLimited(("Retry-After", "30"));

            Assert.That(exception.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
        }

        [Test]
        public void ReadsRetryAfterAsAnHttpDate()
        {
            string date = DateTimeOffset.UtcNow.AddSeconds(120).ToString("r", CultureInfo.InvariantCulture);

            CloudflareRateLimitException exception = RateLimited(("Retry-After", date));

            Assert.That(exception.RetryAfter, Is.GreaterThan(TimeSpan.FromSeconds(100)).And.LessThanOrEqualTo(TimeSpan.FromSeconds(120)));
        }

        [Test]
        public void ReadsAPastHttpDateAsNoWait()
        {
            string date = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("r", CultureInfo.InvariantCulture);

            CloudflareRateLimitException exception = RateLimited(("Retry-After", date));

            Assert.That(exception.RetryAfter, Is.EqualTo(TimeSpan.Zero));
        }

        [Test]
        public void PrefersRetryAfterMilliseconds()
        {
            CloudflareRateLimitException exception = RateLimited(("retry-after-ms", "1500"), ("Retry-After", "30"));

            Assert.That(exception.RetryAfter, Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
        }

        [Test]
        public void LeavesRetryAfterNullWhenCloudflareDoesNotSay()
        {
            CloudflareRateLimitException exception = RateLimited();

            Assert.That(exception.RetryAfter, Is.Null);
            Assert.That(
                exception.Errors,
                Is.EqualTo(new[] { new CloudflareError(971, "Please wait and consider throttling your request speed") }));
        }

        private static CloudflareRateLimitException RateLimited(params (string Name, string Value)[] headers)
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(
                Canned.Failure(971, "Please wait and consider throttling your request speed"),
                HttpStatusCode.TooManyRequests,
                headers: headers);

            CloudflareRateLimitException? exception = Assert.ThrowsAsync<CloudflareRateLimitException>(
                () => fake.CreateClient().GetQuotaAsync());
            Assert.That(exception!.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            return exception;
        }
    }

    public class ASuccessfulStatus
    {
        [Test]
        public void ThrowsApiExceptionWithTheErrorsWhenTheBodySaysSuccessFalse()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(
                Canned.Failure([Canned.Error(10001, "internal validation failed")], [Canned.Error(10100, "note")], extra: BodyOnlyMarker),
                headers: ("CF-Ray", RayId));

            CloudflareApiException? exception = Assert.CatchAsync<CloudflareApiException>(
                () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

            Assert.That(exception, Is.TypeOf<CloudflareApiException>());
            Assert.That(exception!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(exception.Errors, Is.EqualTo(new[] { new CloudflareError(10001, "internal validation failed") }));
            Assert.That(exception.Messages, Is.EqualTo(new[] { new CloudflareError(10100, "note") }));
            Assert.That(exception.RayId, Is.EqualTo(RayId));
            Assert.That(exception.Message, Does.Contain("success: false").And.Not.Contain(BodyOnlyMarker));
        }

        [TestCaseSource(nameof(OperationsThatReturnAnObject))]
        public void ThrowsApiExceptionWhenTheResultIsNull(Operation operation)
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(null), operation.SuccessStatus);

            CloudflareApiException? exception = Assert.CatchAsync<CloudflareApiException>(
                () => operation.Invoke(fake.CreateClient(), null, CancellationToken.None));

            Assert.That(exception, Is.TypeOf<CloudflareApiException>());
            Assert.That(exception!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(exception.Errors, Is.Empty);
        }

        [Test]
        public void ThrowsApiExceptionWithoutTheBodyWhenTheBodyIsNotJson()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll($"<html><body>{BodyOnlyMarker}</body></html>", HttpStatusCode.OK, "text/html");

            CloudflareApiException? exception = Assert.CatchAsync<CloudflareApiException>(
                () => fake.CreateClient().GetStoreAsync(FakeCloudflare.StoreId));

            Assert.That(exception, Is.TypeOf<CloudflareApiException>());
            Assert.That(exception!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(exception.Message, Does.Contain("could not be read").And.Not.Contain(BodyOnlyMarker).And.Not.Contain("<html"));
            Assert.That(exception.ToString(), Does.Not.Contain(BodyOnlyMarker));
        }

        private static IEnumerable<TestCaseData> OperationsThatReturnAnObject() =>
            Operations.Cases.Where(c => ((Operation)c.Arguments[0]!).Name
                is "CreateStoreAsync" or "GetStoreAsync" or "GetSecretAsync" or "UpdateSecretAsync" or "DuplicateSecretAsync"
                or "GetQuotaAsync");
    }

    /// <summary>A failure body and what the exception must say about it.</summary>
    public sealed record ErrorPayload(
        string Name,
        string MediaType,
        string Body,
        CloudflareError[] Errors,
        CloudflareError[] Messages)
    {
        public override string ToString() => Name;
    }
}
