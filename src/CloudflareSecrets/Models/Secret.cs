namespace CloudflareSecrets;

/// <summary>
/// A secret's metadata as the Secrets Store returns it. The value is write-only: Cloudflare never returns it,
/// so this type has no value property.
/// </summary>
/// <param name="Id">The secret identifier (at most 32 characters).</param>
/// <param name="Name">The secret name.</param>
/// <param name="StoreId">The identifier of the store that holds the secret.</param>
/// <param name="Status">The status, such as <see cref="SecretStatuses.Active"/>; statuses unknown to this version are kept as sent.</param>
/// <param name="Scopes">
/// The services that may use the secret, such as <see cref="SecretScopes.Workers"/>; unknown scopes are kept as sent.
/// </param>
/// <param name="Comment">The free-form comment, or <see langword="null"/>.</param>
/// <param name="Created">When the secret was created.</param>
/// <param name="Modified">When the secret was last modified.</param>
public sealed record Secret(
    string Id,
    string Name,
    string StoreId,
    string Status,
    IReadOnlyList<string> Scopes,
    string? Comment,
    DateTimeOffset Created,
    DateTimeOffset Modified)
{
    /// <summary>Whether the secret is active (a new secret may read <see cref="SecretStatuses.Pending"/> first).</summary>
    public bool IsActive => string.Equals(Status, SecretStatuses.Active, StringComparison.Ordinal);

    /// <inheritdoc />
    public bool Equals(Secret? other) =>
        other is not null && Id == other.Id && Name == other.Name && StoreId == other.StoreId && Status == other.Status &&
        Scopes.SequenceEqual(other.Scopes) && Comment == other.Comment && Created == other.Created && Modified == other.Modified;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Name, StoreId, Status, Comment, Created, Modified);

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Id = {Id}, Name = {Name}, StoreId = {StoreId}, Status = {Status}, Scopes = [{string.Join(", ", Scopes)}], ");
        builder.Append($"Comment = {Comment}, Created = {Created:O}, Modified = {Modified:O}");
        return true;
    }
}
