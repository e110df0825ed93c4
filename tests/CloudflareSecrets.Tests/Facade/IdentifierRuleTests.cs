using CloudflareSecrets.Tests.Facade.Support;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>
/// One identifier rule for the options' <c>AccountId</c> and for every id a call takes: an id the options accept is never
/// refused by a call, and a refused one is refused in both places with the same reason.
/// </summary>
public class IdentifierRuleTests
{
    /// <summary>One id per rejected class (label, id, the reason both places give).</summary>
    private static readonly (string Label, string Id, string Reason)[] Rejected =
    [
        ("empty", string.Empty, "An identifier must not be empty."),
        ("33 characters", new string('a', 33), "An identifier must be at most 32 characters; this one has 33."),
        ("a slash", "acc/1", "found '/' at position 3."),
        ("a question mark", "acc?1", "found '?' at position 3."),
        ("a hash", "acc#1", "found '#' at position 3."),
        ("a percent sign", "acc%2F", "found '%' at position 3."),
        ("a backslash", "acc\\1", "found '\\' at position 3."),
        ("a space", "acc 1", "found U+0020 at position 3."),
        ("a tab", "acc\t1", "found U+0009 at position 3."),
        ("a no-break space", "acc\u00A01", "found U+00A0 at position 3."),
        ("a control character", "acc\u00071", "found U+0007 at position 3."),
        ("a line break", "acc\n1", "found U+000A at position 3."),
        ("a DEL control character", "acc\u007F1", "found U+007F at position 3."),
        ("a slash after a non-ASCII letter", "ключ/1", "found '/' at position 4."),
        ("the dot segment '.'", ".", "An identifier must not be '.' or '..'"),
        ("the dot segment '..'", "..", "An identifier must not be '.' or '..'"),
    ];

    private static IEnumerable<TestCaseData> RejectedCases() =>
        Rejected.Select(r => new TestCaseData(r.Id, r.Reason).SetArgDisplayNames(r.Label));

    [TestCaseSource(nameof(RejectedCases))]
    public void OptionsRefuseTheAccountId_WithTheReasonACallGives(string id, string reason)
    {
        var options = new SecretsStoreClientOptions { ApiToken = FakeCloudflare.ApiToken, AccountId = id };

        IReadOnlyList<string> problems = options.ProblemMessages();

        Assert.That(
            problems,
            Has.Exactly(1).StartsWith(
                "AccountId must be 1 to 32 characters without '/', '?', '#', '%', '\\', white space or control characters, "
                + "and not '.' or '..'").And.Contains(reason));
    }

    [TestCaseSource(nameof(RejectedCases))]
    public void EveryCallRefusesTheSameAccountId_BeforeSending(string id, string reason)
    {
        using var fake = new FakeCloudflare();
        SecretsStoreClient client = fake.CreateClient();

        foreach (Operation operation in Operations.All)
        {
            ArgumentException? refused = Assert.CatchAsync<ArgumentException>(
                () => operation.Invoke(client, id, CancellationToken.None),
                operation.Name);
            Assert.That(refused!.ParamName, Is.EqualTo("accountId"), operation.Name);
            Assert.That(refused.Message, Does.Contain(reason), operation.Name);
        }

        Assert.That(fake.Requests, Is.Empty);
    }

    [TestCaseSource(nameof(RejectedCases))]
    public void StoreAndSecretIdsFollowTheSameRule(string id, string reason)
    {
        using var fake = new FakeCloudflare();
        SecretsStoreClient client = fake.CreateClient();

        ArgumentException? store = Assert.CatchAsync<ArgumentException>(() => client.GetStoreAsync(id));
        ArgumentException? secret = Assert.CatchAsync<ArgumentException>(() => client.DeleteSecretAsync(FakeCloudflare.StoreId, id));
        ArgumentException? inList = Assert.CatchAsync<ArgumentException>(
            () => client.DeleteSecretsAsync(FakeCloudflare.StoreId, [FakeCloudflare.SecretId, id]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(store!.Message, Does.Contain(reason));
            Assert.That(secret!.Message, Does.Contain(reason));
            Assert.That(inList!.Message, Does.StartWith("Identifier 1 is invalid: ").And.Contains(reason));
            Assert.That(fake.Requests, Is.Empty);
        }
    }

    [TestCase("0123456789abcdef0123456789abcdef")]
    [TestCase("a.b")]
    [TestCase("...")]
    [TestCase("acc-1_2")]
    public async Task AnAccountIdTheOptionsAccept_IsSentAsIs(string id)
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(Canned.Success(new JObject { ["secrets"] = new JObject { ["quota"] = 100, ["usage"] = 1 } }));
        var options = new SecretsStoreClientOptions { ApiToken = FakeCloudflare.ApiToken, AccountId = id };

        Assert.That(options.ProblemMessages(), Is.Empty);
        await new SecretsStoreClient(options, fake.CreateHttpClient()).GetQuotaAsync();

        Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.Url("quota", id)));
    }

    [Test]
    public async Task ANonAsciiAccountIdIsAcceptedAndSentEscaped()
    {
        const string id = "ключ-1";
        using var fake = new FakeCloudflare();
        fake.AnswerAll(Canned.Success(new JObject { ["secrets"] = new JObject { ["quota"] = 100, ["usage"] = 1 } }));
        var options = new SecretsStoreClientOptions { ApiToken = FakeCloudflare.ApiToken, AccountId = id };

        Assert.That(options.ProblemMessages(), Is.Empty);
        await new SecretsStoreClient(options, fake.CreateHttpClient()).GetQuotaAsync();

        Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.Url("quota", Uri.EscapeDataString(id))));
    }
}
