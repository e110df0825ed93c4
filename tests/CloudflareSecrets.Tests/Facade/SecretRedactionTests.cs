using System.Net;
using CloudflareSecrets.Tests.Facade.Support;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>A secret value (and a credential) never shows up in text the client produces: messages, ToString, logs.</summary>
public class SecretRedactionTests
{
    private const string Sentinel = "SENTINEL-VALUE-7f3a";
    private const string Store = FakeCloudflare.StoreId;

    /// <summary>Oversized (65,537+ bytes) with the sentinel at the start, the middle and the end.</summary>
    private static readonly string OversizedValue = Sentinel + new string('x', 32_768) + Sentinel + new string('y', 32_768) + Sentinel;

    [Test]
    public void NewSecretToStringMasksTheValue()
    {
        var secret = new NewSecret("MY_API_KEY", Sentinel, [SecretScopes.Workers], "a comment");

        Assert.That(
            secret.ToString(),
            Does.Not.Contain(Sentinel).And.Contain("Value = ***").And.Contain("MY_API_KEY").And.Contain("a comment"));
    }

    [Test]
    public void SecretUpdateToStringMasksTheValue()
    {
        var update = new SecretUpdate { Value = Sentinel, Comment = "rotated" };

        Assert.That(update.ToString(), Does.Not.Contain(Sentinel).And.Contain("Value = ***").And.Contain("rotated"));
        Assert.That(new SecretUpdate { Comment = "c" }.ToString(), Does.Contain("Value = (unchanged)"));
    }

    [Test]
    public void OptionsToStringShowsNeitherTheTokenNorTheGlobalKey()
    {
        var withToken = new SecretsStoreClientOptions { ApiToken = Sentinel, AccountId = FakeCloudflare.AccountId };
        var withKey = new SecretsStoreClientOptions { Email = "me@example.com", ApiKey = Sentinel };

        Assert.That(withToken.ToString(), Does.Not.Contain(Sentinel).And.Contain("API token (***)").And.Contain(FakeCloudflare.AccountId));
        Assert.That(withKey.ToString(), Does.Not.Contain(Sentinel).And.Contain("email + global API key (***)"));
    }

    [Test]
    public void InvalidOptionsNeverQuoteTheToken()
    {
        var options = new SecretsStoreClientOptions { ApiToken = Sentinel + " " + Sentinel, Email = "me@example.com" };

        ArgumentException? exception = Assert.Throws<ArgumentException>(() => new SecretsStoreClient(options));

        Assert.That(exception!.Message, Does.Contain("ApiToken contains white space"));
        AssertNoSentinel(exception);
    }

    [TestCaseSource(nameof(OversizedValueCalls))]
    public void AnOversizedValueIsRejectedWithoutQuotingIt(Func<ISecretsStoreClient, Task> call)
    {
        using var fake = new FakeCloudflare();

        ArgumentException? exception = Assert.CatchAsync<ArgumentException>(() => call(fake.CreateClient()));

        Assert.That(exception!.Message, Does.Contain("bytes"));
        AssertNoSentinel(exception);
        Assert.That(fake.Requests, Is.Empty);
    }

    [TestCaseSource(nameof(CallsThatSendTheSentinel))]
    public void AServerErrorThatEchoesTheValueIsMasked(Func<ISecretsStoreClient, Task> call, HttpStatusCode status)
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(
            Canned.Failure(
                [Canned.Error(10021, $"value '{Sentinel}' is not allowed", pointer: "/0/value"), Canned.Error(10022, Sentinel)],
                [Canned.Error(10100, $"received {Sentinel}")]),
            status);

        CloudflareApiException? exception = Assert.CatchAsync<CloudflareApiException>(() => call(fake.CreateClient()));

