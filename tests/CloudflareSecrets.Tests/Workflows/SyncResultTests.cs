namespace CloudflareSecrets.Tests.Workflows;

public class SyncResultTests
{
    private static readonly SyncChange[] Changes =
    [
        new("DATABASE_PASSWORD", SyncAction.Create, "id1"),
        new("API_KEY", SyncAction.Update, "id2"),
        new("OLD", SyncAction.Delete, "id3"),
    ];

    [Test]
    public void HoldsNoPresentation_OnlyTheChangesAndASummary() =>
        Assert.That(
            typeof(SyncResult).GetMethods().Select(m => m.Name),
            Has.None.EqualTo("ToTable"),
            "tables belong to the caller (the CLI, the demo)");

    [Test]
    public void ToStringSummarisesWhatWasDoneOrWouldBeDone()
    {
        Assert.That(
            new SyncResult(Changes, dryRun: false, requestCount: 5).ToString(),
            Is.EqualTo("created 1, updated 1, deleted 1 (5 requests)"));
        Assert.That(
            new SyncResult(Changes, dryRun: true, requestCount: 1).ToString(),
            Is.EqualTo("dry run: would create 1, update 1, delete 1 (1 request)"));
    }

    [Test]
    public void CountsEachAction()
    {
        var result = new SyncResult([.. Changes, new SyncChange("B", SyncAction.Update, "id4")], dryRun: false, requestCount: 6);

        Assert.That((result.Created, result.Updated, result.Deleted, result.Changes.Count), Is.EqualTo((1, 2, 1, 4)));
    }

    [Test]
    public void TheConstructorsRefuseMissingListsAndANegativeCount()
    {
        var empty = new SyncResult([], dryRun: false, requestCount: 0);

        Assert.That(
            () => new SyncResult(null!, dryRun: false, requestCount: 1),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("changes"));
        Assert.That(
            () => new SyncResult([], dryRun: false, requestCount: -1),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("requestCount"));
        Assert.That(
            () => new SecretsSyncException("stopped", null!, []),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("completed"));
        Assert.That(
            () => new SecretsSyncException("stopped", empty, null!),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("notDone"));
    }
}
