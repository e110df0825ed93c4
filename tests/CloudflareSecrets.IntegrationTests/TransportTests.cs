using System.Net;
using CloudflareSecrets.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>
/// What the client's transport promises (docs/configuration.md, "Retries, rate limits and transport"), shown over real sockets on
/// 127.0.0.1: redirects are not followed, so credentials never reach another host, and the client's own per-attempt
/// timeout decides how long an attempt may take, not an <see cref="HttpClient.Timeout"/> set for it.
/// </summary>
[TestFixture(ClientKind.Constructed)]
[TestFixture(ClientKind.DependencyInjection)]
public sealed class TransportTests(ClientKind kind)
{
    private const string SentinelToken = "SENTINEL-redirect-token-7f3a";
    private const string AccountId = "0123456789abcdef0123456789abcdef";

    private readonly List<IAsyncDisposable> _disposables = [];

    [TearDown]
    public async Task DisposeAsync()
    {
        foreach (IAsyncDisposable disposable in _disposables)
        {
            await disposable.DisposeAsync();
        }

        _disposables.Clear();
    }

    [Test]
    public async Task ARedirectToAnotherPortIsNotFollowed_TheOtherServerSeesNoRequestAndNoCredential()
    {
        LoopbackHttpServer other = Track(LoopbackHttpServer.AnsweringQuota());
        LoopbackHttpServer redirecting = Track(
            LoopbackHttpServer.RedirectingTo(new Uri(other.ApiRoot, $"accounts/{AccountId}/secrets_store/quota")));
        ISecretsStoreClient client = CreateClient(redirecting.ApiRoot);

        Exception? e = Assert.ThrowsAsync(Is.InstanceOf<CloudflareApiException>(), () => client.GetQuotaAsync());

        Assert.That(((CloudflareApiException)e!).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the 302 itself is the answer");
        Assert.That(e.ToString(), Does.Not.Contain(SentinelToken));
        Assert.That(redirecting.Requests, Has.Count.EqualTo(1), "one request, never retried");
        Assert.That(redirecting.Requests[0], Does.Contain($"Bearer {SentinelToken}"), "the token went only where it was configured to go");
        Assert.That(other.Requests, Is.Empty, "the redirect target saw no request, so no credential");
    }

    [Test]
    public async Task TheServerBehindTheRedirectAnswersWhenAskedDirectly()
    {
        // The control of the test above: the second server is reachable and would have answered a followed redirect.
        LoopbackHttpServer other = Track(LoopbackHttpServer.AnsweringQuota());
        ISecretsStoreClient client = CreateClient(other.ApiRoot);

        SecretsQuota quota = await client.GetQuotaAsync();

        Assert.That(quota, Is.EqualTo(new SecretsQuota(100, 0)));
        Assert.That(other.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AnUnansweredAttemptEndsAtTheClientsOwnAttemptTimeout()
    {
        LoopbackHttpServer silent = Track(new LoopbackHttpServer(_ => null));
        ISecretsStoreClient client = CreateClient(silent.ApiRoot, o =>
        {
            o.Retry.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.Retry.MaxAttempts = 2;
        });

        TimeoutException? e = Assert.ThrowsAsync<TimeoutException>(() => client.GetQuotaAsync());

        Assert.That(
            e!.Message, Does.Contain("no answer within 0.3 s (attempt 2 of 2)"), "the client's per-attempt timeout, not an HttpClient's");
        Assert.That(silent.Requests, Has.Count.EqualTo(2));
    }

    private LoopbackHttpServer Track(LoopbackHttpServer server)
    {
        _disposables.Add(server);
        return server;
    }

    private ISecretsStoreClient CreateClient(Uri baseUrl, Action<SecretsStoreClientOptions>? configure = null)
    {
        void Configure(SecretsStoreClientOptions options)
        {
            options.BaseUrl = baseUrl;
            options.ApiToken = SentinelToken;
            options.AccountId = AccountId;
            options.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
            configure?.Invoke(options);
        }

        if (kind == ClientKind.DependencyInjection)
        {
            var services = new ServiceCollection();
            services.AddCloudflareSecretsStore(Configure);
            ServiceProvider provider = services.BuildServiceProvider(
                new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            _disposables.Add(provider);
            return provider.GetRequiredService<ISecretsStoreClient>();
        }

        var direct = new SecretsStoreClientOptions();
        Configure(direct);
        return new SecretsStoreClient(direct);
    }
}
