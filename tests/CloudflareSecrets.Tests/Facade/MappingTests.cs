using CloudflareSecrets.Tests.Facade.Support;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>
/// What the client makes of answers that leave fields out or repeat themselves, and of the list options and batches it
/// refuses before sending: the mapping between the wire and the public models, pinned where a mutation run found it loose.
/// </summary>
public class MappingTests
{
    private const string Store = FakeCloudflare.StoreId;

    [Test]
    public async Task ASecretWithoutStatusOrStoreIdGetsAnEmptyStatusAndTheStoreAskedFor()
    {
        using var fake = new FakeCloudflare();
        JObject secret = Canned.Secret(storeId: null);
        secret.Remove("status");
        fake.AnswerAll(Canned.Success(secret));

        Secret read = await fake.CreateClient().GetSecretAsync(Store, FakeCloudflare.SecretId);

        Assert.That((read.Status, read.StoreId), Is.EqualTo((string.Empty, Store)));
    }

    [Test]
    public async Task ASecretWithAnEmptyStoreIdGetsTheStoreAskedFor_AndOneWithAnotherStoreIdKeepsIt()
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(Canned.Success(Canned.Secret(storeId: string.Empty)));
        Secret empty = await fake.CreateClient().GetSecretAsync(Store, FakeCloudflare.SecretId);

        using var other = new FakeCloudflare();
        other.AnswerAll(Canned.Success(Canned.Secret(storeId: "0000aaaa0000aaaa0000aaaa0000aaaa")));
        Secret moved = await other.CreateClient().GetSecretAsync(Store, FakeCloudflare.SecretId);

        Assert.That(empty.StoreId, Is.EqualTo(Store));
        Assert.That(moved.StoreId, Is.EqualTo("0000aaaa0000aaaa0000aaaa0000aaaa"), "the store the response names");
    }

    [Test]
    public async Task PagingNumbersPastTheirRangeAreHeldToIt_AndOnesThatAreNotNumbersAreNone()
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(
            """{"success":true,"errors":[],"messages":[],"result":["""
            + Canned.Secret().ToString(Newtonsoft.Json.Formatting.None)
            + """],"result_info":{"page":NaN,"per_page":1e20,"count":-1e20,"total_count":1e30,"total_pages":1.9}}""");

        Page<Secret> page = await fake.CreateClient().ListSecretsAsync(Store).AsPages().FirstAsync();

        Assert.That(page.Info, Is.EqualTo(new PageInfo(null, int.MaxValue, int.MinValue, long.MaxValue, 1)));
    }

    [Test]
    public async Task AStoreWithoutNameGetsAnEmptyName()
    {
        using var fake = new FakeCloudflare();
        JObject store = Canned.Store();
        store.Remove("name");
        fake.AnswerAll(Canned.Success(store));

        SecretStore read = await fake.CreateClient().GetStoreAsync(Store);

        Assert.That(read.Name, Is.Empty);
    }

    [Test]
    public void AnAnswerWithoutTheSecretOrStoreOrAFieldItNeedsIsAMalformedResponse()
    {
        using var noSecret = new FakeCloudflare();
        noSecret.AnswerAll(Canned.Success(null));
        using var noStore = new FakeCloudflare();
        noStore.AnswerAll(Canned.Success(null));
        using var noName = new FakeCloudflare();
        JObject nameless = Canned.Secret();
        nameless.Remove("name");
        noName.AnswerAll(Canned.Success(nameless));

        Assert.That(
            () => noSecret.CreateClient().GetSecretAsync(Store, FakeCloudflare.SecretId),
            Throws.TypeOf<CloudflareApiException>().With.Message.EqualTo("GetSecret failed: HTTP 200 OK: the response has no secret."));
        Assert.That(
            () => noStore.CreateClient().GetStoreAsync(Store),
            Throws.TypeOf<CloudflareApiException>().With.Message.EqualTo("GetStore failed: HTTP 200 OK: the response has no store."));
        Assert.That(
            () => noName.CreateClient().GetSecretAsync(Store, FakeCloudflare.SecretId),
            Throws.TypeOf<CloudflareApiException>()
                .With.Message.EqualTo("GetSecret failed: HTTP 200 OK: the response lacks the required field 'name'."));
    }

    [Test]
    public async Task ACreateAnswerThatListsANameTwiceIsHandedBackAsItCame()
    {
        using var fake = new FakeCloudflare();
        JObject a = Canned.Secret(id: "id-a", name: "A");
        JObject again = Canned.Secret(id: "id-a2", name: "A");
        JObject b = Canned.Secret(id: "id-b", name: "B");
        fake.AnswerAll(Canned.Success(new JArray(b, a, again)));

        IReadOnlyList<Secret> created = await fake.CreateClient()
            .CreateSecretsAsync(Store, [new NewSecret("A", "v1", ["workers"]), new NewSecret("B", "v2", ["workers"])]);

        Assert.That(
            created.Select(s => s.Id),
            Is.EqualTo(new[] { "id-b", "id-a", "id-a2" }),
            "no order can be made of an answer with a name twice");
    }

    [Test]
    public void ANameRepeatedAfterTheFirstEntryIsRefusedBeforeSending()
    {
        using var fake = new FakeCloudflare();

        Assert.That(
            () => fake.CreateClient().CreateSecretsAsync(
                Store,
                [
                    new NewSecret("A", "v", ["workers"]),
                    new NewSecret("B", "v", ["workers"]),
                    new NewSecret("C", "v", ["workers"]),
                    new NewSecret("B", "v", ["workers"]),
                ]),
            Throws.ArgumentException.With.Message.StartsWith("secrets[3].Name repeats a name given earlier in the list"));
        Assert.That(fake.Requests, Is.Empty);
    }

    [Test]
    public async Task ANameWithANonAsciiLetterIsSent_AndWhiteSpaceAfterItIsFoundWhereItIs()
    {
        // Only white space and control characters are refused in a name; the server judges the rest.
        using var fake = new FakeCloudflare();
        fake.AnswerAll(Canned.Success(new JArray(Canned.Secret(name: "CAFÉ_KEY"))));

        Secret created = await fake.CreateClient().CreateSecretAsync(Store, "CAFÉ_KEY", "v", ["workers"]);

        Assert.That(created.Name, Is.EqualTo("CAFÉ_KEY"));
        Assert.That(
            () => fake.CreateClient().CreateSecretAsync(Store, "CAFÉ KEY", "v", ["workers"]),
            Throws.ArgumentException.With.Message.Contains("found U+0020 at position 4 of 8"));
    }

    [Test]
    public void ListOptionsOutsideTheirEnumsAreRefusedBeforeSending()
    {
        using var fake = new FakeCloudflare();
        SecretsStoreClient client = fake.CreateClient();

        Assert.That(
            async () => await client.ListSecretsAsync(Store, new ListSecretsOptions { Direction = (SortDirection)42 }).ToListAsync(),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.StartsWith("Unknown sort direction."));
        Assert.That(
            async () => await client.ListSecretsAsync(Store, new ListSecretsOptions { Order = (SecretOrder)42 }).ToListAsync(),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.StartsWith("Unknown secret order."));
        Assert.That(
            async () => await client.ListStoresAsync(new ListStoresOptions { Order = (StoreOrder)42 }).ToListAsync(),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.StartsWith("Unknown store order."));
        Assert.That(fake.Requests, Is.Empty);
    }
}
