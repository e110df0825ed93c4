using CloudflareSecrets.Tests.Facade.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>
/// <c>AddCloudflareSecretsStore</c>: registration, configuration binding, environment variables and startup validation.
/// The <c>CLOUDFLARE_*</c> variables are process-wide: every test starts with them cleared and they are restored after.
/// </summary>
[NonParallelizable]
public class DependencyInjectionTests
{
    private static readonly string[] Variables =
        ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_KEY", "CLOUDFLARE_EMAIL", "CLOUDFLARE_ACCOUNT_ID", "CLOUDFLARE_BASE_URL"];
    private static readonly string QuotaAnswer =
        Canned.Success(new JObject { ["secrets"] = new JObject { ["quota"] = 100, ["usage"] = 1 } });

    private Dictionary<string, string?> _saved = [];

    [SetUp]
    public void ClearEnvironment()
    {
        _saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        foreach (string variable in Variables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [TearDown]
    public void RestoreEnvironment()
    {
        foreach ((string variable, string? value) in _saved)
        {
            Environment.SetEnvironmentVariable(variable, value);
        }
    }

    [Test]
    public async Task ResolvesTheClientAndSendsThroughThePrimaryHandlerPluggedIn()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, FakeCloudflare.Url("quota"))
            .WithHeaders("Authorization", "Bearer " + FakeCloudflare.ApiToken)
            .Respond("application/json", QuotaAnswer);
        var services = new ServiceCollection();
        services.AddCloudflareSecretsStore(o => { o.ApiToken = FakeCloudflare.ApiToken; o.AccountId = FakeCloudflare.AccountId; })
            .ConfigurePrimaryHttpMessageHandler(() => mock);
        using ServiceProvider provider = services.BuildServiceProvider();

        ISecretsStoreClient client = provider.GetRequiredService<ISecretsStoreClient>();
        SecretsQuota quota = await client.GetQuotaAsync();

        Assert.That(client, Is.TypeOf<SecretsStoreClient>());
        Assert.That(quota.Usage, Is.EqualTo(1));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void TheHttpClientTheContainerBuildsHasNoTimeoutOfItsOwn()
    {
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddCloudflareSecretsStore(o =>
        {
            o.ApiToken = FakeCloudflare.ApiToken;
            o.AccountId = FakeCloudflare.AccountId;
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        // The very HttpClient the typed client gets: the factory builds it by the builder's name.
        using HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(builder.Name);

        Assert.That(
            http.Timeout,
            Is.EqualTo(Timeout.InfiniteTimeSpan),
            "HttpClient's default 100 s would cut attempts that Retry.AttemptTimeout allows");
    }

    [Test]
    public async Task BindsTheOptionsFromAConfigurationSection()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cloudflare:ApiToken"] = "config-token",
            ["Cloudflare:AccountId"] = FakeCloudflare.OtherAccountId,
            ["Cloudflare:BaseUrl"] = "https://emulator.example/client/v4",
            ["Cloudflare:CreateBatchSize"] = "2",
        }).Build();
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, $"https://emulator.example/client/v4/accounts/{FakeCloudflare.OtherAccountId}/secrets_store/quota")
            .WithHeaders("Authorization", "Bearer config-token")
            .Respond("application/json", QuotaAnswer);
        var services = new ServiceCollection();
        services.AddCloudflareSecretsStore(configuration.GetSection(SecretsStoreClientOptions.SectionName))
            .ConfigurePrimaryHttpMessageHandler(() => mock);
        using ServiceProvider provider = services.BuildServiceProvider();

        SecretsStoreClientOptions options = provider.GetRequiredService<IOptions<SecretsStoreClientOptions>>().Value;
        await provider.GetRequiredService<ISecretsStoreClient>().GetQuotaAsync();

