using CloudflareSecrets.Tests.Facade.Support;

namespace CloudflareSecrets.Tests.Workflows;

/// <summary>
/// Bad input to a sync: an <see cref="ArgumentException"/> naming the entry, the rule and the size, before anything is
/// sent.
/// </summary>
public class SyncInputTests
{
    private const string Sentinel = "SENTINEL-input-5d20";

    private static readonly string OverLimit = Sentinel + new string('€', 21_846);

    private static IEnumerable<TestCaseData> BadEntries()
    {
        yield return Case("an empty name", [new("A", Sentinel), new(string.Empty, Sentinel)], "desired[1].Key", "A name must not be empty");
        yield return Case("a name with a space", [new("MY KEY", Sentinel)], "desired[0].Key", "found U+0020 at position 2 of 6");
        yield return Case("a null name", [new(null!, Sentinel)], "desired[0].Key", "Value cannot be null");
        yield return Case(
            "a repeated name",
            [new("A", Sentinel), new("B", Sentinel), new("A", Sentinel)],
            "desired",
            "desired[2].Key repeats the name 'A' of desired[0]");
        yield return Case("a null value", [new("A", null!)], "desired[\"A\"]", "Value cannot be null");
        yield return Case("an empty value", [new("A", string.Empty)], "desired[\"A\"]", "A secret value must not be empty");
        yield return Case(
            "a value over 64 KiB",
            [new("BIG", OverLimit)],
            "desired[\"BIG\"]",
            $"at most 65,536 bytes in UTF-8; this one is {System.Text.Encoding.UTF8.GetByteCount(OverLimit):N0} bytes");
    }

    private static TestCaseData Case(string what, KeyValuePair<string, string>[] desired, string parameter, string rule) =>
        new TestCaseData(desired, parameter, rule).SetName($"RejectsAnEntryWith {what}");

    [TestCaseSource(nameof(BadEntries))]
    public void RejectsBadEntriesBeforeSendingAnything(KeyValuePair<string, string>[] desired, string parameter, string rule)
    {
        using var fake = new FakeCloudflare();

        ArgumentException? e = Assert.CatchAsync<ArgumentException>(
            () => fake.CreateClient().SyncSecretsAsync(FakeCloudflare.StoreId, desired));

        Assert.That(e!.ParamName, Is.EqualTo(parameter));
        Assert.That(e.Message, Does.Contain(rule).And.Not.Contain(Sentinel));
        Assert.That(fake.Requests, Is.Empty);
    }

    [TestCase(0)]
    [TestCase(33)]
    public void RejectsAParallelismOutsideOneToThirtyTwo(int parallelism)
    {
        using var fake = new FakeCloudflare();

        Assert.That(
            () => fake.CreateClient().SyncSecretsAsync(
                FakeCloudflare.StoreId, [new("A", Sentinel)], new SyncOptions { MaxParallelUpdates = parallelism }),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("options.MaxParallelUpdates")
                .And.Message.Contains($"from 1 to 32; it is {parallelism}"));
        Assert.That(fake.Requests, Is.Empty);
    }

    [TestCase(1)]
    [TestCase(32)]
    public async Task AcceptsAParallelismOfOneToThirtyTwo(int parallelism)
    {
        using var fake = new FakeCloudflare();
        var store = new Support.ScriptedStore(fake);
        store.Add("A");

        SyncResult result = await fake.CreateClient().SyncSecretsAsync(
            FakeCloudflare.StoreId, [new("A", Sentinel)], new SyncOptions { MaxParallelUpdates = parallelism });

        Assert.That(result.Updated, Is.EqualTo(1));
    }

    [Test]
    public void RejectsEmptyScopesANullSetAndABadStoreIdBeforeSendingAnything()
    {
        using var fake = new FakeCloudflare();
        SecretsStoreClient client = fake.CreateClient();

        Assert.That(
            () => client.SyncSecretsAsync(FakeCloudflare.StoreId, [new("A", Sentinel)], new SyncOptions { Scopes = [] }),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("options.Scopes"));
        Assert.That(
            () => client.SyncSecretsAsync(FakeCloudflare.StoreId, null!),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("desired"));
        Assert.That(
            () => client.SyncSecretsAsync("bad/store", [new("A", Sentinel)]),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("storeId"));
        Assert.That(
            () => ((ISecretsStoreClient)null!).SyncSecretsAsync(FakeCloudflare.StoreId, [new("A", Sentinel)]),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("client"));
        Assert.That(fake.Requests, Is.Empty);
    }
}
