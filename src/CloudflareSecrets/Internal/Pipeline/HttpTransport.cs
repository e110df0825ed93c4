using System.Net;
using System.Reflection;

namespace CloudflareSecrets.Internal;

/// <summary>The transport a client uses when it is not given one, and the primary handler dependency injection installs.</summary>
internal static class HttpTransport
{
    private static readonly Lazy<HttpMessageHandler> SharedHandler = new(CreatePrimaryHandler);

    // HttpClient does not expose its handler; this field of HttpMessageInvoker holds it. When a runtime renames it, the
    // chain is simply not inspectable (as with a handler of a kind this code does not know).
    private static readonly FieldInfo? InvokerHandler =
        typeof(HttpMessageInvoker).GetField("_handler", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>
    /// The transport: pooled connections renewed every few minutes (DNS changes), no redirects (credentials never follow
    /// one), and the system's proxy (HTTP_PROXY, ALL_PROXY, ...) never used for a loopback host: credentials for a local
    /// emulator travel over plain http and must not leave the machine through a proxy.
    /// </summary>
    public static SocketsHttpHandler CreatePrimaryHandler() => CreatePrimaryHandler(static () => HttpClient.DefaultProxy);

    /// <summary>The transport, with the proxy it would take from the system given by <paramref name="systemProxy"/>.</summary>
    internal static SocketsHttpHandler CreatePrimaryHandler(Func<IWebProxy?> systemProxy) => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        Proxy = new LoopbackBypassProxy(systemProxy),
    };

    // The client's own per-attempt timeout governs; HttpClient's would cut retries short.
    public static HttpClient CreateDefaultClient() =>
        new(SharedHandler.Value, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>
    /// What is wrong with a caller's <paramref name="http"/> for <paramref name="baseUri"/>, or <see langword="null"/>: its
    /// handler chain is walked (delegating handlers down to an <see cref="HttpClientHandler"/> or
    /// <see cref="SocketsHttpHandler"/>) and refused when it follows redirects, or when it would send plain http through a
    /// proxy. A chain that ends in a handler of another kind (a test double, a custom transport) cannot be inspected and is
    /// accepted: it is the caller's to configure.
    /// </summary>
    public static string? Problem(HttpClient http, Uri baseUri)
    {
        var handler = InvokerHandler?.GetValue(http) as HttpMessageHandler;
        for (int depth = 0; handler is not null && depth < 64; depth++)
        {
            switch (handler)
            {
                case DelegatingHandler delegating:
                    handler = delegating.InnerHandler;
                    continue;
                case SocketsHttpHandler sockets:
                    return Problem(sockets.AllowAutoRedirect, sockets.UseProxy, sockets.Proxy, baseUri);
                case HttpClientHandler client:
                    return Problem(client.AllowAutoRedirect, client.UseProxy, client.Proxy, baseUri);
                default:
                    return null;
            }
        }

        return null;
    }

    private static string? Problem(bool allowAutoRedirect, bool useProxy, IWebProxy? proxy, Uri baseUri)
    {
        if (allowAutoRedirect)
        {
            return "The HttpClient's handler follows redirects (AllowAutoRedirect is true): a redirect would carry the credentials "
                + "and a secret value to wherever the server points. Set AllowAutoRedirect = false on its HttpClientHandler or "
                + "SocketsHttpHandler.";
        }

        if (useProxy
            && baseUri.Scheme == Uri.UriSchemeHttp
            && (proxy ?? HttpClient.DefaultProxy) is { } used
            && !used.IsBypassed(baseUri)
            && used.GetProxy(baseUri) is { } via
            && via != baseUri)
        {
            return "The HttpClient's handler would send this plain-http BaseUrl through a proxy (its Proxy or HTTP_PROXY/ALL_PROXY): "
                + "the credentials would cross it in clear text. Set UseProxy = false on its handler, exclude the host from the "
                + "proxy (NO_PROXY), or use https.";
        }

        return null;
    }

    /// <summary>The system's proxy, except for loopback hosts, which are always reached directly.</summary>
    internal sealed class LoopbackBypassProxy(Func<IWebProxy?> inner) : IWebProxy
    {
        public ICredentials? Credentials
        {
            get => inner()?.Credentials;
            set
            {
                if (inner() is { } proxy)
                {
                    proxy.Credentials = value;
                }
            }
        }

        public Uri? GetProxy(Uri destination) => Loopback.Is(destination) ? null : inner()?.GetProxy(destination);

        public bool IsBypassed(Uri host) => Loopback.Is(host) || inner() is not { } proxy || proxy.IsBypassed(host);
    }
}
