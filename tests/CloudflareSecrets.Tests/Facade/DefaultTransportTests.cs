using System.Net;
using CloudflareSecrets.Internal;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>
/// The transport a client made without an <see cref="HttpClient"/> sends through: one connection pool for the process,
/// no redirects, no timeout of its own. Nothing is sent: a request the handler refuses before it connects shows whether
/// the handler is still usable.
/// </summary>
public class DefaultTransportTests
{
    [Test]
    public void DisposingOneDefaultClientLeavesThePoolTheOthersShare()
    {
        HttpTransport.CreateDefaultClient().Dispose();

        using HttpClient next = HttpTransport.CreateDefaultClient();
        Exception? failure = Assert.CatchAsync(() => next.GetAsync(new Uri("ftp://127.0.0.1/client/v4/")));

        Assert.That(
            failure,
            Is.TypeOf<NotSupportedException>(),
            "the shared handler still checks requests (a disposed one throws ObjectDisposedException)");
    }

    [Test]
    public void TheDefaultClientHasNoTimeoutOfItsOwn()
    {
        using HttpClient client = HttpTransport.CreateDefaultClient();

        Assert.That(client.Timeout, Is.EqualTo(Timeout.InfiniteTimeSpan), "the client's per-attempt timeout governs");
    }

    [Test]
    public void ThePrimaryHandlerFollowsNoRedirectAndRenewsItsConnections()
    {
        using SocketsHttpHandler handler = HttpTransport.CreatePrimaryHandler();

        Assert.That((handler.AllowAutoRedirect, handler.PooledConnectionLifetime, handler.AutomaticDecompression, handler.ConnectTimeout),
            Is.EqualTo((false, TimeSpan.FromMinutes(5), DecompressionMethods.All, TimeSpan.FromSeconds(30))));
    }
}
