namespace CloudflareSecrets.Internal;

/// <summary>The transport a client uses when it is not given one, and the primary handler dependency injection installs.</summary>
internal static class HttpTransport
{
    private static readonly Lazy<HttpMessageHandler> SharedHandler = new(CreatePrimaryHandler);

    /// <summary>The transport: pooled connections renewed every few minutes (DNS changes), no redirects (credentials never follow one).</summary>
    public static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };

    // The client's own per-attempt timeout governs; HttpClient's would cut retries short.
    public static HttpClient CreateDefaultClient() => new(SharedHandler.Value, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
}
