using CloudflareSecrets.SpecTool.Diff;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Tests.Support;

/// <summary>A small Secrets Store-like document for diff cases, and the diff of a changed copy against it.</summary>
internal static class DiffDocuments
{
    public const string ListPath = "/accounts/{account_id}/secrets_store/widgets";

    /// <summary>
    /// Two operations with the real operationIds of the stores list and create (so that the facade map applies):
    /// a list with path, enum, integer and required query parameters and a paged response of a shared
    /// <c>widget</c> schema, and a create with a required JSON body.
    /// </summary>
    public static JObject Document() => JObject.Parse("""
        {
          "openapi": "3.0.3",
          "info": { "title": "Test", "version": "1" },
          "paths": {
            "/accounts/{account_id}/secrets_store/widgets": {
              "get": {
                "operationId": "secrets-store-list",
                "summary": "List widgets",
                "tags": [ "Secrets Store" ],
                "parameters": [
                  { "$ref": "#/components/parameters/account_id" },
                  {
                    "name": "order", "in": "query", "description": "Order by this field.",
                    "schema": { "type": "string", "enum": [ "name", "created" ], "default": "created" }
                  },
                  { "name": "page", "in": "query", "schema": { "type": "integer", "minimum": 1 } },
                  { "name": "search", "in": "query", "required": true, "schema": { "type": "string" } },
                  {
                    "name": "scopes", "in": "query", "style": "form", "explode": false,
                    "schema": { "$ref": "#/components/schemas/scopes" }
                  }
                ],
                "security": [ { "api_email": [], "api_key": [] } ],
                "responses": {
                  "200": {
                    "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/widget_list" } } }
                  },
                  "4XX": {
                    "description": "Failure", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/failure" } } }
                  }
                }
              },
              "post": {
                "operationId": "secrets-store-create",
                "summary": "Create a widget",
                "tags": [ "Secrets Store" ],
                "parameters": [ { "$ref": "#/components/parameters/account_id" } ],
                "security": [ { "api_email": [], "api_key": [] } ],
                "requestBody": {
                  "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/widget_create" } } }
                },
                "responses": {
                  "200": {
                    "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/widget_response" } } }
                  }
                }
              }
            },
            "/zones/{zone_id}/dns": {
              "get": { "operationId": "dns-list", "tags": [ "DNS" ], "responses": { "200": { "description": "OK" } } }
            }
          },
          "components": {
            "parameters": {
              "account_id": { "name": "account_id", "in": "path", "required": true, "schema": { "type": "string", "maxLength": 32 } }
            },
            "schemas": {
              "scopes": { "type": "array", "items": { "type": "string", "enum": [ "workers", "dex" ] } },
              "widget": {
                "type": "object",
                "required": [ "id", "name" ],
                "properties": {
                  "id": { "type": "string" },
                  "name": { "type": "string", "description": "The name of the widget." },
                  "comment": { "type": "string", "nullable": true },
                  "status": { "type": "string", "enum": [ "active", "pending" ] },
                  "scopes": { "$ref": "#/components/schemas/scopes" }
                }
              },
              "widget_list": {
                "type": "object", "properties": { "result": { "type": "array", "items": { "$ref": "#/components/schemas/widget" } } }
              },
              "widget_response": { "type": "object", "properties": { "result": { "$ref": "#/components/schemas/widget" } } },
              "widget_create": {
                "type": "object",
                "required": [ "name" ],
                "properties": {
                  "name": { "type": "string", "maxLength": 64 },
                  "comment": { "type": "string", "nullable": true },
                  "scopes": { "$ref": "#/components/schemas/scopes" }
                }
              },
              "failure": { "type": "object", "properties": { "success": { "type": "boolean" } } }
            },
            "securitySchemes": {
              "api_email": { "type": "apiKey", "in": "header", "name": "X-Auth-Email" },
              "api_key": { "type": "apiKey", "in": "header", "name": "X-Auth-Key" },
              "api_token": { "type": "http", "scheme": "bearer" }
            }
          }
        }
        """);

    /// <summary>
    /// Compares <see cref="Document"/> (changed by <paramref name="before"/>) with a copy changed by <paramref name="after"/>.
    /// </summary>
    public static ApiDiffResult Diff(Action<JObject>? before, Action<JObject> after)
    {
        JObject old = Document(), now = Document();
        before?.Invoke(old);
        after(now);
        return ApiDiff.Compare(new ApiDocument(old, "old.json"), new ApiDocument(now, "new.json"));
    }

    public static JObject At(this JObject document, string path) => (JObject)document.SelectToken(path, errorWhenNoMatch: true)!;

    public static JObject List(this JObject document) => document.At($"paths['{ListPath}'].get");

    public static JObject Create(this JObject document) => document.At($"paths['{ListPath}'].post");

    public static JObject Schema(this JObject document, string name) => document.At($"components.schemas['{name}']");

    /// <summary>The list operation's inline parameter called <paramref name="name"/>.</summary>
    public static JObject Parameter(this JObject document, string name) =>
        document.List()["parameters"]!.OfType<JObject>().Single(p => (string?)p["name"] == name);
}
