using CloudflareSecrets.Tests.Facade.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>
/// Lifetimes and several accounts with dependency injection: one request pipeline per registration however often the
/// client is resolved, and named registrations resolved as keyed services, each with its own options and validation.
/// </summary>
[NonParallelizable]
public class NamedRegistrationTests
{
    private const string ProdAccount = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string StagingAccount = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private static readonly string QuotaAnswer =
        Canned.Success(new JObject { ["secrets"] = new JObject { ["quota"] = 100, ["usage"] = 1 } });

    [Test]
    public async Task ThePipelineIsBuiltOnce_AcrossManyResolutionsAndScopes()
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(QuotaAnswer);
        var services = new ServiceCollection();
        services.AddCloudflareSecretsStore(o => { o.ApiToken = "token-lifetime-1"; o.AccountId = ProdAccount; })
            .ConfigurePrimaryHttpMessageHandler(() => new PassThroughHandler(fake.CreateInvoker()));
        await using ServiceProvider provider = services.BuildServiceProvider();

        var clients = new List<ISecretsStoreClient>();
        for (int i = 0; i < 20; i++)
        {
            await using AsyncServiceScope scope = provider.CreateAsyncScope();
            clients.Add(scope.ServiceProvider.GetRequiredService<ISecretsStoreClient>());
            clients.Add(provider.GetRequiredService<ISecretsStoreClient>());
        }

        await clients[^1].GetQuotaAsync();

