using System.Text;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Diff;

/// <summary>Writes an <see cref="ApiDiffResult"/> as a Markdown report for review, as JSON for scripts, or as one summary line.</summary>
public static class DiffReport
{
    public static string Name(ChangeClass changeClass) => changeClass switch
    {
        ChangeClass.Breaking => "breaking",
        ChangeClass.NonBreaking => "non-breaking",
        _ => "documentation-only",
    };

    /// <summary>One line: the operation counts, the change counts, and the facade members breaking changes touch.</summary>
    public static string Summary(ApiDiffResult diff)
    {
        IReadOnlyList<string> touched = Touched(diff);
        return $"API diff {diff.From} → {diff.To}: {Operations(diff)}; " +
               $"{diff.Count(ChangeClass.Breaking)} breaking, {diff.Count(ChangeClass.NonBreaking)} non-breaking, " +
               $"{diff.Count(ChangeClass.DocumentationOnly)} documentation-only" +
               (touched.Count > 0 ? $"; breaking changes touch {string.Join(", ", touched)}" : string.Empty);
    }

    public static string Markdown(ApiDiffResult diff)
    {
        var md = new StringBuilder();
        md.Append("# Secrets Store API changes: ").Append(diff.From).Append(" → ").Append(diff.To).Append("\n\n");
        md.Append("Made by `dotnet run --project build/spec-tool -- diff --from ").Append(diff.From)
          .Append(" --to ").Append(diff.To).Append("`. Classes are for a client of the API: *breaking* means code or calls that worked ")
          .Append("before may fail.\n\n");
        IReadOnlyList<string> touched = Touched(diff);
        md.Append("| | |\n| --- | --- |\n");
        md.Append("| Operations | ").Append(Operations(diff)).Append(" |\n");
        md.Append("| Breaking | ").Append(diff.Count(ChangeClass.Breaking)).Append(" |\n");
        md.Append("| Non-breaking | ").Append(diff.Count(ChangeClass.NonBreaking)).Append(" |\n");
        md.Append("| Documentation-only | ").Append(diff.Count(ChangeClass.DocumentationOnly))
          .Append(diff.CosmeticDescriptions > 0
              ? $" (and {diff.CosmeticDescriptions} descriptions changed only in punctuation, case or spacing, not listed)"
              : string.Empty)
          .Append(" |\n");
        md.Append("| Facade members touched by breaking changes | ")
          .Append(touched.Count > 0 ? string.Join(", ", touched.Select(m => $"`{m}`")) : "none")
          .Append(" |\n");
        foreach (ChangeClass changeClass in Enum.GetValues<ChangeClass>())
        {
            var changes = diff.Changes.Where(c => c.Class == changeClass).ToList();
            md.Append("\n## ").Append(changeClass switch
            {
                ChangeClass.Breaking => "Breaking",
                ChangeClass.NonBreaking => "Non-breaking",
                _ => "Documentation-only",
            }).Append(" (").Append(changes.Count).Append(")\n\n");
            if (changes.Count == 0)
            {
                md.Append("None.\n");
                continue;
            }

            md.Append("| Change | In | Where | Detail | Operations | Facade members |\n| --- | --- | --- | --- | --- | --- |\n");
            foreach (ApiChange change in changes)
            {
                md.Append("| ").Append(change.Kind)
                  .Append(" | ").Append(change.Context.ToString().ToLowerInvariant())
                  .Append(" | ").Append(Cell(change.Where))
                  .Append(" | ").Append(Cell(change.Detail))
                  .Append(" | ").Append(change.Operations.Count > 0 ? string.Join(", ", change.Operations) : "all")
                  .Append(" | ")
                  .Append(change.FacadeMembers.Count > 0 ? string.Join(", ", change.FacadeMembers.Select(m => $"`{m}`")) : "none")
                  .Append(" |\n");
            }
        }

        return md.ToString();
    }

    public static string Json(ApiDiffResult diff)
    {
        var json = new JObject
        {
            ["from"] = diff.From,
            ["to"] = diff.To,
            ["operations"] = new JObject
            {
                ["from"] = diff.FromOperations,
                ["to"] = diff.ToOperations,
                ["added"] = diff.OperationsAdded,
                ["removed"] = diff.OperationsRemoved,
                ["changed"] = diff.OperationsChanged,
            },
            ["counts"] = new JObject
            {
                ["breaking"] = diff.Count(ChangeClass.Breaking),
                ["non_breaking"] = diff.Count(ChangeClass.NonBreaking),
                ["documentation_only"] = diff.Count(ChangeClass.DocumentationOnly),
                ["cosmetic_descriptions"] = diff.CosmeticDescriptions,
            },
            ["changes"] = new JArray(diff.Changes.Select(c => new JObject
            {
                ["class"] = Name(c.Class),
                ["kind"] = c.Kind,
                ["context"] = c.Context.ToString().ToLowerInvariant(),
                ["where"] = c.Where,
                ["detail"] = c.Detail,
                ["operations"] = new JArray(c.Operations),
                ["facade_members"] = new JArray(c.FacadeMembers),
            })),
        };
        return JsonFiles.ToCanonicalString(json);
    }

    private static string Operations(ApiDiffResult diff) =>
        $"{diff.FromOperations} → {diff.ToOperations} operations " +
        $"({diff.OperationsAdded} added, {diff.OperationsRemoved} removed, {diff.OperationsChanged} changed)";

    private static IReadOnlyList<string> Touched(ApiDiffResult diff) =>
        FacadeMap.For(diff.Changes.Where(c => c.Class == ChangeClass.Breaking).SelectMany(c => c.Operations));

    private static string Cell(string text)
    {
        string flat = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
            .Replace("|", "\\|", StringComparison.Ordinal);
        return flat.Length <= 200 ? flat : string.Concat(flat.AsSpan(0, 199), "…");
    }
}
