namespace CloudflareSecrets;

/// <summary>The secret statuses Cloudflare documents today; others are passed through unchanged.</summary>
public static class SecretStatuses
{
    /// <summary>Being provisioned; a new secret may read this before <see cref="Active"/>.</summary>
    public const string Pending = "pending";

    /// <summary>Usable.</summary>
    public const string Active = "active";

    /// <summary>Deleted (deletes are asynchronous).</summary>
    public const string Deleted = "deleted";
}
