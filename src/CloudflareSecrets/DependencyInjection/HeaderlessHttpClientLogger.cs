using CloudflareSecrets.Generated;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace CloudflareSecrets.Internal;

/// <summary>
/// IHttpClientFactory's per-request events for this client (sending, answered, failed), without any header. It replaces
/// the factory's default loggers: their Trace "Request Headers" events mask the values in the message text
/// (<c>RedactLoggedHeaders</c>) but, in Microsoft.Extensions.Http 10, still hand the raw values to structured sinks as
/// the event's state, so the bearer token or the global API key reached every sink that records state (JSON console,
/// Serilog, OpenTelemetry). The URL is the route template the client's own events show: no id, and no query (it can hold a search term).
/// </summary>
internal sealed partial class HeaderlessHttpClientLogger(ILogger logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request)
    {
        Sending(logger, request.Method.Method, Describe(request));
        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        Answered(logger, request.Method.Method, Describe(request), (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(
        object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        Failed(logger, request.Method.Method, Describe(request), elapsed.TotalMilliseconds, exception);

    /// <summary>
    /// The request's URL template, as the client's own events show its route (ids as <c>{store_id}</c> and friends, no
    /// query); a request sent by someone else through this HttpClient shows its path, with the query masked.
    /// </summary>
    private static string Describe(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(SecretsStoreRawClient.RouteKey, out OperationRoute? route))
        {
            return route.UrlTemplate;
        }

        Uri? uri = request.RequestUri;
        return uri is null ? string.Empty
            : uri.IsAbsoluteUri ? uri.GetLeftPart(UriPartial.Path) + (uri.Query.Length > 1 ? "?*" : string.Empty)
            : uri.OriginalString.Split('?')[0];
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Sending HTTP request {HttpMethod} {Uri}")]
    private static partial void Sending(ILogger logger, string httpMethod, string uri);

    [LoggerMessage(
        EventId = 101,
        Level = LogLevel.Information,
        Message = "Received HTTP response {HttpMethod} {Uri} - {StatusCode} after {ElapsedMilliseconds:0.0} ms")]
    private static partial void Answered(ILogger logger, string httpMethod, string uri, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(
        EventId = 104, Level = LogLevel.Information, Message = "HTTP request {HttpMethod} {Uri} failed after {ElapsedMilliseconds:0.0} ms")]
    private static partial void Failed(ILogger logger, string httpMethod, string uri, double elapsedMilliseconds, Exception exception);
}
