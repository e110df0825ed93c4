using CloudflareSecrets.Tests.Resilience.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.Resilience;

/// <summary>What IHttpClientFactory logs for the registered client, with logging at its most verbose.</summary>
public class HttpClientFactoryLoggingTests
{
    [TestCase("token-5e0c-never-logged", null, null)]
    [TestCase(null, "email-5e0c@example.invalid", "key-5e0c-never-logged")]
    public async Task FactoryEvents_AtTrace_CarryNoCredentialInTextStateOrScope(string? token, string? email, string? key)
    {
        var capture = new CapturingLoggerProvider();
        using var server = new ScriptedServer([Reply.Success(Api.ListSecrets)]);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        services.AddCloudflareSecretsStore(o =>
            {
                o.ApiToken = token ?? string.Empty;
                o.Email = email ?? string.Empty;
                o.ApiKey = key ?? string.Empty;
                o.AccountId = Api.Account;
            })
            .ConfigurePrimaryHttpMessageHandler(() => server.Handler);
        await using ServiceProvider provider = services.BuildServiceProvider();

        ISecretsStoreClient client = provider.GetRequiredService<ISecretsStoreClient>();
        await foreach (Secret _ in client.ListSecretsAsync(Api.StoreId, new ListSecretsOptions { Search = "MY" }))
        {
        }

        LogEntry[] factory = capture.Entries.Where(e => e.Category.StartsWith("System.Net.Http.HttpClient.", StringComparison.Ordinal))
            .ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                factory.Select(e => e.Message),
                Has.Member(
                    "Sending HTTP request GET https://api.cloudflare.com/client/v4/accounts/{account_id}"
                    + "/secrets_store/stores/{store_id}/secrets"),
                "the route template, as the client's own events show it");
            Assert.That(
                factory.Any(
                    e => e.Message.StartsWith("Received HTTP response GET", StringComparison.Ordinal) && Equals(e["StatusCode"], 200)),
                Is.True,
                "the answered event with its status");
            foreach (string credential in new[] { token, email, key }.OfType<string>())
            {
                Assert.That(
                    capture.Entries.Select(e => e.AllText),
                    Has.None.Contains(credential),
                    "no event, state value or scope holds a credential");
            }
        }
    }

    [Test]
    public async Task FactoryEvents_ShowTheRouteTemplateOfTheClientsOwnEvents_NotTheIds()
    {
        var capture = new CapturingLoggerProvider();
        using var server = new ScriptedServer([Reply.Success(Api.ListSecrets)]);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(capture));
        services.AddCloudflareSecretsStore(o => { o.ApiToken = "token-route-template"; o.AccountId = Api.Account; })
            .ConfigurePrimaryHttpMessageHandler(() => server.Handler);
        await using ServiceProvider provider = services.BuildServiceProvider();

        await foreach (Secret _ in provider.GetRequiredService<ISecretsStoreClient>().ListSecretsAsync(Api.StoreId))
        {
        }

        LogEntry own = capture.Entries.Single(e => e.Category == typeof(SecretsStoreClient).FullName && e.EventId.Id == 1);
        LogEntry[] factory = capture.Entries.Where(e => e.Category.StartsWith("System.Net.Http.HttpClient.", StringComparison.Ordinal))
            .ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(own["Route"], Is.EqualTo("accounts/{account_id}/secrets_store/stores/{store_id}/secrets"));
            Assert.That(factory, Has.Length.EqualTo(2), "sending and answered");
            Assert.That(factory.Select(e => e["Uri"]), Has.All.EqualTo("https://api.cloudflare.com/client/v4/" + own["Route"]));
            Assert.That(
                factory.Select(e => e.AllText),
                Has.None.Contains("/" + Api.StoreId + "/").And.None.Contains("/" + Api.Account + "/"));
        }
    }

    [Test]
    public async Task FactoryEvents_ForARequestTheClientDidNotMake_ShowItsPathWithTheQueryMasked()
    {
        // Someone else's request through the registered HttpClient: no route template to show, so its path, and only a
        // mark where its query (which may carry a credential) was.
        var capture = new CapturingLoggerProvider();
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(System.Net.HttpStatusCode.NoContent);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        services.AddCloudflareSecretsStore(o => { o.ApiToken = "token-foreign"; o.AccountId = Api.Account; })
            .ConfigurePrimaryHttpMessageHandler(() => mock);
        await using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ISecretsStoreClient));

        (await http.GetAsync(new Uri("https://other.example/v1/things?key=query-secret-77"))).Dispose();
        (await http.GetAsync(new Uri("https://other.example/v1/plain"))).Dispose();

        string[] sending = [
            .. capture.Entries.Where(e => e.Message.StartsWith("Sending HTTP request", StringComparison.Ordinal)).Select(e => e.Message)];
        Assert.That(sending, Is.EqualTo(new[]
        {
            "Sending HTTP request GET https://other.example/v1/things?*",
            "Sending HTTP request GET https://other.example/v1/plain",
        }));
        Assert.That(capture.Entries.Select(e => e.AllText), Has.None.Contains("query-secret-77"));
    }
}
