using System.Net;
using CloudflareSecrets.Tests.Facade.Support;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.Workflows;

public class GetOrCreateStoreTests
{
    private static readonly string StoresUrl = FakeCloudflare.Url("stores");

    /// <summary>
    /// Cloudflare's answer to a second store: HTTP 400, code 1003, maximum_stores_exceeded
    /// (cloudflare/workers-sdk#10052).
    /// </summary>
    private static readonly string MaximumStoresExceeded = Canned.Failure(1003, "maximum_stores_exceeded");

    private static string[] Methods(FakeCloudflare fake) => [.. fake.Requests.Select(r => r.Method.Method)];

    [Test]
    public async Task ReturnsTheAccountsOnlyStoreWithOneListing()
    {
        using var fake = new FakeCloudflare();
        fake.Answer(HttpMethod.Get, StoresUrl, Canned.List(Canned.Store(name: "production")));

        SecretStore store = await fake.CreateClient().GetOrCreateStoreAsync();

        Assert.That(store, Is.EqualTo(Canned.StoreModel(name: "production")));
        Assert.That(fake.SingleRequest.Method, Is.EqualTo(HttpMethod.Get));
    }

    [Test]
    public async Task CreatesTheDefaultStoreWhenTheAccountHasNone()
    {
        using var fake = new FakeCloudflare();
        fake.Answer(HttpMethod.Get, StoresUrl, Canned.List());
        fake.Answer(HttpMethod.Post, StoresUrl, Canned.Success(Canned.Store(name: SecretsStoreWorkflows.DefaultStoreName)));

        SecretStore store = await fake.CreateClient().GetOrCreateStoreAsync();

        Assert.That(store.Name, Is.EqualTo("default_secrets_store"));
        Assert.That(Methods(fake), Is.EqualTo(new[] { "GET", "POST" }));
        fake.Requests[1].AssertJsonBody("""{"name":"default_secrets_store"}""");
    }

    [Test]
    public async Task ReadsAgainWhenAConcurrentCreateWonAndTheLimitRefusedOurs()
    {
        using var fake = new FakeCloudflare();
        fake.Mock.Expect(HttpMethod.Get, StoresUrl).Respond("application/json", Canned.List());
        fake.Mock.Expect(HttpMethod.Post, StoresUrl).Respond(HttpStatusCode.BadRequest, "application/json", MaximumStoresExceeded);
        fake.Mock.Expect(HttpMethod.Get, StoresUrl).Respond("application/json", Canned.List(Canned.Store(name: "keys")));

        SecretStore store = await fake.CreateClient().GetOrCreateStoreAsync("keys");

        Assert.That(store.Name, Is.EqualTo("keys"));
        Assert.That(Methods(fake), Is.EqualTo(new[] { "GET", "POST", "GET" }));
    }

    [Test]
    public void ANameOtherThanTheAccountsStoreFailsWithCloudflaresLimitError()
    {
        using var fake = new FakeCloudflare();
        fake.Answer(HttpMethod.Get, StoresUrl, Canned.List(Canned.Store(name: "production")));
        fake.Answer(HttpMethod.Post, StoresUrl, MaximumStoresExceeded, HttpStatusCode.BadRequest);

        CloudflareApiException? e = Assert.CatchAsync<CloudflareApiException>(() => fake.CreateClient().GetOrCreateStoreAsync("staging"));

        Assert.That(e!.Is(SecretsStoreKnownErrors.MaximumStoresExceeded), Is.True);
        Assert.That(Methods(fake), Is.EqualTo(new[] { "GET", "POST", "GET" }));
    }

    [Test]
    public void AnotherFailureOfTheCreateIsNotAnsweredByReadingAgain()
    {
        using var fake = new FakeCloudflare();
        fake.Answer(HttpMethod.Get, StoresUrl, Canned.List());
        fake.Answer(HttpMethod.Post, StoresUrl, Canned.Failure(10000, "Authentication error"), HttpStatusCode.Forbidden);

        Assert.That(() => fake.CreateClient().GetOrCreateStoreAsync(), Throws.TypeOf<CloudflareAuthorizationException>());
        Assert.That(Methods(fake), Is.EqualTo(new[] { "GET", "POST" }));
    }

    [Test]
    public void AskingForTheOnlyStoreOfAnAccountWithSeveralNamesThem()
    {
        using var fake = new FakeCloudflare();
        fake.Answer(HttpMethod.Get, StoresUrl, Canned.List(Canned.Store(id: "a1", name: "one"), Canned.Store(id: "b2", name: "two")));

        Assert.That(
            () => fake.CreateClient().GetOrCreateStoreAsync(),
            Throws.InvalidOperationException.With.Message.Contains("2 stores (one, two)"));
    }

    [Test]
    public void RejectsABlankNameBeforeSendingAnything()
    {
        using var fake = new FakeCloudflare();

        Assert.That(
            () => fake.CreateClient().GetOrCreateStoreAsync(" "),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("name"));
        Assert.That(fake.Requests, Is.Empty);
    }
}
