namespace CloudflareSecrets.Internal;

/// <summary>
/// Values to mask in every call made inside a workflow, beside each call's own: during a sync, an error of one request
/// that echoes another secret of the same sync is masked too. Flows with the async context of the workflow that set it.
/// </summary>
internal static class SensitiveScope
{
    private static readonly AsyncLocal<IReadOnlyCollection<string>?> Values = new();

    public static IReadOnlyCollection<string>? Current => Values.Value;

    /// <summary>Adds <paramref name="values"/> until the returned scope is disposed.</summary>
    public static Scope Enter(IReadOnlyCollection<string> values)
    {
        IReadOnlyCollection<string>? previous = Values.Value;
        Values.Value = previous is null ? values : [.. previous, .. values];
        return new Scope(previous);
    }

    public readonly struct Scope(IReadOnlyCollection<string>? previous) : IDisposable
    {
        public void Dispose() => Values.Value = previous;
    }
}
