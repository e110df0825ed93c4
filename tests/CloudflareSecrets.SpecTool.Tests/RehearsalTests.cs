using CloudflareSecrets.SpecTool.Diff;
using CloudflareSecrets.SpecTool.Tests.Support;

namespace CloudflareSecrets.SpecTool.Tests;

/// <summary>
/// The diff of Cloudflare's real documents of 2026-07-06 (a fixture) and 2026-08-14 (spec/upstream): the findings a
/// maintainer needs from that update, and the report checked in under docs/spec-changes being what the tool says.
/// </summary>
public static class RehearsalTests
{
    private const string ReportName = "2026-07-06_to_2026-08-14";
    private const string NewerDocument = "cloudflare-openapi.2026-08-14.json.gz";

    // The newer document is the recorded one until the next update moves it among the fixtures.
    private static readonly Lazy<ApiDiffResult> LazyDiff = new(() => ApiDiff.Compare(
        new ApiDocument(JsonFiles.ReadObject(RepoPaths.Fixture(UpstreamRuns.OlderDocument), "Document"), UpstreamRuns.OlderDocument),
        new ApiDocument(
            Path.GetFileName(RepoPaths.CurrentUpstream) == NewerDocument
                ? UpstreamRuns.CurrentUpstream
                : JsonFiles.ReadObject(RepoPaths.Upstream(NewerDocument), "Document"),
            NewerDocument)));

    private static ApiDiffResult Diff => LazyDiff.Value;

    private static string[] SystemOperations =>
    [
        "secrets-store-system-list", "secrets-store-system-create", "secrets-store-system-get-store-by-id",
        "secrets-store-system-delete-by-id", "secrets-store-system-secrets-list", "secrets-store-system-secret-create",
        "secrets-store-system-delete-bulk", "secrets-store-system-get-by-id", "secrets-store-system-secret-delete-by-id",
        "secrets-store-system-patch-by-id", "secrets-store-system-duplicate-by-id",
    ];

    [Test]
    public static void NamesTheElevenInternalSystemOperations_AsRemoved_TouchingNoFacadeMember()
    {
        var removed = Diff.Changes.Where(c => c.Kind == ChangeKinds.OperationRemoved).ToList();

        Assert.That(removed.SelectMany(c => c.Operations), Is.EquivalentTo(SystemOperations));
        Assert.That(removed.Select(c => c.Where), Has.All.Contains(" /system/accounts/{account_tag}/stores"));
        Assert.That(removed.Select(c => c.Class), Has.All.EqualTo(ChangeClass.Breaking));
        Assert.That(removed.SelectMany(c => c.FacadeMembers), Is.Empty);
        Assert.That(Diff.OperationsRemoved, Is.EqualTo(11));
        Assert.That(Diff.OperationsAdded, Is.Zero);
    }

    [Test]
    public static void NamesTheStoreListsOrderEnum_Narrowed_AsBreakingForListStores()
    {
        ApiChange order = Diff.Changes.Single(c => c.Where == "parameter `order` (query)" && c.Kind == ChangeKinds.EnumValues);

        Assert.That(order.Class, Is.EqualTo(ChangeClass.Breaking));
        Assert.That(order.Operations, Is.EqualTo(new[] { "secrets-store-list" }));
        Assert.That(order.Detail, Is.EqualTo("removed comment, status (now name, created, modified)"));
        Assert.That(order.FacadeMembers, Is.EqualTo(new[] { "ListStoresAsync" }));
    }

    [Test]
    public static void NamesTheSecretsListsScopesFilter_FixedFromAnArrayOfArrays()
    {
        ApiChange scopes = Diff.Changes.Single(c => c.Where == "parameter `scopes` (query)");

        Assert.That(scopes.Kind, Is.EqualTo(ChangeKinds.Type));
        Assert.That(scopes.Detail, Is.EqualTo("array<array<string>> → array<string>"));
        Assert.That(scopes.Operations, Is.EqualTo(new[] { "secrets-store-secrets-list" }));
        Assert.That(scopes.FacadeMembers, Is.EqualTo(new[] { "ListSecretsAsync" }));
    }

    [Test]
    public static void ReportsNothingButWordingForThePathParametersThatMovedIntoComponents()
    {
        string[] moved = ["parameter `account_id` (path)", "parameter `store_id` (path)", "parameter `secret_id` (path)"];
        string[] parameterKinds =
        [
            ChangeKinds.ParameterAdded, ChangeKinds.ParameterRemoved, ChangeKinds.ParameterRequired, ChangeKinds.ParameterLocation,
            ChangeKinds.ParameterSerialization,
        ];

        Assert.That(Diff.Changes.Where(c => parameterKinds.Contains(c.Kind)), Is.Empty);
        Assert.That(Diff.Changes.Where(c => moved.Contains(c.Where) && c.Class != ChangeClass.DocumentationOnly), Is.Empty);
        // account_id and store_id only changed case and gained a full stop; secret_id's description was reworded.
        Assert.That(Diff.Changes.Where(c => moved.Contains(c.Where)).Select(c => (c.Where, c.Detail)),
            Is.EqualTo(new[]
            {
                ("parameter `secret_id` (path)", "description: “Secret identifier tag.” → “Secret identifier.”"),
            }));
    }

    [Test]
    public static void IsCheckedInAsMarkdown_ExactlyAsTheToolWritesIt()
    {
        string path = Path.Combine(RepoPaths.Root, "docs", "spec-changes", ReportName + ".md");

        Assert.That(File.ReadAllText(path), Is.EqualTo(DiffReport.Markdown(Diff)),
            $"{path} is stale: regenerate it with the diff command.");
    }

    [Test]
    public static void IsCheckedInAsJson_ExactlyAsTheToolWritesIt()
    {
        string path = Path.Combine(RepoPaths.Root, "docs", "spec-changes", ReportName + ".json");

        Assert.That(File.ReadAllText(path), Is.EqualTo(DiffReport.Json(Diff)), $"{path} is stale: regenerate it with the diff command.");
    }
}