        Assert.That(clients.Distinct().Count(), Is.EqualTo(clients.Count), "the client itself is transient, as IHttpClientFactory wants");
        Assert.That(
            clients.Select(c => ((SecretsStoreClient)c).Pipeline).Distinct().Count(),
            Is.EqualTo(1),
            "one pipeline behind all of them");
        Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.Url("quota", ProdAccount)));
    }

    [Test]
    public async Task KeyedRegistrations_ResolveDistinctClients_WithTheirOwnOptions()
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(QuotaAnswer);
        var services = new ServiceCollection();
        services.AddCloudflareSecretsStore("prod", o => { o.ApiToken = "token-prod"; o.AccountId = ProdAccount; })
            .ConfigurePrimaryHttpMessageHandler(() => new PassThroughHandler(fake.CreateInvoker()));
        services.AddCloudflareSecretsStore("staging", o =>
            {
                o.ApiToken = "token-staging";
                o.AccountId = StagingAccount;
                o.BaseUrl = new Uri("https://staging.example/client/v4/");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new PassThroughHandler(fake.CreateInvoker()));
        await using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        ISecretsStoreClient prod = provider.GetRequiredKeyedService<ISecretsStoreClient>("prod");
        ISecretsStoreClient staging = provider.GetRequiredKeyedService<ISecretsStoreClient>("staging");
        await prod.GetQuotaAsync();
        await staging.GetQuotaAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(((SecretsStoreClient)prod).Pipeline, Is.Not.SameAs(((SecretsStoreClient)staging).Pipeline));
            Assert.That(
                ((SecretsStoreClient)provider.GetRequiredKeyedService<ISecretsStoreClient>("prod")).Pipeline,
                Is.SameAs(((SecretsStoreClient)prod).Pipeline));
            Assert.That(
                fake.Requests.Select(r => r.Url),
                Is.EqualTo(new[]
                {
                    FakeCloudflare.Url("quota", ProdAccount),
                    $"https://staging.example/client/v4/accounts/{StagingAccount}/secrets_store/quota",
                }));
            Assert.That(
                fake.Requests.Select(r => r.Header("Authorization")),
                Is.EqualTo(new[] { "Bearer token-prod", "Bearer token-staging" }));
            Assert.That(provider.GetService<ISecretsStoreClient>(), Is.Null, "named registrations add no default client");
        }
    }

    [Test]
    public async Task FromKeyedServices_InjectsTheNamedClient()
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(QuotaAnswer);
        var services = new ServiceCollection();
        services.AddCloudflareSecretsStore(o => { o.ApiToken = "token-default"; o.AccountId = StagingAccount; })
            .ConfigurePrimaryHttpMessageHandler(() => new PassThroughHandler(fake.CreateInvoker()));
        services.AddCloudflareSecretsStore("prod", o => { o.ApiToken = "token-prod"; o.AccountId = ProdAccount; })
            .ConfigurePrimaryHttpMessageHandler(() => new PassThroughHandler(fake.CreateInvoker()));
        services.AddTransient<ProdConsumer>();
        await using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ProdConsumer>().Client.GetQuotaAsync();
        await provider.GetRequiredService<ISecretsStoreClient>().GetQuotaAsync();

        Assert.That(
            fake.Requests.Select(r => r.Header("Authorization")),
            Is.EqualTo(new[] { "Bearer token-prod", "Bearer token-default" }));
    }

    [Test]
    public void AnInvalidNamedRegistration_FailsStartup_NamingItsOptionsAndRule()
    {
        var services = new ServiceCollection();
        services.AddCloudflareSecretsStore("prod", o => { o.ApiToken = "token-prod"; o.AccountId = ProdAccount; });
        services.AddCloudflareSecretsStore("staging", o => { o.ApiToken = "token-staging"; o.AccountId = "acc\\1"; });
        using ServiceProvider provider = services.BuildServiceProvider();

        OptionsValidationException? exception =
            Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(exception!.OptionsName, Is.EqualTo("staging"));
        Assert.That(exception.Failures, Has.Some.Contains("AccountId must be 1 to 32 characters").And.Contains("found '\\' at position 3"));
        Assert.That(() => provider.GetRequiredKeyedService<ISecretsStoreClient>("staging"), Throws.TypeOf<OptionsValidationException>());
        Assert.That(provider.GetRequiredKeyedService<ISecretsStoreClient>("prod"), Is.Not.Null);
    }

    [Test]
    public void ANamedRegistration_DoesNotReadTheEnvironment()
    {
        string? saved = Environment.GetEnvironmentVariable("CLOUDFLARE_API_TOKEN");
        Environment.SetEnvironmentVariable("CLOUDFLARE_API_TOKEN", "token-from-environment");
        try
        {
            var services = new ServiceCollection();
            services.AddCloudflareSecretsStore("prod", o => o.AccountId = ProdAccount);
            using ServiceProvider provider = services.BuildServiceProvider();

            OptionsValidationException? exception =
                Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

            Assert.That(exception!.Failures, Has.Some.Contains("No credentials"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CLOUDFLARE_API_TOKEN", saved);
        }
    }

    [Test]
    public void ANamedRegistration_NeedsAName()
    {
        var services = new ServiceCollection();

        Assert.That(
            () => services.AddCloudflareSecretsStore(string.Empty, _ => { }),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("name"));
        Assert.That(
            () => services.AddCloudflareSecretsStore(null!, _ => { }),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("name"));
    }

    private sealed class ProdConsumer([FromKeyedServices("prod")] ISecretsStoreClient client)
    {
        public ISecretsStoreClient Client { get; } = client;
    }

    /// <summary>Hands requests to the fake's recording pipeline, which the factory must not dispose.</summary>
    [Test]
    public async Task EachNamedRegistrationHasItsOwnHttpClient_AndItsHandlersOnly()
    {
        // The builder each registration returns configures that registration's HttpClient alone: a handler added for
        // prod never sees staging's requests (or the reverse), whatever order they were registered in.
        using var fake = new FakeCloudflare();
        fake.AnswerAll(QuotaAnswer);
        var services = new ServiceCollection();
        services.AddCloudflareSecretsStore("prod", o => { o.ApiToken = "token-prod"; o.AccountId = ProdAccount; })
            .ConfigurePrimaryHttpMessageHandler(() => new PassThroughHandler(fake.CreateInvoker()))
            .AddHttpMessageHandler(() => new TaggingHandler("prod"));
        services.AddCloudflareSecretsStore("staging", o => { o.ApiToken = "token-staging"; o.AccountId = StagingAccount; })
            .ConfigurePrimaryHttpMessageHandler(() => new PassThroughHandler(fake.CreateInvoker()))
            .AddHttpMessageHandler(() => new TaggingHandler("staging"));
        await using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<ISecretsStoreClient>("prod").GetQuotaAsync();
        await provider.GetRequiredKeyedService<ISecretsStoreClient>("staging").GetQuotaAsync();

        Assert.That(fake.Requests.Select(r => r.Header("X-Registration")), Is.EqualTo(new[] { "prod", "staging" }));
    }

    [Test]
    public async Task ANamedRegistrationBindsItsOptionsFromConfiguration()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cloudflare:Prod:ApiToken"] = "token-from-configuration",
            ["Cloudflare:Prod:AccountId"] = ProdAccount,
        }).Build();
        using var fake = new FakeCloudflare();
        fake.AnswerAll(QuotaAnswer);
        var services = new ServiceCollection();
        services.AddCloudflareSecretsStore("prod", configuration.GetSection("Cloudflare:Prod"))
            .ConfigurePrimaryHttpMessageHandler(() => new PassThroughHandler(fake.CreateInvoker()));
        await using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        await provider.GetRequiredKeyedService<ISecretsStoreClient>("prod").GetQuotaAsync();

        Assert.That(fake.Requests.Single().Url, Is.EqualTo(FakeCloudflare.Url("quota", ProdAccount)));
        Assert.That(fake.Requests.Single().Header("Authorization"), Is.EqualTo("Bearer token-from-configuration"));
        Assert.That(
            () => new ServiceCollection().AddCloudflareSecretsStore("prod", (IConfiguration)null!),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("configuration"));
        Assert.That(
            () => new ServiceCollection().AddCloudflareSecretsStore(string.Empty, configuration),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("name"));
        Assert.That(
            () => ((IServiceCollection)null!).AddCloudflareSecretsStore("prod", configuration),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("services"));
    }

    [Test]
    public void EveryRegistrationRefusesAMissingArgument()
    {
        var services = new ServiceCollection();
        IConfiguration configuration = new ConfigurationBuilder().Build();

        Assert.That(
            () => ((IServiceCollection)null!).AddCloudflareSecretsStore(o => { }),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("services"));
        Assert.That(
            () => services.AddCloudflareSecretsStore((Action<SecretsStoreClientOptions>)null!),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("configure"));
        Assert.That(
            () => ((IServiceCollection)null!).AddCloudflareSecretsStore(configuration),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("services"));
        Assert.That(
            () => services.AddCloudflareSecretsStore((IConfiguration)null!),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("configuration"));
        Assert.That(
            () => ((IServiceCollection)null!).AddCloudflareSecretsStore("prod", o => { }),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("services"));
        Assert.That(
            () => services.AddCloudflareSecretsStore("prod", (Action<SecretsStoreClientOptions>)null!),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("configure"));
        Assert.That(services, Is.Empty, "nothing registered on the way");
    }

    /// <summary>Marks every request it passes with the registration it belongs to.</summary>
    private sealed class TaggingHandler(string registration) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Registration", registration);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class PassThroughHandler(HttpMessageInvoker target) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            target.SendAsync(request, cancellationToken);
    }
}
