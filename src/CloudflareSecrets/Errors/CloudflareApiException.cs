using System.Net;

namespace CloudflareSecrets;

/// <summary>
/// The root of every failure the Cloudflare API reports: a non-success status, <c>success: false</c> inside a
/// 2xx answer, or a response the client cannot read. Catch this type to handle them all; catch a subclass
/// for one kind. The message holds the operation, the status, Cloudflare's error codes and messages and the
/// <c>CF-Ray</c> id, never a request or response body.
/// </summary>
/// <remarks>Network failures are not API answers: they surface as <see cref="HttpRequestException"/>, and timeouts as <see cref="TimeoutException"/>.</remarks>
public class CloudflareApiException : Exception
{
    /// <summary>Creates an exception; for tests and for subclasses (see also <see cref="SecretsStoreModelFactory"/>).</summary>
    /// <param name="message">The message.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="errors">The <c>errors</c> array.</param>
    /// <param name="messages">The <c>messages</c> array.</param>
    /// <param name="rayId">The <c>CF-Ray</c> response header.</param>
    /// <param name="innerException">The cause, if any.</param>
    public CloudflareApiException(string message, HttpStatusCode statusCode, IReadOnlyList<CloudflareError>? errors = null, IReadOnlyList<CloudflareError>? messages = null, string? rayId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Errors = errors ?? [];
        Messages = messages ?? [];
        RayId = rayId;
        foreach (var error in Errors)
        {
            if (SecretsStoreKnownErrors.TokenOf(error.Message) is { } token)
            {
                ErrorToken ??= token;
                KnownError ??= SecretsStoreKnownErrors.Find(token);
            }
        }
    }

    /// <summary>The HTTP status code (200 when a 2xx answer said <c>success: false</c> or could not be read).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The <c>errors</c> array of the response; empty when the body had none or was not JSON.</summary>
    public IReadOnlyList<CloudflareError> Errors { get; }

    /// <summary>The <c>messages</c> array of the response.</summary>
    public IReadOnlyList<CloudflareError> Messages { get; }

    /// <summary>
    /// The <c>CF-Ray</c> id of the response: quote it to Cloudflare support. The client keeps it only when it has the shape
    /// of Cloudflare's ray ids (16 hex digits, optionally <c>-</c> and a three-letter colo code); any other value is dropped.
    /// </summary>
    public string? RayId { get; }

    /// <summary>The first error code, or <see langword="null"/>.</summary>
    public int? ErrorCode => Errors.Count > 0 ? Errors[0].Code : null;

    /// <summary>Whether any error's code is <paramref name="code"/>.</summary>
    /// <param name="code">A Cloudflare error code.</param>
    public bool HasErrorCode(int code) => Errors.Any(e => e.Code == code);

    /// <summary>
    /// The token the first error's message that has one starts with (<c>secret_not_found</c>,
    /// <c>secret_name_already_exists</c>, ...: see <see cref="SecretsStoreErrorTokens"/>), or <see langword="null"/>.
    /// Tokens the client does not know are given too: the Secrets Store adds them over time.
    /// </summary>
    public string? ErrorToken { get; }

    /// <summary>The row of <see cref="SecretsStoreKnownErrors"/> the first known token belongs to, or <see langword="null"/>.</summary>
    public SecretsStoreKnownError? KnownError { get; }

    /// <summary>
    /// Whether the account already holds as many stores as it may (<c>maximum_stores_exceeded</c>), whatever the
    /// status it arrived with (Cloudflare answers 400; a 403 is recognised as well).
    /// </summary>
    public bool IsStoreLimitExceeded => HasErrorToken(SecretsStoreErrorTokens.MaximumStoresExceeded);

    /// <summary>
    /// Whether the account's secrets quota would be exceeded (<c>maximum_secrets_exceeded</c>), whatever the status
    /// it arrived with. Read <c>GetQuotaAsync</c> for the numbers.
    /// </summary>
    public bool IsSecretsQuotaExceeded => HasErrorToken(SecretsStoreErrorTokens.MaximumSecretsExceeded);

    /// <summary>Whether any error's message starts with <paramref name="token"/> (see <see cref="SecretsStoreErrorTokens"/>).</summary>
    /// <param name="token">A message token such as <see cref="SecretsStoreErrorTokens.SecretNotFound"/>.</param>
    public bool HasErrorToken(string token) => Errors.Any(e => string.Equals(SecretsStoreKnownErrors.TokenOf(e.Message), token, StringComparison.Ordinal));

    /// <summary>
    /// Set by the pipeline when an earlier attempt of the same call failed in a way that leaves open whether the server
    /// acted (a timeout, a 5xx, a connection lost after sending): a not-found answer may then be that attempt's doing.
    /// </summary>
    internal bool FollowsAmbiguousAttempt { get; set; }

    /// <summary>Whether any error's message contains <paramref name="text"/> (ordinal, case-insensitive).</summary>
    /// <param name="text">The text to look for.</param>
    public bool HasErrorMessage(string text) => Errors.Any(e => e.Message.Contains(text, StringComparison.OrdinalIgnoreCase));
}
