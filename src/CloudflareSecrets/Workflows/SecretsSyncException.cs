using System.Globalization;

namespace CloudflareSecrets;

/// <summary>
/// A sync that stopped: the quota check refused it before anything was written (<see cref="IsQuotaExceeded"/>), or a
/// request failed part-way (<see cref="Exception.InnerException"/> is that failure, usually a
/// <see cref="CloudflareApiException"/>). <see cref="Completed"/> is what was done, <see cref="NotDone"/> what was
/// planned and not done, so the caller can run the sync again or repair by hand; the message names no value.
/// </summary>
/// <remarks>
/// A <see cref="CloudflareApiException"/> like every failed API interaction: its status, errors and ray id are those of
/// the answer that stopped the sync, or status 0 with no errors when none did (the quota check, a network failure).
/// </remarks>
public sealed class SecretsSyncException : CloudflareApiException
{
    /// <summary>Creates the exception; for tests of code that consumes the workflows.</summary>
    /// <param name="message">The message (it must not contain a secret value).</param>
    /// <param name="completed">What was done.</param>
    /// <param name="notDone">What was planned and not done.</param>
    /// <param name="isQuotaExceeded">Whether the quota check refused the sync.</param>
    /// <param name="innerException">The failure that stopped the sync, if any.</param>
    public SecretsSyncException(
        string message,
        SyncResult completed,
        IEnumerable<SyncChange> notDone,
        bool isQuotaExceeded = false,
        Exception? innerException = null)
        : base(
            message,
            Answer.StatusOf(innerException),
            Answer.ErrorsOf(innerException),
            Answer.MessagesOf(innerException),
            Answer.RayIdOf(innerException),
            innerException)
    {
        ArgumentNullException.ThrowIfNull(completed);
        ArgumentNullException.ThrowIfNull(notDone);
        Completed = completed;
        NotDone = [.. notDone];
        IsQuotaExceeded = isQuotaExceeded;
    }

    /// <summary>What was done before the sync stopped (its <see cref="SyncResult.RequestCount"/> counts every request sent).</summary>
    public SyncResult Completed { get; }

    /// <summary>
    /// The planned changes that were not done. A change whose request failed is here even when Cloudflare may have
    /// applied it (a timeout, a 5xx): running the sync again settles it.
    /// </summary>
    public IReadOnlyList<SyncChange> NotDone { get; }

    /// <summary>Whether the secrets to create would have taken the account past its quota; then nothing was written.</summary>
    public bool IsQuotaExceeded { get; }

    internal static SecretsSyncException QuotaExceeded(
        SyncResult completed, IEnumerable<SyncChange> notDone, int creates, SecretsQuota quota) =>
        new(
            string.Create(
                CultureInfo.InvariantCulture,
                $"The sync was not started: it would create {creates} secret(s), and the account uses {quota.Usage} of its quota "
                    + $"of {quota.Quota} ({quota.Remaining} left). Nothing was written."),
            completed,
            notDone,
            isQuotaExceeded: true);

    internal static SecretsSyncException PartWay(SyncResult completed, IReadOnlyCollection<SyncChange> notDone, Exception cause) => new(
        string.Create(
            CultureInfo.InvariantCulture,
            $"The sync stopped part-way: {completed} done, {notDone.Count} change(s) not done. "
                + $"Cause: {cause.GetType().Name}: {cause.Message}"),
        completed,
        notDone,
        innerException: cause);
}
