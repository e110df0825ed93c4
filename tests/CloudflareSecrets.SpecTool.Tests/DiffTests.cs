using System.Reflection;
using CloudflareSecrets.SpecTool.Diff;
using CloudflareSecrets.SpecTool.Tests.Support;
using Newtonsoft.Json.Linq;
using static CloudflareSecrets.SpecTool.Diff.ChangeClass;

namespace CloudflareSecrets.SpecTool.Tests;

/// <summary><see cref="ApiDiff"/> on synthetic changes: each kind of change, found once, in the right class.</summary>
public static class DiffTests
{
    private const string Order = "parameter `order` (query)";
    private const string Page = "parameter `page` (query)";
    private const string Search = "parameter `search` (query)";
    private const string List = "GET " + DiffDocuments.ListPath;
    private const string Create = "POST " + DiffDocuments.ListPath;

    /// <summary>
    /// One synthetic change: what is done to the old and the new copy, and exactly the changes the diff must report.
    /// </summary>
    public sealed record Case(
        string Name,
        Action<JObject>? Before,
        Action<JObject> After,
        params (ChangeClass Class, string Kind, string Where)[] Expected)
    {
        public override string ToString() => Name;
    }

    private static readonly Case[] Cases =
    [
        new("an operation removed", null, d => d.At($"paths['{DiffDocuments.ListPath}']").Remove("post"),
            (Breaking, ChangeKinds.OperationRemoved, Create)),
        new("an operation added", null,
            d => d.At($"paths['{DiffDocuments.ListPath}']")["put"] =
                JObject.Parse("""{ "operationId": "secrets-store-replace", "responses": { "200": { "description": "OK" } } }"""),
            (NonBreaking, ChangeKinds.OperationAdded, "PUT " + DiffDocuments.ListPath)),
        new("an operation moved to another path", null,
            d => Rename(d.At("paths"), DiffDocuments.ListPath, "/accounts/{account_id}/secrets_store/gadgets"),
            (Breaking, ChangeKinds.OperationMoved, "GET /accounts/{account_id}/secrets_store/gadgets"),
            (Breaking, ChangeKinds.OperationMoved, "POST /accounts/{account_id}/secrets_store/gadgets")),
        new("an operation deprecated", null, d => d.List()["deprecated"] = true,
            (NonBreaking, ChangeKinds.OperationDeprecated, List)),
        new("an optional parameter added", null,
            d => ((JArray)d.List()["parameters"]!).Add(
                JObject.Parse("""{ "name": "tag", "in": "query", "schema": { "type": "string" } }""")),
            (NonBreaking, ChangeKinds.ParameterAdded, "parameter `tag` (query)")),
        new("a required parameter added", null,
            d => ((JArray)d.List()["parameters"]!).Add(
                JObject.Parse("""{ "name": "tag", "in": "query", "required": true, "schema": { "type": "string" } }""")),
            (Breaking, ChangeKinds.ParameterAdded, "parameter `tag` (query)")),
        new("a parameter removed", null, d => d.Parameter("page").Remove(),
            (Breaking, ChangeKinds.ParameterRemoved, Page)),
        new("a parameter renamed", null, d => d.Parameter("page")["name"] = "page_number",
            (Breaking, ChangeKinds.ParameterRemoved, Page), (NonBreaking, ChangeKinds.ParameterAdded, "parameter `page_number` (query)")),
        new("a parameter made required", null, d => d.Parameter("page")["required"] = true,
            (Breaking, ChangeKinds.ParameterRequired, Page)),
        new("a parameter made optional", null, d => d.Parameter("search")["required"] = false,
            (NonBreaking, ChangeKinds.ParameterRequired, Search)),
        new("a parameter moved from the query to a header", null, d => d.Parameter("page")["in"] = "header",
            (Breaking, ChangeKinds.ParameterLocation, "parameter `page` (header)")),
        new("a parameter's serialization changed", null, d => d.Parameter("scopes")["explode"] = true,
            (Breaking, ChangeKinds.ParameterSerialization, "parameter `scopes` (query)")),
        new("a parameter's type changed", null, d => d.Parameter("page")["schema"]!["type"] = "string",
            (Breaking, ChangeKinds.Type, Page)),
        new("an enum value a client sends removed", null, d => ((JArray)d.Parameter("order")["schema"]!["enum"]!).Last!.Remove(),
            (Breaking, ChangeKinds.EnumValues, Order)),
        new("an enum value a client sends added", null, d => ((JArray)d.Parameter("order")["schema"]!["enum"]!).Add("modified"),
            (NonBreaking, ChangeKinds.EnumValues, Order)),
        new("a parameter's default changed", null, d => d.Parameter("order")["schema"]!["default"] = "name",
            (Breaking, ChangeKinds.Default, Order)),
        new("a request limit tightened", null, d => d.Parameter("page")["schema"]!["minimum"] = 2,
            (Breaking, ChangeKinds.Constraint, Page)),
        new("a request limit loosened", null, d => d.Schema("widget_create")["properties"]!["name"]!["maxLength"] = 128,
            (NonBreaking, ChangeKinds.Constraint, "widget_create.name")),
        new("a required request property added", null, d => AddProperty(d.Schema("widget_create"), "color", required: true),
            (Breaking, ChangeKinds.PropertyAdded, "widget_create.color")),
        new("an optional request property added", null, d => AddProperty(d.Schema("widget_create"), "color", required: false),
            (NonBreaking, ChangeKinds.PropertyAdded, "widget_create.color")),
        new("a request property removed", null, d => ((JObject)d.Schema("widget_create")["properties"]!).Remove("comment"),
            (Breaking, ChangeKinds.PropertyRemoved, "widget_create.comment")),
        new("a request property made required", null, d => ((JArray)d.Schema("widget_create")["required"]!).Add("comment"),
            (Breaking, ChangeKinds.PropertyRequired, "widget_create.comment")),
        new("a request property made optional", null, d => ((JArray)d.Schema("widget_create")["required"]!).Clear(),
            (NonBreaking, ChangeKinds.PropertyRequired, "widget_create.name")),
        new("a request property no longer nullable", null, d => d.Schema("widget_create")["properties"]!["comment"]!["nullable"] = false,
            (Breaking, ChangeKinds.Nullability, "widget_create.comment")),
        new("a request property made nullable", null, d => d.Schema("widget_create")["properties"]!["name"]!["nullable"] = true,
            (NonBreaking, ChangeKinds.Nullability, "widget_create.name")),
        new("a request body made optional", null, d => d.Create()["requestBody"]!["required"] = false,
            (NonBreaking, ChangeKinds.RequestBodyRequired, "request body")),
        new("a request body removed", null, d => d.Create().Remove("requestBody"),
            (Breaking, ChangeKinds.RequestBodyRemoved, "request body")),
        new("a required request body added", null,
            d => d.List()["requestBody"] =
                JObject.Parse("""{ "required": true, "content": { "application/json": { "schema": { "type": "object" } } } }"""),
            (Breaking, ChangeKinds.RequestBodyAdded, "request body")),
        new("an optional request body added", null,
            d => d.List()["requestBody"] = JObject.Parse("""{ "content": { "application/json": { "schema": { "type": "object" } } } }"""),
            (NonBreaking, ChangeKinds.RequestBodyAdded, "request body")),
        new("a request media type added", null,
            d => d.At($"paths['{DiffDocuments.ListPath}'].post.requestBody.content")["text/plain"] =
                JObject.Parse("""{ "schema": { "type": "string" } }"""),
            (NonBreaking, ChangeKinds.MediaTypeAdded, "request body")),
        new("a request media type removed", null,
            d => Rename(
                d.At($"paths['{DiffDocuments.ListPath}'].post.requestBody.content"),
                "application/json",
                "application/x-www-form-urlencoded"),
            (Breaking, ChangeKinds.MediaTypeRemoved, "request body"), (NonBreaking, ChangeKinds.MediaTypeAdded, "request body")),
        new("an optional response property added", null, d => AddProperty(d.Schema("widget"), "color", required: false),
            (NonBreaking, ChangeKinds.PropertyAdded, "widget.color")),
        new("a required response property removed", null, d => ((JObject)d.Schema("widget")["properties"]!).Remove("id"),
            (Breaking, ChangeKinds.PropertyRemoved, "widget.id")),
        new("a response property no longer required", null, d => ((JArray)d.Schema("widget")["required"]!).Last!.Remove(),
            (Breaking, ChangeKinds.PropertyRequired, "widget.name")),
        new("a response property now required", null, d => ((JArray)d.Schema("widget")["required"]!).Add("comment"),
            (NonBreaking, ChangeKinds.PropertyRequired, "widget.comment")),
        new("a response property made nullable", null, d => d.Schema("widget")["properties"]!["name"]!["nullable"] = true,
            (Breaking, ChangeKinds.Nullability, "widget.name")),
        new("a response property no longer nullable", null, d => d.Schema("widget")["properties"]!["comment"]!["nullable"] = false,
            (NonBreaking, ChangeKinds.Nullability, "widget.comment")),
        new("a response property's type changed", null, d => d.Schema("widget")["properties"]!["id"]!["type"] = "integer",
            (Breaking, ChangeKinds.Type, "widget.id")),
        new("an array of arrays made an array",
            d => d.Parameter("scopes")["schema"] =
                JObject.Parse("""{ "type": "array", "items": { "$ref": "#/components/schemas/scopes" } }"""),
            d => { },
            (Breaking, ChangeKinds.Type, "parameter `scopes` (query)")),
        new("a response enum value added", null, d => ((JArray)d.Schema("widget")["properties"]!["status"]!["enum"]!).Add("deleted"),
            (NonBreaking, ChangeKinds.EnumValues, "widget.status")),
        new("a response enum value removed", null, d => ((JArray)d.Schema("widget")["properties"]!["status"]!["enum"]!).Last!.Remove(),
            (NonBreaking, ChangeKinds.EnumValues, "widget.status")),
        new("a response enum opened, keeping its values as known values", null, d => OpenEnum(d.Schema("widget")["properties"]!["status"]!),
            (NonBreaking, ChangeKinds.EnumValues, "widget.status")),
        new("an open request value closed to an enum", d => OpenEnum(d.Schema("scopes")["items"]!), d => { },
            (Breaking, ChangeKinds.EnumValues, "parameter `scopes` (query)[]"),
            (Breaking, ChangeKinds.EnumValues, "scopes[]"),
            (NonBreaking, ChangeKinds.EnumValues, "scopes[]")),
        new("a known value added to an open list", d => OpenEnum(d.Schema("scopes")["items"]!),
            d =>
            {
                OpenEnum(d.Schema("scopes")["items"]!);
                ((JArray)d.Schema("scopes")["items"]!["x-known-values"]!).Add("queues");
            },
            (NonBreaking, ChangeKinds.EnumValues, "parameter `scopes` (query)[]"),
            (NonBreaking, ChangeKinds.EnumValues, "scopes[]"),
            (NonBreaking, ChangeKinds.EnumValues, "scopes[]")),
        new("a success response removed", null, d => Rename(d.At($"paths['{DiffDocuments.ListPath}'].get.responses"), "200", "202"),
            (Breaking, ChangeKinds.ResponseRemoved, "response 200"), (NonBreaking, ChangeKinds.ResponseAdded, "response 202")),
        new("a failure response replaced by a default one", null,
            d => Rename(d.At($"paths['{DiffDocuments.ListPath}'].get.responses"), "4XX", "default"),
            (NonBreaking, ChangeKinds.ResponseRemoved, "response 4XX"), (NonBreaking, ChangeKinds.ResponseAdded, "response default")),
        new("a response media type removed", null,
            d => Rename(d.At($"paths['{DiffDocuments.ListPath}'].get.responses['200'].content"), "application/json", "text/csv"),
            (Breaking, ChangeKinds.MediaTypeRemoved, "response 200"), (NonBreaking, ChangeKinds.MediaTypeAdded, "response 200")),
        new("a credential an operation accepts added", null,
            d => ((JArray)d.List()["security"]!).Add(JObject.Parse("""{ "api_token": [] }""")),
            (NonBreaking, ChangeKinds.SecurityAdded, "security")),
        new("a credential an operation accepts removed", null, d => d.List()["security"] = JArray.Parse("""[ { "api_token": [] } ]"""),
            (Breaking, ChangeKinds.SecurityRemoved, "security"), (NonBreaking, ChangeKinds.SecurityAdded, "security")),
        new("a security scheme added", null,
            d => d.At("components.securitySchemes")["oauth"] = JObject.Parse("""{ "type": "oauth2", "flows": { } }"""),
            (NonBreaking, ChangeKinds.SecuritySchemeAdded, "security scheme `oauth`")),
        new("a security scheme removed", null, d => d.At("components.securitySchemes").Remove("api_token"),
            (Breaking, ChangeKinds.SecuritySchemeRemoved, "security scheme `api_token`")),
        new("a security scheme's header renamed", null, d => d.At("components.securitySchemes.api_key")["name"] = "X-Key",
            (Breaking, ChangeKinds.SecuritySchemeChanged, "security scheme `api_key`")),
        new("an operation summary reworded", null, d => d.List()["summary"] = "List all widgets of an account",
            (DocumentationOnly, ChangeKinds.Description, List)),
        new("a property description reworded", null,
            d => d.Schema("widget")["properties"]!["name"]!["description"] = "What the widget is called.",
            (DocumentationOnly, ChangeKinds.Description, "widget.name")),
        new("a parameter description reworded", null, d => d.Parameter("order")["description"] = "Sort the widgets by this field.",
            (DocumentationOnly, ChangeKinds.Description, Order)),
        new("a description that only lost its full stop", null,
            d => d.Schema("widget")["properties"]!["name"]!["description"] = "the name of the widget"),
        new("a parameter that only moved into components", null, d => MoveIntoComponents(d, "order")),
        new("a path parameter that moved into components and took its schema's description", d =>
            {
                foreach (JObject operation in new[] { d.List(), d.Create() })
                {
                    operation["parameters"]![0] = JObject.Parse(
                        """{ "name": "account_id", "in": "path", "required": true, "schema": """ +
                        """{ "$ref": "#/components/schemas/account_identifier" } }""");
                }

                d.At("components.schemas")["account_identifier"] = JObject.Parse(
                    """{ "type": "string", "maxLength": 32, "readOnly": true, "description": "Account Identifier" }""");
            },
            d => d.At("components.parameters.account_id")["description"] = "Account identifier."),
        new("nothing", null, d => { }),
    ];

