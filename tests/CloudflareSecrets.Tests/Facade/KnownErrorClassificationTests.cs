using System.Net;
using CloudflareSecrets.Tests.Facade.Support;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>
/// Classification by meaning, then by status: each row of the table of known errors, as Cloudflare sends it, becomes
/// the documented exception with its token and predicates; a name conflict is one whether it arrives as 409 or as
/// 400/1003; unknown tokens still map by status.
/// </summary>
public class KnownErrorClassificationTests
{
    public static IEnumerable<TestCaseData> Rows() =>
        SecretsStoreKnownErrors.All.Select(row => new TestCaseData(row.Token).SetName($"MapsTheTableRowFor_{row.Token}"));

    /// <summary>The exception each row is documented to become (docs/errors.md).</summary>
    public static Type ExpectedType(SecretsStoreKnownError row) => row.Token switch
    {
        "secret_not_found" or "store_not_found" => typeof(CloudflareNotFoundException),
        "secret_name_already_exists" or "store_not_empty" => typeof(CloudflareConflictException),
        _ => row.Status == HttpStatusCode.BadRequest
            ? typeof(CloudflareValidationException)
            : throw new InvalidOperationException(row.Token),
    };

    [TestCaseSource(nameof(Rows))]
    public void MapsTheTableRow(string token)
    {
        SecretsStoreKnownError row = SecretsStoreKnownErrors.Find(token)!;

        CloudflareApiException exception = Answer(
            row.Status,
            row.Code,
            row.Token == "secret_name_already_exists" ? row.Token + ": API_KEY" : row.Token);

        Assert.Multiple(() =>
        {
            Assert.That(exception, Is.TypeOf(ExpectedType(row)));
            Assert.That(exception.StatusCode, Is.EqualTo(row.Status));
            Assert.That(exception.ErrorCode, Is.EqualTo(row.Code));
            Assert.That(
                SecretsStoreKnownErrors.All.Where(exception.Is),
                Is.EqualTo(new[] { row }),
                "the one documented way recognises exactly this row");
            Assert.That(exception.KnownError, Is.SameAs(row));
            Assert.That(exception.HasErrorToken(row.Token), Is.True);
            Assert.That(exception.IsStoreLimitExceeded, Is.EqualTo(row == SecretsStoreKnownErrors.MaximumStoresExceeded));
            Assert.That(exception.IsSecretsQuotaExceeded, Is.EqualTo(row == SecretsStoreKnownErrors.MaximumSecretsExceeded));
            Assert.That(
                (exception as CloudflareConflictException)?.IsNameConflict ?? false,
                Is.EqualTo(row == SecretsStoreKnownErrors.SecretNameAlreadyExists));
            Assert.That(
                (exception as CloudflareConflictException)?.IsStoreNotEmpty ?? false,
                Is.EqualTo(row == SecretsStoreKnownErrors.StoreNotEmpty));
            Assert.That(
                (exception as CloudflareNotFoundException)?.IsSecretNotFound ?? false,
                Is.EqualTo(row == SecretsStoreKnownErrors.SecretNotFound));
            Assert.That(
                (exception as CloudflareNotFoundException)?.IsStoreNotFound ?? false,
                Is.EqualTo(row == SecretsStoreKnownErrors.StoreNotFound));
        });
    }

    [TestCase(409, 1003, "secret_name_already_exists", TestName = "RecognisesANameConflictAs409WithTheToken")]
    [TestCase(409, 10053, "A secret with this name already exists", TestName = "RecognisesANameConflictAs409WithoutAKnownToken")]
    [TestCase(400, 1003, "secret_name_already_exists: API_KEY", TestName = "RecognisesANameConflictAs400WithCode1003AndTheToken")]
    public void RecognisesANameConflictWhateverItsStatus(int status, int code, string message)
    {
        CloudflareApiException exception = Answer((HttpStatusCode)status, code, message);

        Assert.That(exception, Is.TypeOf<CloudflareConflictException>());
        Assert.That(((CloudflareConflictException)exception).IsNameConflict, Is.True);
        Assert.That(((CloudflareConflictException)exception).IsStoreNotEmpty, Is.False);
    }

    [TestCase(400, "maximum_stores_exceeded", typeof(CloudflareValidationException))]
    [TestCase(403, "maximum_stores_exceeded", typeof(CloudflareAuthorizationException))]
    [TestCase(409, "maximum_stores_exceeded", typeof(CloudflareConflictException))]
    public void RecognisesTheStoreLimitWhateverItsStatus(int status, string message, Type type)
    {
        CloudflareApiException exception = Answer((HttpStatusCode)status, 1003, message);

        Assert.That(exception, Is.TypeOf(type));
        Assert.That(exception.IsStoreLimitExceeded, Is.True);
        Assert.That(exception.IsSecretsQuotaExceeded, Is.False);
        Assert.That(
            (exception as CloudflareConflictException)?.IsNameConflict ?? false,
            Is.False,
            "a known token is not taken for a name conflict");
    }

