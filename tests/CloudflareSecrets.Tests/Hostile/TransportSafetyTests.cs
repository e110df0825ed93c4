using System.Net;
using CloudflareSecrets.Internal;
using CloudflareSecrets.Tests.Facade.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudflareSecrets.Tests.Hostile;

/// <summary>
/// Credentials go to the configured host and nowhere else: the client's own transport never sends to a loopback host
/// through a proxy (a local emulator is reached over plain http), and a caller's <see cref="HttpClient"/> whose handler
/// would follow a redirect or send plain http through a proxy is refused when the client is made. Real loopback listeners
/// stand for the server and the proxy. The system proxy is process-wide: these tests change it, so they run alone.
/// </summary>
[NonParallelizable]
public class TransportSafetyTests
{
    private const string Token = "SENTINEL-TOKEN-60c3";
    private const string Quota = """{"success":true,"errors":[],"messages":[],"result":{"secrets":{"quota":100,"usage":1}}}""";

    private IWebProxy? _systemProxy;

    [SetUp]
    public void RememberTheSystemProxy() => _systemProxy = HttpClient.DefaultProxy;

    [TearDown]
    public void RestoreTheSystemProxy() => HttpClient.DefaultProxy = _systemProxy!;

    [Test]
    public async Task ThePrimaryHandlerSendsToALoopbackHostDirectlyWhateverTheSystemProxy()
    {
        using var server = new LoopbackListener(_ => LoopbackListener.Response(200, Quota));
        using var proxy = new LoopbackListener(_ => LoopbackListener.Response(502, "{}"));
        HttpClient.DefaultProxy = new WebProxy(proxy.Url);
        using var http = new HttpClient(HttpTransport.CreatePrimaryHandler());
        var client = new SecretsStoreClient(Options(server), http);

        SecretsQuota quota = await client.GetQuotaAsync();

        Assert.That(quota.Usage, Is.EqualTo(1));
        Assert.That(proxy.Heads, Is.Empty, "the proxy received nothing");
        Assert.That(
            server.Heads,
            Has.Count.EqualTo(1).And.One.Contains($"Authorization: Bearer {Token}"),
            "the server received the request directly");
    }

    [Test]
    public void ThePrimaryHandlersProxyBypassesEveryLoopbackFormAndOnlyThose()
    {
        var through = new Uri("http://proxy.example:3128/");
        HttpClient.DefaultProxy = new WebProxy(through);
        IWebProxy proxy = HttpTransport.CreatePrimaryHandler().Proxy!;

        string[] loopback =
            ["http://127.0.0.1:1/", "http://127.8.9.10:1/", "http://[::1]:1/", "http://localhost:1/", "http://[::ffff:127.0.0.1]:1/"];
        foreach (string url in loopback)
        {
            Assert.That((proxy.IsBypassed(new Uri(url)), proxy.GetProxy(new Uri(url))), Is.EqualTo((true, (Uri?)null)), url);
        }

        Assert.That(
            proxy.GetProxy(new Uri("https://api.cloudflare.com/client/v4/")),
            Is.EqualTo(through),
            "other hosts still go through the system proxy");
    }

