using System.Net;

namespace CloudflareSecrets.Internal;

/// <summary>
/// The state of one operation call: what the generated client's hooks need to prepare the request, and what they
/// record of the response (the status and headers the generated code does not hand back on success).
/// </summary>
internal sealed class RequestContext(string baseUrl, Credentials credentials, string operationId)
{
    public string BaseUrl { get; } = baseUrl;

    public Credentials Credentials { get; } = credentials;

    /// <summary>The spec's operationId, e.g. <c>secrets-store-get-by-id</c>; also tells handlers what is being sent.</summary>
    public string OperationId { get; } = operationId;

    public HttpStatusCode? Status { get; set; }

    public string? RayId { get; set; }

    public TimeSpan? RetryAfter { get; set; }
}
