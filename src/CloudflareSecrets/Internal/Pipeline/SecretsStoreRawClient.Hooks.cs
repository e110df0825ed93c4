using System.Text;
using CloudflareSecrets.Internal;
using Newtonsoft.Json;

namespace CloudflareSecrets.Generated;

/// <summary>
/// Hand-written half of the generated client: fills the partial-method hooks NSwag leaves, so the generated
/// code stays exactly as generated. One instance serves one call (it records that call's response).
/// </summary>
internal partial class SecretsStoreRawClient
{
    /// <summary>The key under which a request carries its operationId, for handlers and logging.</summary>
    public static readonly HttpRequestOptionsKey<string> OperationIdKey = new("CloudflareSecrets.OperationId");

    /// <summary>
    /// The key under which a request carries its route, so IHttpClientFactory's log events show the template, not the
    /// ids.
    /// </summary>
    public static readonly HttpRequestOptionsKey<OperationRoute> RouteKey = new("CloudflareSecrets.Route");

    private readonly RequestContext? _context;

    public SecretsStoreRawClient(HttpClient httpClient, RequestContext context)
        : this(httpClient)
    {
        _context = context;
    }

    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings)
    {
        // Deep nesting is never valid here; a hostile body must not cost a deep recursion.
        settings.MaxDepth = 32;
        settings.DateParseHandling = DateParseHandling.DateTimeOffset;
        settings.MetadataPropertyHandling = MetadataPropertyHandling.Ignore;
        settings.TypeNameHandling = TypeNameHandling.None;
    }

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder)
    {
        // The generated URLs are relative (useBaseUrl: false); the options' base URL is the one source of truth,
        // whatever HttpClient.BaseAddress says.
        if (_context is not null)
        {
            urlBuilder.Insert(0, _context.BaseUrl);
        }
    }

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url)
    {
        if (_context is not null)
        {
            _context.Credentials.Apply(request);
            request.Options.Set(OperationIdKey, _context.Operation.Id);
            request.Options.Set(RouteKey, _context.Route);
        }
    }

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response)
    {
        _context?.OnResponse(response);
    }
}