    [Test]
    public void ACallersHandlerThatWouldSendPlainHttpThroughAProxyIsRefusedAtConstruction()
    {
        using var server = new LoopbackListener(_ => LoopbackListener.Response(200, Quota));
        using var proxy = new LoopbackListener(_ => LoopbackListener.Response(200, Quota));
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, Proxy = new WebProxy(proxy.Url) });

        ArgumentException? e = Assert.Throws<ArgumentException>(() => new SecretsStoreClient(Options(server), http));

        Assert.That(e!.ParamName, Is.EqualTo("httpClient"));
        Assert.That(
            e.Message,
            Does.Contain("would send this plain-http BaseUrl through a proxy").And.Not.Contain(
                proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(e.ToString(), Does.Not.Contain(Token));
        Assert.That((proxy.Heads.Count, server.Heads.Count), Is.EqualTo((0, 0)));
    }

    [Test]
    public void ACallersHandlerWithTheSystemProxyIsRefusedForPlainHttpToo()
    {
        using var server = new LoopbackListener(_ => LoopbackListener.Response(200, Quota));
        HttpClient.DefaultProxy = new WebProxy("http://127.0.0.1:9/");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        Assert.That(() => new SecretsStoreClient(Options(server), http), Throws.ArgumentException.With.Message.Contains("through a proxy"));
    }

    [Test]
    public async Task ACallersHandlerWithoutAProxyOrOverHttpsIsAccepted()
    {
        using var server = new LoopbackListener(_ => LoopbackListener.Response(200, Quota));
        using var direct = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
        using var proxied = new HttpClient(
            new SocketsHttpHandler { AllowAutoRedirect = false, Proxy = new WebProxy("http://127.0.0.1:9/") });

        await new SecretsStoreClient(Options(server), direct).GetQuotaAsync();

        Assert.That(server.Heads, Has.Count.EqualTo(1));
        Assert.That(
            () => new SecretsStoreClient(new SecretsStoreClientOptions { ApiToken = Token }, proxied),
            Throws.Nothing,
            "https through a proxy is a tunnel: the credentials stay encrypted");
    }

    public static IEnumerable<TestCaseData> RedirectingClients()
    {
        yield return new TestCaseData(new Func<HttpClient>(() => new HttpClient())).SetName("new HttpClient()");
        yield return new TestCaseData(new Func<HttpClient>(() => new HttpClient(new SocketsHttpHandler { UseProxy = false })))
            .SetName("a SocketsHttpHandler with AllowAutoRedirect");
        yield return new TestCaseData(new Func<HttpClient>(
                () => new HttpClient(new PassOn(new PassOn(new HttpClientHandler { UseProxy = false })))))
            .SetName("delegating handlers over an HttpClientHandler with AllowAutoRedirect");
    }

    [TestCaseSource(nameof(RedirectingClients))]
    public void ACallersHandlerThatFollowsRedirectsIsRefusedAtConstruction(Func<HttpClient> create)
    {
        using HttpClient http = create();

        ArgumentException? e = Assert.Throws<ArgumentException>(
            () => new SecretsStoreClient(new SecretsStoreClientOptions { ApiToken = Token }, http));

        Assert.That(e!.ParamName, Is.EqualTo("httpClient"));
        Assert.That(e.Message, Does.Contain("follows redirects (AllowAutoRedirect is true)").And.Contain("Set AllowAutoRedirect = false"));
        Assert.That(e.ToString(), Does.Not.Contain(Token));
    }

    [Test]
    public void AHandlerThatCannotBeInspectedIsAccepted()
    {
        using var fake = new FakeCloudflare();

        Assert.That(() => fake.CreateClient(), Throws.Nothing, "a test double or custom transport is the caller's to configure");
    }

    [Test]
    public void DependencyInjectionRefusesAPrimaryHandlerThatFollowsRedirects()
    {
        var services = new ServiceCollection();
        services.AddCloudflareSecretsStore(o => o.ApiToken = Token).ConfigurePrimaryHttpMessageHandler(
            () => new HttpClientHandler { UseProxy = false });
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.That(
            () => provider.GetRequiredService<ISecretsStoreClient>(),
            Throws.ArgumentException.With.Message.Contains("follows redirects"));
    }

    [Test]
    public void ARedirectIsNotFollowedByTheDefaultTransport()
    {
        using var elsewhere = new LoopbackListener(_ => LoopbackListener.Response(200, Quota));
        using var server = new LoopbackListener(
            _ => LoopbackListener.Response(
                307, "{}", $"Location: {elsewhere.Url}client/v4/accounts/{FakeCloudflare.AccountId}/secrets_store/quota"));
        var client = new SecretsStoreClient(Options(server));

        CloudflareApiException? e = Assert.CatchAsync<CloudflareApiException>(() => client.GetQuotaAsync());

        Assert.That(e!.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect));
        Assert.That((server.Heads.Count, elsewhere.Heads.Count), Is.EqualTo((1, 0)), "the credentials went to the configured host only");
    }

    private static SecretsStoreClientOptions Options(LoopbackListener server) => new()
    {
        ApiToken = Token,
        AccountId = FakeCloudflare.AccountId,
        BaseUrl = new Uri(server.Url, "client/v4/"),
        Retry = { MaxAttempts = 1 },
    };

    private sealed class PassOn(HttpMessageHandler inner) : DelegatingHandler(inner);
}
