using System.Text.RegularExpressions;

namespace CloudflareSecrets.SpecTool.Diff;

/// <summary>
/// Collects the changes found while walking the operations, remembers which operation each came from, and merges
/// the same change found through several operations (a shared schema) into one entry.
/// </summary>
internal sealed partial class ChangeSink
{
    private readonly List<(ApiChange Change, string Operation)> _found = [];
    private readonly HashSet<string> _cosmetic = new(StringComparer.Ordinal);

    /// <summary>The operation being walked; every change added is attributed to it.</summary>
    public string Operation { get; set; } = string.Empty;

    /// <summary>Descriptions that changed only in punctuation, case or spacing: counted, not listed.</summary>
    public int CosmeticDescriptions => _cosmetic.Count;

    public void Add(ChangeClass changeClass, string kind, ChangeContext context, string where, string detail) =>
        _found.Add((new ApiChange(changeClass, kind, context, where, detail), Operation));

    /// <summary>Records a description change as documentation-only, unless only punctuation, case or spacing differ.</summary>
    public void Describe(ChangeContext context, string where, string? before, string? after, string what = "description")
    {
        before = string.IsNullOrWhiteSpace(before) ? null : before;
        after = string.IsNullOrWhiteSpace(after) ? null : after;
        if (before == after)
        {
            return;
        }

        if (before is not null && after is not null && Normalized(before) == Normalized(after))
        {
            _cosmetic.Add($"{where}\n{before}\n{after}");
            return;
        }

        string detail = (before, after) switch
        {
            (null, _) => $"{what} added: {Quote(after!)}",
            (_, null) => $"{what} removed (was {Quote(before)})",
            _ => $"{what}: {Quote(before)} → {Quote(after)}",
        };
        Add(ChangeClass.DocumentationOnly, ChangeKinds.Description, context, where, detail);
    }

    /// <summary>The changes, each once with every operation it was found through, breaking first, then in the order found.</summary>
    public IReadOnlyList<ApiChange> Changes()
    {
        var merged = new List<(ApiChange Change, List<string> Operations)>();
        var index = new Dictionary<(ChangeClass, string, ChangeContext, string, string), int>();
        foreach ((ApiChange change, string operation) in _found)
        {
            (ChangeClass Class, string Kind, ChangeContext Context, string Where, string Detail) key =
                (change.Class, change.Kind, change.Context, change.Where, change.Detail);
            if (!index.TryGetValue(key, out int at))
            {
                at = merged.Count;
                index[key] = at;
                merged.Add((change, []));
            }

            if (operation.Length > 0 && !merged[at].Operations.Contains(operation))
            {
                merged[at].Operations.Add(operation);
            }
        }

        return merged
            .Select((m, order) => (
                Change: m.Change with { Operations = m.Operations, FacadeMembers = FacadeMap.For(m.Operations) },
                Order: order))
            .OrderBy(m => m.Change.Class)
            .ThenBy(m => m.Order)
            .Select(m => m.Change)
            .ToList();
    }

    /// <summary>The operations in both documents that have at least one change.</summary>
    public ISet<string> ChangedOperations() => _found.Select(f => f.Operation).Where(o => o.Length > 0).ToHashSet(StringComparer.Ordinal);

    private static string Normalized(string text) => Spaces().Replace(text.Trim().TrimEnd('.', ':', ';'), " ").ToLowerInvariant();

    private static string Quote(string text)
    {
        string flat = Spaces().Replace(text.Trim(), " ");
        return $"“{flat}”";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