        Assert.That(options.ApiToken, Is.EqualTo("config-token"));
        Assert.That(options.CreateBatchSize, Is.EqualTo(2));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task ReadsTokenAccountAndBaseUrlFromTheEnvironment()
    {
        Environment.SetEnvironmentVariable("CLOUDFLARE_API_TOKEN", "env-token");
        Environment.SetEnvironmentVariable("CLOUDFLARE_ACCOUNT_ID", FakeCloudflare.OtherAccountId);
        Environment.SetEnvironmentVariable("CLOUDFLARE_BASE_URL", "http://127.0.0.1:8787/client/v4");
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, $"http://127.0.0.1:8787/client/v4/accounts/{FakeCloudflare.OtherAccountId}/secrets_store/quota")
            .WithHeaders("Authorization", "Bearer env-token")
            .Respond("application/json", QuotaAnswer);
        var services = new ServiceCollection();
        services.AddCloudflareSecretsStore().ConfigurePrimaryHttpMessageHandler(() => mock);
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        await provider.GetRequiredService<ISecretsStoreClient>().GetQuotaAsync();

        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task ReadsEmailAndGlobalKeyFromTheEnvironment()
    {
        Environment.SetEnvironmentVariable("CLOUDFLARE_EMAIL", "me@example.com");
        Environment.SetEnvironmentVariable("CLOUDFLARE_API_KEY", "env-global-key");
        Environment.SetEnvironmentVariable("CLOUDFLARE_ACCOUNT_ID", FakeCloudflare.AccountId);
        using var fake = new FakeCloudflare();
        fake.AnswerAll(QuotaAnswer);
        using ServiceProvider provider = Build(services => services.AddCloudflareSecretsStore(), fake);

        await provider.GetRequiredService<ISecretsStoreClient>().GetQuotaAsync();

        Assert.That(fake.SingleRequest.Header("X-Auth-Email"), Is.EqualTo("me@example.com"));
        Assert.That(fake.SingleRequest.Header("X-Auth-Key"), Is.EqualTo("env-global-key"));
        Assert.That(fake.SingleRequest.Header("Authorization"), Is.Null);
    }

    [Test]
    public async Task ExplicitSettingsWinOverTheEnvironment()
    {
        Environment.SetEnvironmentVariable("CLOUDFLARE_API_TOKEN", "env-token");
        Environment.SetEnvironmentVariable("CLOUDFLARE_ACCOUNT_ID", FakeCloudflare.OtherAccountId);
        Environment.SetEnvironmentVariable("CLOUDFLARE_BASE_URL", "https://env.example/client/v4/");
        using var fake = new FakeCloudflare();
        fake.AnswerAll(QuotaAnswer);
        using ServiceProvider provider = Build(
            services => services.AddCloudflareSecretsStore(o =>
            {
                o.ApiToken = "explicit-token";
                o.AccountId = FakeCloudflare.AccountId;
                o.BaseUrl = new Uri(FakeCloudflare.BaseUrl);
            }),
            fake);

        await provider.GetRequiredService<ISecretsStoreClient>().GetQuotaAsync();

        Assert.That(fake.SingleRequest.Header("Authorization"), Is.EqualTo("Bearer explicit-token"));
        Assert.That(fake.SingleRequest.Url, Does.StartWith(FakeCloudflare.BaseUrl + "accounts/" + FakeCloudflare.AccountId + "/"));
    }

