namespace CloudflareSecrets;

/// <summary>
/// A <c>CreateSecretsAsync</c> of several batches failed after at least one batch was created: the secrets already
/// created are in <see cref="Created"/>, the names of the failed batch in <see cref="FailedNames"/>, the names never sent
/// in <see cref="NotSent"/>, and the failure itself in <see cref="Exception.InnerException"/>. The caller can finish
/// (send <see cref="NotSent"/> and, if it was not created, the failed batch again) or roll back (delete <see cref="Created"/>).
/// </summary>
/// <remarks>
/// A failure in the first batch is thrown as it is: nothing was created. Cancellation is thrown as
/// <see cref="OperationCanceledException"/>. The message names counts and the operation, never a secret value.
/// A <see cref="CloudflareApiException"/> like every failed API interaction: its status, errors and ray id are those of
/// the failed batch's answer, or status 0 with no errors when no answer was received (a network failure, a timeout).
/// </remarks>
public sealed class SecretsPartiallyCreatedException : CloudflareApiException
{
    /// <summary>Creates the exception; for tests (the client throws it itself).</summary>
    /// <param name="created">The secrets the earlier batches created, in the order given.</param>
    /// <param name="failedNames">The names of the batch that failed.</param>
    /// <param name="notSent">The names of the batches never sent.</param>
    /// <param name="failedBatchOutcomeUnknown">Whether the failure leaves open whether the failed batch was created.</param>
    /// <param name="innerException">The failure of the batch.</param>
    public SecretsPartiallyCreatedException(
        IReadOnlyList<Secret> created,
        IReadOnlyList<string> failedNames,
        IReadOnlyList<string> notSent,
        bool failedBatchOutcomeUnknown,
        Exception innerException)
        : base(
            Describe(created, failedNames, notSent, failedBatchOutcomeUnknown, innerException),
            Answer.StatusOf(innerException),
            Answer.ErrorsOf(innerException),
            Answer.MessagesOf(innerException),
            Answer.RayIdOf(innerException),
            innerException ?? throw new ArgumentNullException(nameof(innerException)))
    {
        Created = created;
        FailedNames = failedNames;
        NotSent = notSent;
        FailedBatchOutcomeUnknown = failedBatchOutcomeUnknown;
    }

    /// <summary>The secrets created by the batches before the one that failed, in the order given.</summary>
    public IReadOnlyList<Secret> Created { get; }

    /// <summary>The names in the batch that failed.</summary>
    public IReadOnlyList<string> FailedNames { get; }

    /// <summary>The names in the batches after it, which were never sent.</summary>
    public IReadOnlyList<string> NotSent { get; }

    /// <summary>
    /// Whether the failure leaves open whether the failed batch was created (a timeout, a 5xx, a connection lost after
    /// sending): look the <see cref="FailedNames"/> up (for example with <c>FindSecretByNameAsync</c>) before sending
    /// them again. When <see langword="false"/>, Cloudflare refused the batch, and being all or nothing, created none of it.
    /// </summary>
    public bool FailedBatchOutcomeUnknown { get; }

    private static string Describe(
        IReadOnlyList<Secret> created, IReadOnlyList<string> failed, IReadOnlyList<string> notSent, bool unknown, Exception inner) =>
        $"CreateSecrets failed part-way: {created?.Count ?? 0} secret(s) created, a batch of {failed?.Count ?? 0} " +
        $"{(unknown ? "that may or may not have been created" : "not created")}, {notSent?.Count ?? 0} not sent. Cause: {inner?.Message}";
}
