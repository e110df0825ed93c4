namespace CloudflareSecrets.Internal;

/// <summary>Thrown when a response body is larger than <see cref="SecretsStoreClientOptions.MaxResponseBytes"/>.</summary>
internal sealed class ResponseTooLargeException(long limit) : IOException($"The response body exceeded {limit:N0} bytes.")
{
    public long Limit { get; } = limit;
}
