namespace CloudflareSecrets.Emulator.Model;

/// <summary>Filtering, ordering and paging of list operations.</summary>
internal static class Sorting
{
    public static readonly string[] StoreOrders = ["name", "created", "modified"];

    public static readonly string[] SecretOrders = ["name", "comment", "created", "modified", "status"];

    /// <summary>
    /// <c>search</c> is a case-insensitive substring of the name or the comment; every scope in <c>scopes</c> must be
    /// among the secret's scopes (a secret with more scopes still matches).
    /// </summary>
    public static bool Matches(SecretRecord secret, SecretFilter filter)
    {
        if (!string.IsNullOrEmpty(filter.Search) &&
            !secret.Name.Contains(filter.Search, StringComparison.OrdinalIgnoreCase) &&
            !(secret.Comment ?? string.Empty).Contains(filter.Search, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return filter.Scopes.All(scope => secret.Scopes.Contains(scope, StringComparer.Ordinal));
    }

    public static IEnumerable<StoreRecord> Order(IEnumerable<StoreRecord> stores, string order, bool descending) =>
        Order(stores, descending, order switch
        {
            "name" => Compare<StoreRecord>(s => s.Name),
            "modified" => (a, b) => a.Modified.CompareTo(b.Modified),
            _ => (_, _) => 0,
        }, s => s.Sequence);

    public static IEnumerable<SecretRecord> Order(IEnumerable<SecretRecord> secrets, string order, bool descending) =>
        Order(secrets, descending, order switch
        {
            "name" => Compare<SecretRecord>(s => s.Name),
            "comment" => Compare<SecretRecord>(s => s.Comment ?? string.Empty),
            "status" => Compare<SecretRecord>(s => s.Status),
            "modified" => (a, b) => a.Modified.CompareTo(b.Modified),
            _ => (_, _) => 0,
        }, s => s.Sequence);

    public static PageView<TView> Page<TRecord, TView>(IEnumerable<TRecord> ordered, ListQuery query, Func<TRecord, TView> toView)
    {
        var all = ordered.ToList();
        int skip = (int)Math.Min(int.MaxValue, (long)(query.Page - 1) * query.PerPage);
        TView[] items = all.Skip(skip).Take(query.PerPage).Select(toView).ToArray();
        return new PageView<TView>(items, query.Page, query.PerPage, all.Count);
    }

    // Ties (equal names, frozen clocks, "created" itself) fall back to creation order, so every order is total and
    // paging never repeats or skips an item. The direction applies to the whole comparison, tie-break included.
    private static IEnumerable<T> Order<T>(IEnumerable<T> items, bool descending, Comparison<T> primary, Func<T, long> sequence)
    {
        Comparison<T> full = (a, b) =>
        {
            int result = primary(a, b);
            return result != 0 ? result : sequence(a).CompareTo(sequence(b));
        };
        var list = items.ToList();
        list.Sort(descending ? (a, b) => full(b, a) : full);
        return list;
    }

    private static Comparison<T> Compare<T>(Func<T, string> key) => (a, b) =>
    {
        int result = StringComparer.OrdinalIgnoreCase.Compare(key(a), key(b));
        return result != 0 ? result : StringComparer.Ordinal.Compare(key(a), key(b));
    };
}
