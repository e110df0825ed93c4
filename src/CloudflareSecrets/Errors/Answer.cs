using System.Net;

namespace CloudflareSecrets;

/// <summary>
/// What a failure that stopped a bulk create or a sync knew of the API's answer, so the exception that reports the
/// whole operation carries the same status, errors and ray id: an API answer's own, or status 0 and none when no
/// answer was received (a network failure, a timeout).
/// </summary>
internal static class Answer
{
    public static HttpStatusCode StatusOf(Exception? cause) => cause is CloudflareApiException api ? api.StatusCode : 0;

    public static IReadOnlyList<CloudflareError>? ErrorsOf(Exception? cause) => (cause as CloudflareApiException)?.Errors;

    public static IReadOnlyList<CloudflareError>? MessagesOf(Exception? cause) => (cause as CloudflareApiException)?.Messages;

    public static string? RayIdOf(Exception? cause) => (cause as CloudflareApiException)?.RayId;
}
