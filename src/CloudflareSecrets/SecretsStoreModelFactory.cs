using System.Net;

namespace CloudflareSecrets;

/// <summary>
/// Builds the client's result models and exceptions for tests of code that uses <see cref="ISecretsStoreClient"/>:
/// every argument has a sensible default, so a test sets only what it cares about.
/// </summary>
public static class SecretsStoreModelFactory
{
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Builds a <see cref="CloudflareSecrets.Secret"/>.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The name.</param>
    /// <param name="storeId">The store id.</param>
    /// <param name="status">The status.</param>
    /// <param name="scopes">The scopes; <see cref="SecretScopes.Workers"/> when <see langword="null"/>.</param>
    /// <param name="comment">The comment.</param>
    /// <param name="created">The creation time; 2025-01-01 when <see langword="null"/>.</param>
    /// <param name="modified">The modification time; <paramref name="created"/> when <see langword="null"/>.</param>
    /// <returns>The secret.</returns>
    public static Secret Secret(
        string id = "3fd85f74b32742f1bff64a85009dda07",
        string name = "MY_API_KEY",
        string storeId = "023e105f4ecef8ad9ca31a8372d0c353",
        string status = SecretStatuses.Active,
        IReadOnlyList<string>? scopes = null,
        string? comment = null,
        DateTimeOffset? created = null,
        DateTimeOffset? modified = null) =>
        new(id, name, storeId, status, scopes ?? [SecretScopes.Workers], comment, created ?? Epoch, modified ?? created ?? Epoch);

    /// <summary>Builds a <see cref="CloudflareSecrets.SecretStore"/>.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The name.</param>
    /// <param name="accountId">The account id.</param>
    /// <param name="created">The creation time; 2025-01-01 when <see langword="null"/>.</param>
    /// <param name="modified">The modification time; <paramref name="created"/> when <see langword="null"/>.</param>
    /// <returns>The store.</returns>
    public static SecretStore SecretStore(
        string id = "023e105f4ecef8ad9ca31a8372d0c353",
        string name = "service_x_keys",
        string? accountId = "985e105f4ecef8ad9ca31a8372d0c353",
        DateTimeOffset? created = null,
        DateTimeOffset? modified = null) =>
        new(id, name, accountId, created ?? Epoch, modified ?? created ?? Epoch);

    /// <summary>Builds a <see cref="CloudflareSecrets.SecretsQuota"/>.</summary>
    /// <param name="quota">The quota.</param>
    /// <param name="usage">The usage.</param>
    /// <returns>The quota.</returns>
    public static SecretsQuota SecretsQuota(long quota = 100, long usage = 0) => new(quota, usage);

    /// <summary>
    /// Builds the exception the client throws for <paramref name="status"/> and <paramref name="errors"/>, as if Cloudflare had
    /// answered them: a known token (such as <c>secret_name_already_exists</c>) decides the type before the status does.
    /// </summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="errors">The errors array.</param>
    /// <param name="rayId">The CF-Ray id.</param>
    /// <param name="retryAfter">For 429: the Retry-After delay.</param>
    /// <param name="operation">The operation the message names, as the client names it (<c>CreateSecrets</c>,
    /// <c>GetSecret</c>, ...), or <see langword="null"/> for none.</param>
    /// <returns>The exception (not thrown).</returns>
    public static CloudflareApiException CloudflareApiException(
        HttpStatusCode status,
        IReadOnlyList<CloudflareError>? errors = null,
        string? rayId = null,
        TimeSpan? retryAfter = null,
        string? operation = null) =>
        Internal.ErrorMapper.Create(
            new Internal.ApiFailure(operation ?? "Request", status, rayId) { Errors = errors ?? [], RetryAfter = retryAfter });
}
