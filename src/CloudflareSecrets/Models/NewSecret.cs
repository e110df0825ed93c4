using CloudflareSecrets.Internal;

namespace CloudflareSecrets;

/// <summary>
/// A secret to create. <see cref="ToString"/> never shows <see cref="Value"/>, so the record is safe to log.
/// </summary>
/// <param name="Name">The secret name: not empty, no white space.</param>
/// <param name="Value">The secret value: at most 65,536 bytes in UTF-8. Cloudflare never returns it.</param>
/// <param name="Scopes">The services that may use the secret: at least one, such as <see cref="SecretScopes.Workers"/>.</param>
/// <param name="Comment">An optional free-form comment.</param>
public sealed record NewSecret(string Name, string Value, IReadOnlyList<string> Scopes, string? Comment = null)
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Name = {Name}, Value = {Redaction.Mask}, Scopes = [{string.Join(", ", Scopes ?? [])}], Comment = {Comment}");
        return true;
    }
}
