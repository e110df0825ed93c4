using CloudflareSecrets.Generated;

namespace CloudflareSecrets.Internal;

/// <summary>What every Cloudflare response envelope has: lets one code path check <c>success</c> for all operations.</summary>
internal interface IEnvelope
{
    bool Success { get; }

    SecretsStore_messages Errors { get; }

    SecretsStore_messages Messages { get; }
}
