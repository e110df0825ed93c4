namespace CloudflareSecrets;

/// <summary>The field secrets are ordered by.</summary>
public enum SecretOrder
{
    /// <summary>Creation time (Cloudflare's default).</summary>
    Created,

    /// <summary>Name.</summary>
    Name,

    /// <summary>Comment.</summary>
    Comment,

    /// <summary>Last modification time.</summary>
    Modified,

    /// <summary>Status.</summary>
    Status,
}
