using System.Text.RegularExpressions;

namespace CloudflareSecrets.SpecTool.Diff;

/// <summary>The outcome of comparing two documents.</summary>
public sealed record ApiDiffResult(string From, string To, IReadOnlyList<ApiChange> Changes)
{
    public int FromOperations { get; init; }

    public int ToOperations { get; init; }

    public int OperationsAdded { get; init; }

    public int OperationsRemoved { get; init; }

    /// <summary>Operations in both documents with at least one change (documentation included).</summary>
    public int OperationsChanged { get; init; }

    /// <summary>Descriptions that changed only in punctuation, case or spacing; they are counted, not listed.</summary>
    public int CosmeticDescriptions { get; init; }

    public int Count(ChangeClass changeClass) => Changes.Count(c => c.Class == changeClass);
}

/// <summary>
/// Compares the Secrets Store operations of two OpenAPI documents (whole upstream documents or subsets) by
/// operationId: the operations, their parameters (matched by name and location, wherever they are defined, so a
/// parameter that only moved into <c>components</c> is no change), request bodies, responses, security, and the
/// document's security schemes.
/// </summary>
public static partial class ApiDiff
{
    /// <summary>Reads both files (plain JSON or gzip) and compares them. Nothing is written.</summary>
    public static ApiDiffResult Compare(string fromPath, string toPath) =>
        Compare(
            new ApiDocument(JsonFiles.ReadObject(fromPath, "Document"), Path.GetFileName(fromPath)),
            new ApiDocument(JsonFiles.ReadObject(toPath, "Document"), Path.GetFileName(toPath)));

    public static ApiDiffResult Compare(ApiDocument from, ApiDocument to)
    {
        var sink = new ChangeSink();
        var schemas = new SchemaComparer(from, to, sink);
        var newByKey = to.Operations.ToDictionary(o => o.Key, StringComparer.Ordinal);
        var oldKeys = from.Operations.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        foreach (ApiOperation before in from.Operations)
        {
            sink.Operation = before.Key;
            if (!newByKey.TryGetValue(before.Key, out ApiOperation? after))
            {
                sink.Add(ChangeClass.Breaking, ChangeKinds.OperationRemoved, ChangeContext.Operation, before.Display,
                    before.InProjectSpec ? "removed" : "removed; it is not in the project's spec (no generated code uses it)");
                continue;
            }

            CompareOperation(from, to, before, after, sink, schemas);
        }

        foreach (ApiOperation after in to.Operations.Where(o => !oldKeys.Contains(o.Key)))
        {
            sink.Operation = after.Key;
            sink.Add(ChangeClass.NonBreaking, ChangeKinds.OperationAdded, ChangeContext.Operation, after.Display,
                after.InProjectSpec ? "added" : "added; it is not in the project's spec");
        }

        sink.Operation = string.Empty;
        SecurityComparer.CompareSchemes(from, to, sink);
        ISet<string> changed = sink.ChangedOperations();
        return new ApiDiffResult(from.Name, to.Name, sink.Changes())
        {
            FromOperations = from.Operations.Count,
            ToOperations = to.Operations.Count,
            OperationsAdded = to.Operations.Count(o => !oldKeys.Contains(o.Key)),
            OperationsRemoved = from.Operations.Count(o => !newByKey.ContainsKey(o.Key)),
            OperationsChanged = from.Operations.Count(o => newByKey.ContainsKey(o.Key) && changed.Contains(o.Key)),
            CosmeticDescriptions = sink.CosmeticDescriptions,
        };
    }

    private static void CompareOperation(
        ApiDocument from,
        ApiDocument to,
        ApiOperation before,
        ApiOperation after,
        ChangeSink sink,
        SchemaComparer schemas)
    {
        if (before.Method != after.Method || PathShape(before.Path) != PathShape(after.Path))
        {
            sink.Add(ChangeClass.Breaking, ChangeKinds.OperationMoved, ChangeContext.Operation, after.Display, $"was {before.Display}");
        }

        bool wasDeprecated = (bool?)before.Node["deprecated"] ?? false, isDeprecated = (bool?)after.Node["deprecated"] ?? false;
        if (wasDeprecated != isDeprecated)
        {
            sink.Add(
                ChangeClass.NonBreaking,
                ChangeKinds.OperationDeprecated,
                ChangeContext.Operation,
                after.Display,
                isDeprecated ? "now deprecated" : "no longer deprecated");
        }

        sink.Describe(ChangeContext.Operation, after.Display, (string?)before.Node["summary"], (string?)after.Node["summary"], "summary");
        sink.Describe(ChangeContext.Operation, after.Display, (string?)before.Node["description"], (string?)after.Node["description"]);
        ParameterComparer.Compare(from, to, before, after, sink, schemas);
        BodyComparer.CompareRequestBody(from, to, before, after, sink, schemas);
        BodyComparer.CompareResponses(from, to, before, after, sink, schemas);
        SecurityComparer.CompareRequirements(from, to, before, after, sink);
    }

    /// <summary>
    /// The path with its parameter names blanked: renaming <c>{id}</c> to <c>{store_id}</c> does not move an operation
    /// (the parameters report it).
    /// </summary>
    private static string PathShape(string path) => PathParameter().Replace(path, "{}");

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex PathParameter();
}
