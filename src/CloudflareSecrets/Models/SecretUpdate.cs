using CloudflareSecrets.Internal;

namespace CloudflareSecrets;

/// <summary>
/// A change to an existing secret: only the properties that are set are sent (at least one must be).
/// <see cref="ToString"/> never shows <see cref="Value"/>.
/// </summary>
public sealed record SecretUpdate
{
    /// <summary>The new value (at most 65,536 bytes in UTF-8), or <see langword="null"/> to keep the current one.</summary>
    public string? Value { get; init; }

    /// <summary>The new scopes (at least one), or <see langword="null"/> to keep the current ones.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>The new comment, or <see langword="null"/> to keep the current one.</summary>
    public string? Comment { get; init; }

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Value = {(Value is null ? "(unchanged)" : Redaction.Mask)}, ");
        builder.Append($"Scopes = {(Scopes is null ? "(unchanged)" : $"[{string.Join(", ", Scopes)}]")}, ");
        builder.Append($"Comment = {Comment ?? "(unchanged)"}");
        return true;
    }
}
