using System.Net;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>
/// What the public models and exceptions promise beyond their fields: a secret equals another only when every field
/// does, each text form is exactly as documented (never a value), and the exceptions' derived properties read the
/// errors they were given.
/// </summary>
public class ModelContractTests
{
    private const string Sentinel = "model-contract-sentinel-value-7c1e";
    private static readonly DateTimeOffset Created = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset Modified = new(2025, 6, 7, 8, 9, 10, TimeSpan.FromHours(2));

    private static Secret Sample() =>
        new("sec1", "MY_KEY", "store1", SecretStatuses.Active, [SecretScopes.Workers, "ai_gateway"], "a comment", Created, Modified);

    public static IEnumerable<TestCaseData> OneFieldDifferent()
    {
        Secret s = Sample();
        yield return new TestCaseData(s with { Id = "sec2" }).SetArgDisplayNames("Id");
        yield return new TestCaseData(s with { Name = "OTHER" }).SetArgDisplayNames("Name");
        yield return new TestCaseData(s with { StoreId = "store2" }).SetArgDisplayNames("StoreId");
        yield return new TestCaseData(s with { Status = SecretStatuses.Pending }).SetArgDisplayNames("Status");
        yield return new TestCaseData(s with { Scopes = [SecretScopes.Workers] }).SetArgDisplayNames("Scopes");
        yield return new TestCaseData(s with { Comment = null }).SetArgDisplayNames("Comment");
        yield return new TestCaseData(s with { Created = Created.AddTicks(1) }).SetArgDisplayNames("Created");
        yield return new TestCaseData(s with { Modified = Modified.AddTicks(1) }).SetArgDisplayNames("Modified");
    }

    [TestCaseSource(nameof(OneFieldDifferent))]
    public void ASecretDifferingInOneFieldIsNotEqual(Secret other)
    {
        Assert.That(other, Is.Not.EqualTo(Sample()));
        Assert.That(Sample().Equals(other), Is.False);
    }

    [Test]
    public void SecretsWithEqualFieldsAreEqual_ScopesComparedByContent()
    {
        Secret copy = Sample() with { Scopes = [.. Sample().Scopes] };

        Assert.That(copy, Is.EqualTo(Sample()));
        Assert.That(copy.GetHashCode(), Is.EqualTo(Sample().GetHashCode()));
        Assert.That(Sample().Equals(null), Is.False);
    }

    [Test]
    public void ASecretPrintsEveryField()
    {
        Assert.That(
            Sample().ToString(),
            Is.EqualTo(
                "Secret { Id = sec1, Name = MY_KEY, StoreId = store1, Status = active, Scopes = [workers, ai_gateway], "
                + "Comment = a comment, Created = 2025-01-02T03:04:05.0000000+00:00, Modified = 2025-06-07T08:09:10.0000000+02:00 }"));
    }

    [Test]
    public void ANewSecretPrintsItsFieldsWithTheValueMasked()
    {
        Assert.That(
            new NewSecret("MY_KEY", Sentinel, [SecretScopes.Workers, "ai_gateway"], "c").ToString(),
            Is.EqualTo("NewSecret { Name = MY_KEY, Value = ***, Scopes = [workers, ai_gateway], Comment = c }"));
        Assert.That(
            new NewSecret("MY_KEY", Sentinel, null!).ToString(),
            Is.EqualTo("NewSecret { Name = MY_KEY, Value = ***, Scopes = [], Comment =  }"),
            "no scopes: an empty list, not a failure");
    }

    [Test]
    public void AnUpdatePrintsWhatItChangesWithTheValueMasked()
    {
        Assert.That(
            new SecretUpdate { Value = Sentinel, Scopes = [SecretScopes.Workers, "ai_gateway"], Comment = "c" }.ToString(),
            Is.EqualTo("SecretUpdate { Value = ***, Scopes = [workers, ai_gateway], Comment = c }"));
        Assert.That(
            new SecretUpdate().ToString(),
            Is.EqualTo("SecretUpdate { Value = (unchanged), Scopes = (unchanged), Comment = (unchanged) }"));
    }

    [Test]
    public void AnErrorPrintsItsCodeAndMessage() =>
        Assert.That(new CloudflareError(1001, "secret_not_found").ToString(), Is.EqualTo("1001: secret_not_found"));

    [TestCase(false, "CreateSecrets failed part-way: 1 secret(s) created, a batch of 2 not created, 3 not sent. Cause: refused")]
    [TestCase(true, "CreateSecrets failed part-way: 1 secret(s) created, a batch of 2 that may or may not have been created, "
        + "3 not sent. Cause: refused")]
    public void APartialCreateSaysWhatHappenedToEachPart(bool outcomeUnknown, string expected)
    {
        var exception = new SecretsPartiallyCreatedException(
            [Sample()],
            ["A", "B"],
            ["C", "D", "E"],
            outcomeUnknown,
            new InvalidOperationException("refused"));

        Assert.That(exception.Message, Is.EqualTo(expected));
        Assert.That(exception.FailedBatchOutcomeUnknown, Is.EqualTo(outcomeUnknown));
    }

    [Test]
    public void APartialCreateNeedsTheFailureOfItsBatch() =>
        Assert.That(
            () => new SecretsPartiallyCreatedException([], [], [], false, null!),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("innerException"));

    [Test]
    public void AKnownErrorRowNeedsAnErrorToMatch() =>
        Assert.That(
            () => SecretsStoreKnownErrors.SecretNotFound.Matches(null!),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("error"));

    [Test]
    public void AnExceptionWithoutErrorsHasNoCodeTokenOrMessages()
    {
        var exception = new CloudflareApiException("failed", HttpStatusCode.BadGateway);

        Assert.That((exception.ErrorCode, exception.KnownError), Is.EqualTo(((int?)null, (SecretsStoreKnownError?)null)));
        Assert.That(SecretsStoreKnownErrors.All.Where(exception.Is), Is.Empty);
        Assert.That(exception.Errors, Is.Empty);
        Assert.That(exception.Messages, Is.Not.Null.And.Empty);
    }

    [Test]
    public void TheFirstKnownTokenNamesTheException_AnyErrorAnswersForItsToken()
    {
        var exception = new CloudflareApiException(
            "failed",
            HttpStatusCode.BadRequest,
            [
                new CloudflareError(10001, "Something else"),
                new CloudflareError(1001, "secret_scope_invalid: x"),
                new CloudflareError(1001, "secret_scopes_empty"),
            ]);

        Assert.That(
            (exception.ErrorCode, exception.KnownError),
            Is.EqualTo(((int?)10001, (SecretsStoreKnownError?)SecretsStoreKnownErrors.SecretScopeInvalid)));
        Assert.That(
            SecretsStoreKnownErrors.All.Where(exception.Is),
            Is.EqualTo(new[] { SecretsStoreKnownErrors.SecretScopeInvalid, SecretsStoreKnownErrors.SecretScopesEmpty }),
            "every error answers for its token");
        Assert.That(() => exception.Is(null!), Throws.ArgumentNullException);
        Assert.That(exception.HasErrorToken("secret_scopes_empty"), Is.True, "the token of one error of several");
        Assert.That(exception.HasErrorToken("secret_not_found"), Is.False);
    }
}