    [TestCaseSource(nameof(Cases))]
    public static void ReportsExactlyTheExpectedChanges_InTheirClasses(Case change)
    {
        ApiDiffResult diff = DiffDocuments.Diff(change.Before, change.After);

        Assert.That(diff.Changes.Select(c => (c.Class, c.Kind, c.Where)), Is.EquivalentTo(change.Expected),
            string.Join("\n", diff.Changes.Select(c => $"{c.Class} {c.Kind} {c.Where}: {c.Detail}")));
    }

    [Test]
    public static void TheCasesCoverEveryKindAndEveryClass()
    {
        IEnumerable<string> kinds = typeof(ChangeKinds)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetValue(null)!);
        var expected = Cases.SelectMany(c => c.Expected).ToList();

        Assert.That(expected.Select(e => e.Kind).Distinct(), Is.EquivalentTo(kinds));
        Assert.That(expected.Select(e => e.Class).Distinct(), Is.EquivalentTo(Enum.GetValues<ChangeClass>()));
    }

    [Test]
    public static void MapsAChangeToTheFacadeMembersOfItsOperation()
    {
        ApiDiffResult diff = DiffDocuments.Diff(null, d => d.Parameter("page").Remove());

        Assert.That(diff.Changes.Single().Operations, Is.EqualTo(new[] { "secrets-store-list" }));
        Assert.That(diff.Changes.Single().FacadeMembers, Is.EqualTo(new[] { "ListStoresAsync" }));
    }

    [Test]
    public static void ReportsAChangeToASharedSchemaOnce_WithEveryOperationThatReachesIt()
    {
        ApiDiffResult diff = DiffDocuments.Diff(null, d => ((JObject)d.Schema("widget")["properties"]!).Remove("id"));

        ApiChange change = diff.Changes.Single();
        Assert.That(change.Operations, Is.EqualTo(new[] { "secrets-store-list", "secrets-store-create" }));
        Assert.That(change.FacadeMembers, Is.EqualTo(new[] { "ListStoresAsync", "CreateStoreAsync" }));
        Assert.That(change.Context, Is.EqualTo(ChangeContext.Response));
    }

    [Test]
    public static void ComparesOperationsTaggedSecretsStoreOutsideItsPaths_ButNoOtherOperation()
    {
        ApiDiffResult diff = DiffDocuments.Diff(
            d => d.At("paths")["/system/accounts/{account_tag}/widgets"] = JObject.Parse("""
                {
                  "get": {
                    "operationId": "secrets-store-system-list", "tags": [ "Secrets Store" ], "responses": { "200": { "description": "OK" } }
                  }
                }
                """),
            d => d.At("paths").Remove("/zones/{zone_id}/dns"));

        ApiChange change = diff.Changes.Single();
        Assert.That((change.Class, change.Kind, change.Where),
            Is.EqualTo((Breaking, ChangeKinds.OperationRemoved, "GET /system/accounts/{account_tag}/widgets")));
        Assert.That(change.Detail, Does.Contain("not in the project's spec"));
        Assert.That(change.FacadeMembers, Is.Empty);
        Assert.That((diff.FromOperations, diff.ToOperations, diff.OperationsRemoved), Is.EqualTo((3, 2, 1)));
    }

    [Test]
    public static void EndsOnARecursiveSchema()
    {
        static void Recurse(JObject d) =>
            d.Schema("widget")["properties"]!["parent"] = JObject.Parse("""{ "$ref": "#/components/schemas/widget" }""");

        ApiDiffResult diff = DiffDocuments.Diff(Recurse, d => { Recurse(d); AddProperty(d.Schema("widget"), "color", required: false); });

        Assert.That(diff.Changes.Select(c => c.Where), Is.EqualTo(new[] { "widget.color" }));
    }

    [Test]
    public static void CountsDescriptionsThatChangedOnlyInPunctuation_WithoutListingThem()
    {
        ApiDiffResult diff = DiffDocuments.Diff(null, d => d.List()["summary"] = "List widgets.");

        Assert.That(diff.Changes, Is.Empty);
        Assert.That(diff.CosmeticDescriptions, Is.EqualTo(1));
    }

    private static void AddProperty(JObject schema, string name, bool required)
    {
        schema["properties"]![name] = JObject.Parse("""{ "type": "string" }""");
        if (required)
        {
            ((JArray)schema["required"]!).Add(name);
        }
    }

    private static void OpenEnum(JToken schema)
    {
        schema[Overlay.KnownValuesKey] = schema["enum"];
        ((JObject)schema).Remove("enum");
    }

    private static void Rename(JObject parent, string from, string to)
    {
        JToken value = parent[from]!;
        parent.Remove(from);
        parent[to] = value;
    }

    private static void MoveIntoComponents(JObject document, string name)
    {
        JObject parameter = document.Parameter(name);
        document.At("components.parameters")[$"widgets_{name}"] = parameter.DeepClone();
        parameter.Replace(JObject.Parse($$"""{ "$ref": "#/components/parameters/widgets_{{name}}" }"""));
    }
}