        Assert.That(exception!.Errors.Select(e => e.Message), Is.EqualTo(new[] { "value '***' is not allowed", "***" }));
        Assert.That(exception.Messages.Single().Message, Is.EqualTo("received ***"));
        AssertNoSentinel(exception);
    }

    [Test]
    public void AnEchoedValueIsMaskedBeforeALongMessageIsClipped()
    {
        using var fake = new FakeCloudflare();
        // The sentinel straddles the 300-character clip: clipping first would leave its first part in the message.
        fake.AnswerAll(Canned.Failure(10021, new string('x', 285) + Sentinel + " is invalid"), HttpStatusCode.BadRequest);

        CloudflareValidationException? exception = Assert.ThrowsAsync<CloudflareValidationException>(
            () => fake.CreateClient().CreateSecretAsync(Store, "MY_API_KEY", Sentinel, [SecretScopes.Workers]));

        Assert.That(exception!.Errors.Single().Message, Does.Not.Contain("SENTINEL").And.EndWith("*** is invalid"));
        Assert.That(exception.Message, Does.Not.Contain("SENTINEL"));
    }

    [Test]
    public void EveryBatchMasksItsOwnValues()
    {
        using var fake = new FakeCloudflare();
        fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl())
            .Respond("application/json", Canned.Success(new JArray(Canned.Secret(id: "id1", name: "A"))));
        fake.Mock.Expect(HttpMethod.Post, FakeCloudflare.SecretsUrl())
            .Respond(HttpStatusCode.BadRequest, "application/json", Canned.Failure(10021, $"value {Sentinel}-B rejected"));
        SecretsStoreClient client = fake.CreateClient(o => o.CreateBatchSize = 1);

        SecretsPartiallyCreatedException? partial = Assert.ThrowsAsync<SecretsPartiallyCreatedException>(
            () => client.CreateSecretsAsync(
                Store,
                [new NewSecret("A", "plain-a", [SecretScopes.Workers]), new NewSecret("B", Sentinel + "-B", [SecretScopes.Workers])]));
        var exception = (CloudflareValidationException)partial!.InnerException!;

        Assert.That(exception.Errors.Single().Message, Is.EqualTo("value *** rejected"));
        AssertNoSentinel(exception);
        AssertNoSentinel(partial);
    }

    private static void AssertNoSentinel(Exception exception)
    {
        Assert.That(exception.Message, Does.Not.Contain(Sentinel), "Message");
        Assert.That(exception.ToString(), Does.Not.Contain(Sentinel), "ToString()");
    }

    private static IEnumerable<TestCaseData> OversizedValueCalls()
    {
        yield return Call("CreateSecretAsync", c => c.CreateSecretAsync(Store, "MY_API_KEY", OversizedValue, [SecretScopes.Workers]));
        yield return Call(
            "CreateSecretsAsync",
            c => c.CreateSecretsAsync(Store, [new NewSecret("MY_API_KEY", OversizedValue, [SecretScopes.Workers])]));
        yield return Call(
            "UpdateSecretAsync",
            c => c.UpdateSecretAsync(Store, FakeCloudflare.SecretId, new SecretUpdate { Value = OversizedValue }));

        static TestCaseData Call(string name, Func<ISecretsStoreClient, Task> call) => new TestCaseData(call).SetArgDisplayNames(name);
    }

    private static IEnumerable<TestCaseData> CallsThatSendTheSentinel()
    {
        foreach (HttpStatusCode status in new[]
            { HttpStatusCode.BadRequest, HttpStatusCode.Conflict, HttpStatusCode.InternalServerError, HttpStatusCode.OK })
        {
            string code = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return new TestCaseData(
                    (Func<ISecretsStoreClient, Task>)(c => c.CreateSecretAsync(Store, "MY_API_KEY", Sentinel, [SecretScopes.Workers])),
                    status)
                .SetArgDisplayNames("CreateSecretAsync", code);
            yield return new TestCaseData(
                    (Func<ISecretsStoreClient, Task>)(c => c.CreateSecretsAsync(
                        Store,
                        [new NewSecret("A", "other", [SecretScopes.Workers]), new NewSecret("B", Sentinel, [SecretScopes.Workers])])),
                    status)
                .SetArgDisplayNames("CreateSecretsAsync", code);
            yield return new TestCaseData(
                    (Func<ISecretsStoreClient, Task>)(c =>
                        c.UpdateSecretAsync(Store, FakeCloudflare.SecretId, new SecretUpdate { Value = Sentinel })),
                    status)
                .SetArgDisplayNames("UpdateSecretAsync", code);
        }
    }
}
