namespace CloudflareSecrets.SpecTool.Diff;

/// <summary>What a change means for a client of the API.</summary>
public enum ChangeClass
{
    /// <summary>Code or calls that worked before may fail: a removed operation, a narrowed request, a weaker response.</summary>
    Breaking,

    /// <summary>What worked before still works: something was added, widened or opened.</summary>
    NonBreaking,

    /// <summary>Only descriptions or summaries changed.</summary>
    DocumentationOnly,
}

/// <summary>Where in an operation a change was found, which decides how it is classified.</summary>
public enum ChangeContext
{
    /// <summary>The operation itself (added, removed, moved, deprecated, summary).</summary>
    Operation,

    /// <summary>A parameter the client sends.</summary>
    Parameter,

    /// <summary>A request body the client sends.</summary>
    Request,

    /// <summary>A response the client reads.</summary>
    Response,

    /// <summary>Credentials: an operation's security requirements or the document's security schemes.</summary>
    Security,
}

/// <summary>
/// One change between two documents. <see cref="Where"/> names the operation, parameter or schema (a schema change
/// is named after the component it is in, so that a change to a shared schema is reported once for every operation).
/// </summary>
public sealed record ApiChange(ChangeClass Class, string Kind, ChangeContext Context, string Where, string Detail)
{
    /// <summary>The operations the change reaches (operationIds, or method and path where there is none), in order.</summary>
    public IReadOnlyList<string> Operations { get; init; } = [];

    /// <summary>The public members of <c>ISecretsStoreClient</c> that call those operations.</summary>
    public IReadOnlyList<string> FacadeMembers { get; init; } = [];
}

/// <summary>The kinds of change the diff reports, as they appear in its output.</summary>
public static class ChangeKinds
{
    public const string OperationAdded = "operation added";
    public const string OperationRemoved = "operation removed";
    public const string OperationMoved = "operation moved";
    public const string OperationDeprecated = "operation deprecated";
    public const string ParameterAdded = "parameter added";
    public const string ParameterRemoved = "parameter removed";
    public const string ParameterRequired = "parameter required";
    public const string ParameterLocation = "parameter location";
    public const string ParameterSerialization = "parameter serialization";
    public const string RequestBodyAdded = "request body added";
    public const string RequestBodyRemoved = "request body removed";
    public const string RequestBodyRequired = "request body required";
    public const string MediaTypeAdded = "media type added";
    public const string MediaTypeRemoved = "media type removed";
    public const string ResponseAdded = "response added";
    public const string ResponseRemoved = "response removed";
    public const string PropertyAdded = "property added";
    public const string PropertyRemoved = "property removed";
    public const string PropertyRequired = "property required";
    public const string Type = "type";
    public const string Nullability = "nullability";
    public const string EnumValues = "enum values";
    public const string Constraint = "constraint";
    public const string Default = "default";
    public const string SecurityAdded = "security requirement added";
    public const string SecurityRemoved = "security requirement removed";
    public const string SecuritySchemeAdded = "security scheme added";
    public const string SecuritySchemeRemoved = "security scheme removed";
    public const string SecuritySchemeChanged = "security scheme changed";
    public const string Description = "description";
}
