namespace CloudflareSecrets;

/// <summary>The field stores are ordered by.</summary>
public enum StoreOrder
{
    /// <summary>Creation time (Cloudflare's default).</summary>
    Created,

    /// <summary>Name.</summary>
    Name,

    /// <summary>Last modification time.</summary>
    Modified,
}
