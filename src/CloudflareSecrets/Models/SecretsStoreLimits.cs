namespace CloudflareSecrets;

/// <summary>The limits the client checks before it sends anything.</summary>
public static class SecretsStoreLimits
{
    /// <summary>The largest secret value, in UTF-8 bytes (64 KiB).</summary>
    public const int MaxValueBytes = 65_536;

    /// <summary>The longest identifier (account, store or secret id).</summary>
    public const int MaxIdLength = 32;

    /// <summary>The largest page a list request may ask for.</summary>
    public const int MaxPageSize = 100;
}