    [TestCase(400, "maximum_secrets_exceeded: max 100")]
    [TestCase(403, "maximum_secrets_exceeded")]
    public void RecognisesTheSecretsQuotaWhateverItsStatus(int status, string message)
    {
        CloudflareApiException exception = Answer((HttpStatusCode)status, 1003, message);

        Assert.That(exception.IsSecretsQuotaExceeded, Is.True);
        Assert.That(exception.Is(SecretsStoreKnownErrors.MaximumSecretsExceeded), Is.True);
    }

    [TestCase(400, "secret_not_found", TestName = "RecognisesASecretNotFoundByItsTokenAt400")]
    [TestCase(404, "secret_not_found", TestName = "RecognisesASecretNotFoundAt404")]
    [TestCase(404, "Not Found", TestName = "RecognisesANotFoundBy404AloneWithoutAToken")]
    public void RecognisesNotFoundByTokenAsWellAsBy404(int status, string message)
    {
        CloudflareApiException exception = Answer((HttpStatusCode)status, 1001, message);

        Assert.That(exception, Is.TypeOf<CloudflareNotFoundException>());
        Assert.That(((CloudflareNotFoundException)exception).IsSecretNotFound, Is.EqualTo(message == "secret_not_found"));
    }

    [TestCase(400, typeof(CloudflareValidationException))]
    [TestCase(403, typeof(CloudflareAuthorizationException))]
    [TestCase(409, typeof(CloudflareConflictException))]
    [TestCase(500, typeof(CloudflareServerException))]
    public void MapsAnUnknownTokenByStatusAndStillExposesIt(int status, Type type)
    {
        CloudflareApiException exception = Answer((HttpStatusCode)status, 1099, "secret_rotation_locked: try later");

        Assert.That(exception, Is.TypeOf(type));
        Assert.That(exception.Errors.Single().Message, Does.StartWith("secret_rotation_locked"));
        Assert.That(exception.KnownError, Is.Null);
        Assert.That(SecretsStoreKnownErrors.All.Where(exception.Is), Is.Empty);
    }

    // A server failure says nothing about the request: a known token in a 5xx does not turn it into that condition
    // (a not-found there must stay a retryable, ambiguous failure). Kills the classification range mutants (or, <=).
    [TestCase(500)]
    [TestCase(503)]
    public void KeepsAServerFailureWithAKnownTokenAServerFailure(int status)
    {
        CloudflareApiException exception = Answer((HttpStatusCode)status, 1001, "secret_not_found");

        Assert.That(exception, Is.TypeOf<CloudflareServerException>());
        Assert.That(exception.Is(SecretsStoreKnownErrors.SecretNotFound), Is.True, "the condition is still recognised");
    }

    [Test]
    public void KeepsTheRetryAfterOfA429EvenWithAKnownToken()
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(
            Canned.Failure(1015, "secret_not_found"),
            HttpStatusCode.TooManyRequests,
            "application/json",
            ("Retry-After", "120"));

        CloudflareApiException? exception = Assert.CatchAsync<CloudflareApiException>(
            () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

        Assert.That(exception, Is.TypeOf<CloudflareRateLimitException>());
    }

    [TestCase("secret_name_already_exists: API_KEY", "secret_name_already_exists")]
    [TestCase("secret_not_found", "secret_not_found")]
    [TestCase("store_not_empty: store x still holds 2 secret(s)", "store_not_empty")]
    [TestCase("maximum_secrets_exceeded max", "maximum_secrets_exceeded")]
    [TestCase("Authentication error", null)]
    [TestCase("No route for the URI", null)]
    [TestCase("forbidden", null)]
    [TestCase("secret_not_found.", null)]
    [TestCase("_leading", null)]
    [TestCase("", null)]
    public void ReadsTheTokenAMessageStartsWith(string message, string? token) =>
        Assert.That(SecretsStoreKnownErrors.TokenOf(message), Is.EqualTo(token));

    private static CloudflareApiException Answer(HttpStatusCode status, int code, string message)
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(Canned.Failure(code, message), status, "application/json");
        return Assert.CatchAsync<CloudflareApiException>(
            () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId))!;
    }
}
