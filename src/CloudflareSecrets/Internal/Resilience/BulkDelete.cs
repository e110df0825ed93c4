using System.Globalization;

namespace CloudflareSecrets.Internal;

/// <summary>How a bulk delete retried after an ambiguous failure reads a not-found answer.</summary>
internal static class BulkDelete
{
    private const string IdsPointer = "/ids/";

    /// <summary>
    /// Whether the answer says every id of the request is gone: each error is <c>secret_not_found</c>, and together they
    /// name every id (by <c>source.pointer</c> <c>/ids/N</c>), or, without pointers, there is one per id. A bulk delete
    /// is all or nothing, so an answer naming only some ids means the lost attempt deleted nothing and those ids never
    /// existed: that answer is true and is not turned into success.
    /// </summary>
    public static bool AllGone(CloudflareApiException answer, int idCount)
    {
        if (answer.Errors.Count == 0 || !answer.Errors.All(e => SecretsStoreKnownErrors.SecretNotFound.Matches(e)))
        {
            return false;
        }

        var named = new HashSet<int>();
        foreach (CloudflareError error in answer.Errors)
        {
            if (error.SourcePointer is { } pointer && pointer.StartsWith(IdsPointer, StringComparison.Ordinal)
                && int.TryParse(pointer.AsSpan(IdsPointer.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                named.Add(index);
            }
        }

        return named.Count > 0 ? Enumerable.Range(0, idCount).All(named.Contains) : answer.Errors.Count >= idCount;
    }
}
