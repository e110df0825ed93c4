using System.Net;
using CloudflareSecrets.Internal;

namespace CloudflareSecrets.Tests.Resilience;

/// <summary>
/// When a not-found answer to a retried bulk delete means the lost attempt deleted everything: every error is
/// <c>secret_not_found</c> (wrangler's e2e output: <c>secret_not_found [code: 1001]</c>) and together they name every id,
/// by <c>source.pointer</c> <c>/ids/N</c> or, without pointers, one error per id. Anything less is a true "not found".
/// </summary>
public class BulkDeleteTests
{
    public static IEnumerable<TestCaseData> Answers()
    {
        yield return Case("no errors", [], ids: 1, allGone: false);
        yield return Case("one not-found for one id", [NotFound()], ids: 1, allGone: true);
        yield return Case("one not-found per id", [NotFound(), NotFound()], ids: 2, allGone: true);
        yield return Case("more not-founds than ids", [NotFound(), NotFound(), NotFound()], ids: 2, allGone: true);
        yield return Case("fewer not-founds than ids", [NotFound(), NotFound()], ids: 3, allGone: false);
        yield return Case(
            "a not-found and another error", [NotFound(), new CloudflareError(10001, "name is invalid")], ids: 2, allGone: false);
        yield return Case("pointers naming every id", [NotFound("/ids/1"), NotFound("/ids/0")], ids: 2, allGone: true);
        yield return Case("pointers naming some ids", [NotFound("/ids/0"), NotFound("/ids/0")], ids: 2, allGone: false);
        yield return Case("pointers naming ids out of range only", [NotFound("/ids/5")], ids: 1, allGone: false);
        yield return Case("a pointer elsewhere, counted as one error", [NotFound("/name")], ids: 1, allGone: true);
        yield return Case("a pointer of another case, counted as one error", [NotFound("/IDS/3")], ids: 1, allGone: true);
        yield return Case("a pointer whose index is not a number, counted as one error", [NotFound("/ids/-1")], ids: 1, allGone: true);
        yield return Case("one named id and one error without a pointer", [NotFound("/ids/0"), NotFound()], ids: 2, allGone: false);
    }

    [TestCaseSource(nameof(Answers))]
    public void TurnsANotFoundIntoSuccessOnlyWhenItNamesEveryId(CloudflareError[] errors, int ids, bool allGone)
    {
        CloudflareApiException answer = ErrorMapper.Create(
            new ApiFailure("DeleteSecrets", HttpStatusCode.NotFound, null) { Errors = errors });

        Assert.That(BulkDelete.AllGone(answer, ids), Is.EqualTo(allGone));
    }

    private static CloudflareError NotFound(string? pointer = null) => new(1001, "secret_not_found", null, pointer);

    private static TestCaseData Case(string name, CloudflareError[] errors, int ids, bool allGone) =>
        new TestCaseData(errors, ids, allGone).SetArgDisplayNames(name);
}
