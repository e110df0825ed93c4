using System.Net;

namespace CloudflareSecrets;

/// <summary>
/// The root of every failure the Cloudflare API reports: a non-success status, <c>success: false</c> inside a
/// 2xx answer, a response the client cannot read, or a bulk create or sync that stopped part-way
/// (<see cref="SecretsPartiallyCreatedException"/>, <see cref="SecretsSyncException"/>). Catch this type to handle them
/// all; catch a subclass for one kind, and test a known condition with <see cref="Is"/>. The message holds the
/// operation, the status, Cloudflare's error codes and messages and the <c>CF-Ray</c> id, never a request or response
/// body.
/// </summary>
/// <remarks>
/// Network failures are not API answers: they surface as <see cref="HttpRequestException"/>, and timeouts as
/// <see cref="TimeoutException"/>.
/// </remarks>
public class CloudflareApiException : Exception
{
    /// <summary>Creates an exception; for tests and for subclasses (see also <see cref="SecretsStoreModelFactory"/>).</summary>
    /// <param name="message">The message.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="errors">The <c>errors</c> array.</param>
    /// <param name="messages">The <c>messages</c> array.</param>
    /// <param name="rayId">The <c>CF-Ray</c> response header.</param>
    /// <param name="innerException">The cause, if any.</param>
    public CloudflareApiException(
        string message,
        HttpStatusCode statusCode,
        IReadOnlyList<CloudflareError>? errors = null,
        IReadOnlyList<CloudflareError>? messages = null,
        string? rayId = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Errors = errors ?? [];
        Messages = messages ?? [];
        RayId = rayId;
    }

    /// <summary>The HTTP status code: 200 when a 2xx answer said <c>success: false</c> or could not be read, 0 when no answer
    /// was received (a partial create or sync stopped by a network failure or a timeout; see
    /// <see cref="Exception.InnerException"/>).</summary>
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

    /// <summary>The first error code, or <see langword="null"/>. Cloudflare shares codes between conditions: test a
    /// condition with <see cref="Is"/>.</summary>
    public int? ErrorCode => Errors.Count > 0 ? Errors[0].Code : null;

    /// <summary>
    /// Whether the answer reports <paramref name="condition"/>: any entry of <see cref="Errors"/> carries its token,
    /// whatever the status it arrived with. The one way to test a known condition, e.g.
    /// <c>catch (CloudflareApiException e) when (e.Is(SecretsStoreKnownErrors.SecretNameAlreadyExists))</c>.
    /// </summary>
    /// <param name="condition">A row of <see cref="SecretsStoreKnownErrors"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is <see langword="null"/>.</exception>
    public bool Is(SecretsStoreKnownError condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return HasErrorToken(condition.Token);
    }

    /// <summary>The row of <see cref="SecretsStoreKnownErrors"/> the first known token belongs to, or <see langword="null"/>.</summary>
    internal SecretsStoreKnownError? KnownError
    {
        get
        {
            foreach (CloudflareError error in Errors)
            {
                if (SecretsStoreKnownErrors.Find(SecretsStoreKnownErrors.TokenOf(error.Message)) is { } known)
                {
                    return known;
                }
            }

            return null;
        }
    }

    /// <summary>Whether the account already holds as many stores as it may, whatever the status it arrived with.</summary>
    internal bool IsStoreLimitExceeded => Is(SecretsStoreKnownErrors.MaximumStoresExceeded);

    /// <summary>Whether the account's secrets quota would be exceeded, whatever the status it arrived with.</summary>
    internal bool IsSecretsQuotaExceeded => Is(SecretsStoreKnownErrors.MaximumSecretsExceeded);

    /// <summary>Whether any error's message starts with <paramref name="token"/>.</summary>
    internal bool HasErrorToken(string token) =>
        Errors.Any(e => string.Equals(SecretsStoreKnownErrors.TokenOf(e.Message), token, StringComparison.Ordinal));
}
