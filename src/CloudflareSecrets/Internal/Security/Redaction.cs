namespace CloudflareSecrets.Internal;

/// <summary>What the client shows in place of a secret value or credential.</summary>
internal static class Redaction
{
    public const string Mask = "***";
}
