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

    /// <summary>The <c>CF-Ray</c> id of the response: quote it to Cloudflare support.</summary>
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

    /// <summary>Whether any error's message contains <paramref name="text"/> (ordinal, case-insensitive).</summary>
    /// <param name="text">The text to look for.</param>
    public bool HasErrorMessage(string text) => Errors.Any(e => e.Message.Contains(text, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The request was invalid (HTTP 400 or 422). Cloudflare also answers 400 when an account limit is reached:
/// <see cref="CloudflareApiException.IsStoreLimitExceeded"/> and <see cref="CloudflareApiException.IsSecretsQuotaExceeded"/> say so.
/// </summary>
public sealed class CloudflareValidationException(string message, HttpStatusCode statusCode, IReadOnlyList<CloudflareError>? errors = null, IReadOnlyList<CloudflareError>? messages = null, string? rayId = null, Exception? innerException = null)
    : CloudflareApiException(message, statusCode, errors, messages, rayId, innerException);

/// <summary>The credentials are missing or wrong (HTTP 401).</summary>
public sealed class CloudflareAuthenticationException(string message, HttpStatusCode statusCode, IReadOnlyList<CloudflareError>? errors = null, IReadOnlyList<CloudflareError>? messages = null, string? rayId = null, Exception? innerException = null)
    : CloudflareApiException(message, statusCode, errors, messages, rayId, innerException);

/// <summary>
/// Forbidden (HTTP 403): the token lacks the permission (Secrets Store Read/Write). An account limit reported with 403
/// lands here too; <see cref="CloudflareApiException.IsStoreLimitExceeded"/> and
/// <see cref="CloudflareApiException.IsSecretsQuotaExceeded"/> recognise it whatever the status.
/// </summary>
public sealed class CloudflareAuthorizationException(string message, HttpStatusCode statusCode, IReadOnlyList<CloudflareError>? errors = null, IReadOnlyList<CloudflareError>? messages = null, string? rayId = null, Exception? innerException = null)
    : CloudflareApiException(message, statusCode, errors, messages, rayId, innerException);

/// <summary>
/// The account, store or secret does not exist: HTTP 404, or an answer whose token says so
/// (<c>secret_not_found</c>, <c>store_not_found</c>) whatever its status.
/// </summary>
public sealed class CloudflareNotFoundException(string message, HttpStatusCode statusCode, IReadOnlyList<CloudflareError>? errors = null, IReadOnlyList<CloudflareError>? messages = null, string? rayId = null, Exception? innerException = null)
    : CloudflareApiException(message, statusCode, errors, messages, rayId, innerException)
{
    /// <summary>Whether the secret does not exist (<c>secret_not_found</c>): unknown, or already deleted.</summary>
    public bool IsSecretNotFound => HasErrorToken(SecretsStoreErrorTokens.SecretNotFound);

    /// <summary>Whether the store does not exist (<c>store_not_found</c>).</summary>
    public bool IsStoreNotFound => HasErrorToken(SecretsStoreErrorTokens.StoreNotFound);
}

/// <summary>
/// The request conflicts with the current state: a name already taken, or a store that still holds secrets.
/// Classified by meaning first: Cloudflare reports a taken name as HTTP 400 with code 1003 and
/// <c>secret_name_already_exists</c>, which arrives here as well as a 409 does. Never retried: repeating it gives the
/// same answer.
/// </summary>
public sealed class CloudflareConflictException(string message, HttpStatusCode statusCode, IReadOnlyList<CloudflareError>? errors = null, IReadOnlyList<CloudflareError>? messages = null, string? rayId = null, Exception? innerException = null)
    : CloudflareApiException(message, statusCode, errors, messages, rayId, innerException)
{
    /// <summary>Whether a store could not be deleted because it holds secrets (delete it with <c>force: true</c> to cascade).</summary>
    public bool IsStoreNotEmpty => HasErrorToken(SecretsStoreErrorTokens.StoreNotEmpty) || HasErrorMessage("not empty");

    /// <summary>
    /// Whether a name is already taken: the token <c>secret_name_already_exists</c> (with any status), or a 409 that
    /// is neither a store that is not empty nor another known condition (the Secrets Store has no other 409).
    /// </summary>
    public bool IsNameConflict => HasErrorToken(SecretsStoreErrorTokens.SecretNameAlreadyExists)
        || ((int)StatusCode == 409 && !IsStoreNotEmpty && KnownError is null);
}

/// <summary>Too many requests (HTTP 429). Cloudflare blocks a user for up to 5 minutes past its rate limit.</summary>
public sealed class CloudflareRateLimitException(string message, HttpStatusCode statusCode, IReadOnlyList<CloudflareError>? errors = null, IReadOnlyList<CloudflareError>? messages = null, string? rayId = null, Exception? innerException = null, TimeSpan? retryAfter = null)
    : CloudflareApiException(message, statusCode, errors, messages, rayId, innerException)
{
    /// <summary>How long Cloudflare asked to wait (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>Cloudflare failed (HTTP 500 or more); the request may or may not have taken effect.</summary>
public sealed class CloudflareServerException(string message, HttpStatusCode statusCode, IReadOnlyList<CloudflareError>? errors = null, IReadOnlyList<CloudflareError>? messages = null, string? rayId = null, Exception? innerException = null)
    : CloudflareApiException(message, statusCode, errors, messages, rayId, innerException);
