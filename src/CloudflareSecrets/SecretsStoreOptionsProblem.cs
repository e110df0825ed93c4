namespace CloudflareSecrets;

/// <summary>
/// One problem <see cref="SecretsStoreClientOptions.GetProblems"/> found: the setting it is about and what is wrong.
/// </summary>
/// <param name="Property">
/// The setting to fix, as a property path of <see cref="SecretsStoreClientOptions"/>: <c>ApiToken</c>, <c>Email</c>,
/// <c>ApiKey</c>, <c>AccountId</c>, <c>BaseUrl</c>, <c>CreateBatchSize</c>, <c>MaxResponseBytes</c>, <c>Retry</c>,
/// <c>Retry.MaxAttempts</c> and so on. A problem of the credentials as a whole (none set, or both kinds) names
/// <c>ApiToken</c>, the recommended one; a half pair names the missing half.
/// </param>
/// <param name="Message">The problem in words; it never contains a credential.</param>
public sealed record SecretsStoreOptionsProblem(string Property, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}