    [Test]
    public async Task ConfigurationWinsOverTheEnvironment()
    {
        Environment.SetEnvironmentVariable("CLOUDFLARE_API_TOKEN", "env-token");
        Environment.SetEnvironmentVariable("CLOUDFLARE_ACCOUNT_ID", FakeCloudflare.OtherAccountId);
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cloudflare:ApiToken"] = "config-token",
            ["Cloudflare:AccountId"] = FakeCloudflare.AccountId,
        }).Build();
        using var fake = new FakeCloudflare();
        fake.AnswerAll(QuotaAnswer);
        using ServiceProvider provider = Build(
            services => services.AddCloudflareSecretsStore(configuration.GetSection("Cloudflare")),
            fake);

        await provider.GetRequiredService<ISecretsStoreClient>().GetQuotaAsync();

        Assert.That(fake.SingleRequest.Header("Authorization"), Is.EqualTo("Bearer config-token"));
        Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.Url("quota")));
    }

    [Test]
    public async Task AnExplicitGlobalKeyWinsOverATokenInTheEnvironment()
    {
        Environment.SetEnvironmentVariable("CLOUDFLARE_API_TOKEN", "env-token");
        using var fake = new FakeCloudflare();
        fake.AnswerAll(QuotaAnswer);
        using ServiceProvider provider = Build(
            services => services.AddCloudflareSecretsStore(o =>
            {
                o.Email = "me@example.com";
                o.ApiKey = "explicit-key";
                o.AccountId = FakeCloudflare.AccountId;
            }),
            fake);

        provider.GetRequiredService<IStartupValidator>().Validate();
        await provider.GetRequiredService<ISecretsStoreClient>().GetQuotaAsync();

        Assert.That(fake.SingleRequest.Header("X-Auth-Key"), Is.EqualTo("explicit-key"));
        Assert.That(fake.SingleRequest.Header("Authorization"), Is.Null);
    }

    [Test]
    public async Task AnExplicitTokenWinsOverAGlobalKeyInTheEnvironment()
    {
        Environment.SetEnvironmentVariable("CLOUDFLARE_EMAIL", "me@example.com");
        Environment.SetEnvironmentVariable("CLOUDFLARE_API_KEY", "env-global-key");
        using var fake = new FakeCloudflare();
        fake.AnswerAll(QuotaAnswer);
        using ServiceProvider provider = Build(
            services => services.AddCloudflareSecretsStore(o => { o.ApiToken = "explicit-token"; o.AccountId = FakeCloudflare.AccountId; }),
            fake);

        provider.GetRequiredService<IStartupValidator>().Validate();
        await provider.GetRequiredService<ISecretsStoreClient>().GetQuotaAsync();

        Assert.That(fake.SingleRequest.Header("Authorization"), Is.EqualTo("Bearer explicit-token"));
        Assert.That(fake.SingleRequest.HeaderNames, Has.None.EqualTo("X-Auth-Key").IgnoreCase.And.None.EqualTo("X-Auth-Email").IgnoreCase);
    }

    [Test]
    public async Task AnExplicitEmailIsCompletedByTheGlobalKeyFromTheEnvironment()
    {
        Environment.SetEnvironmentVariable("CLOUDFLARE_API_KEY", "env-global-key");
        using var fake = new FakeCloudflare();
        fake.AnswerAll(QuotaAnswer);
        using ServiceProvider provider = Build(
            services => services.AddCloudflareSecretsStore(o => { o.Email = "me@example.com"; o.AccountId = FakeCloudflare.AccountId; }),
            fake);

        await provider.GetRequiredService<ISecretsStoreClient>().GetQuotaAsync();

        Assert.That(fake.SingleRequest.Header("X-Auth-Email"), Is.EqualTo("me@example.com"));
        Assert.That(fake.SingleRequest.Header("X-Auth-Key"), Is.EqualTo("env-global-key"));
    }

    [Test]
    public void FromEnvironmentReadsEveryVariable()
    {
        Environment.SetEnvironmentVariable("CLOUDFLARE_API_TOKEN", " env-token ");
        Environment.SetEnvironmentVariable("CLOUDFLARE_ACCOUNT_ID", FakeCloudflare.AccountId);
        Environment.SetEnvironmentVariable("CLOUDFLARE_BASE_URL", "http://localhost:8787/client/v4/");

        var options = SecretsStoreClientOptions.FromEnvironment();

        Assert.That(options.ApiToken, Is.EqualTo("env-token"));
        Assert.That(options.AccountId, Is.EqualTo(FakeCloudflare.AccountId));
        Assert.That(options.BaseUrl, Is.EqualTo(new Uri("http://localhost:8787/client/v4/")));
        Assert.That(options.ProblemMessages(), Is.Empty);
    }

    [Test]
    public void FromEnvironmentGivesInvalidOptionsForAnUnreadableBaseUrl()
    {
        Environment.SetEnvironmentVariable("CLOUDFLARE_API_TOKEN", "env-token");
        Environment.SetEnvironmentVariable("CLOUDFLARE_BASE_URL", "not a url");

        var options = SecretsStoreClientOptions.FromEnvironment();

        Assert.That(options.ProblemMessages(), Has.One.Contains("BaseUrl must be an absolute http(s) URL"));
    }

    [TestCaseSource(typeof(OptionsCases), nameof(OptionsCases.Invalid))]
    public void StartupValidationFailsWithAClearMessageForInvalidOptions(Action<SecretsStoreClientOptions> configure, string rule)
    {
        var services = new ServiceCollection();
        services.AddCloudflareSecretsStore(configure);
        using ServiceProvider provider = services.BuildServiceProvider();

        OptionsValidationException? exception =
            Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(exception!.OptionsType, Is.EqualTo(typeof(SecretsStoreClientOptions)));
        Assert.That(exception.Failures, Has.Some.Contains(rule));
        Assert.That(exception.Message, Does.Contain(rule));
    }

    [TestCaseSource(typeof(OptionsCases), nameof(OptionsCases.Invalid))]
    public void ResolvingTheClientFailsForInvalidOptions(Action<SecretsStoreClientOptions> configure, string rule)
    {
        var services = new ServiceCollection();
        services.AddCloudflareSecretsStore(configure);
        using ServiceProvider provider = services.BuildServiceProvider();

        OptionsValidationException? exception =
            Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ISecretsStoreClient>());

        Assert.That(exception!.Failures, Has.Some.Contains(rule));
    }

    [Test]
    public void StartupValidationFailsWhenNothingIsConfiguredAndTheEnvironmentIsEmpty()
    {
        var services = new ServiceCollection();
        services.AddCloudflareSecretsStore();
        using ServiceProvider provider = services.BuildServiceProvider();

        OptionsValidationException? exception =
            Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(exception!.Failures, Has.Some.Contains("No credentials"));
    }

    [TestCaseSource(typeof(OptionsCases), nameof(OptionsCases.LoopbackBaseUrls))]
    public void StartupValidationAcceptsPlainHttpToALoopbackEmulator(string baseUrl)
    {
        var services = new ServiceCollection();
        services.AddCloudflareSecretsStore(o => { o.ApiToken = "t"; o.BaseUrl = new Uri(baseUrl); });
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<IStartupValidator>().Validate(), Throws.Nothing);
    }

    [Test]
    public void ThrowsArgumentNullExceptionForNullArguments()
    {
        var services = new ServiceCollection();

        Assert.That(
            () => SecretsStoreServiceCollectionExtensions.AddCloudflareSecretsStore(null!),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("services"));
        Assert.That(
            () => services.AddCloudflareSecretsStore((Action<SecretsStoreClientOptions>)null!),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("configure"));
        Assert.That(
            () => services.AddCloudflareSecretsStore((IConfiguration)null!),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("configuration"));
    }

    /// <summary>Registers the client as <paramref name="register"/> says, sending through <paramref name="fake"/>.</summary>
    private static ServiceProvider Build(Func<IServiceCollection, IHttpClientBuilder> register, FakeCloudflare fake)
    {
        var services = new ServiceCollection();
        register(services).ConfigurePrimaryHttpMessageHandler(() => new PassThroughHandler(fake.CreateInvoker()));
        return services.BuildServiceProvider();
    }

    /// <summary>Hands requests to the fake's recording pipeline, which the factory must not dispose.</summary>
    private sealed class PassThroughHandler(HttpMessageInvoker target) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            target.SendAsync(request, cancellationToken);
    }
}
