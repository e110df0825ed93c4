using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Tests.Support;

/// <summary>Small hand-written documents for unit cases; each call returns a fresh copy that a test may change.</summary>
internal static class Synthetic
{
    public const string SecretsPath = "/accounts/{account_id}/secrets_store/things";

    public const string OtherPath = "/zones/{zone_id}/other";

    /// <summary>
    /// One Secrets Store path (referencing <c>thing_list</c> → <c>thing</c> → <c>thing_name</c>, a parameter and <c>failure</c>),
    /// one unrelated path (referencing <c>other</c>), and components nothing kept references.
    /// </summary>
    public static JObject Document() => JObject.Parse("""
        {
          "openapi": "3.0.3",
          "info": { "title": "Test API", "version": "1.0.0" },
          "servers": [ { "url": "https://api.example.test/v1" } ],
          "security": [ { "api_key": [] } ],
          "paths": {
            "/accounts/{account_id}/secrets_store/things": {
              "get": {
                "operationId": "things-list",
                "parameters": [ { "$ref": "#/components/parameters/account_id" } ],
                "security": [ { "api_key": [] } ],
                "responses": {
                  "200": {
                    "description": "ok", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/thing_list" } } }
                  },
                  "4XX": {
                    "description": "failure", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/failure" } } }
                  }
                }
              }
            },
            "/zones/{zone_id}/other": {
              "get": {
                "operationId": "other-get",
                "responses": {
                  "200": { "description": "ok", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/other" } } } }
                }
              }
            }
          },
          "components": {
            "parameters": {
              "account_id": { "name": "account_id", "in": "path", "required": true, "schema": { "type": "string" } },
              "unused_param": { "name": "unused", "in": "query", "schema": { "type": "string" } }
            },
            "schemas": {
              "thing_list": { "type": "array", "items": { "$ref": "#/components/schemas/thing" } },
              "thing": { "type": "object", "properties": { "name": { "$ref": "#/components/schemas/thing_name" } } },
              "thing_name": { "type": "string", "enum": [ "a", "b" ] },
              "failure": { "type": "object", "properties": { "success": { "type": "boolean" } } },
              "other": { "type": "object" },
              "unused": { "type": "object" },
              "overlay_only": { "type": "object", "properties": { "ids": { "type": "array", "items": { "type": "string" } } } }
            },
            "securitySchemes": {
              "api_key": { "type": "apiKey", "in": "header", "name": "X-Auth-Key" },
              "api_token": { "type": "http", "scheme": "bearer" }
            }
          }
        }
        """);

    /// <summary>An Overlay 1.0 document with the given actions.</summary>
    public static JObject Overlay(params JObject[] actions) => new()
    {
        ["overlay"] = "1.0.0",
        ["info"] = new JObject { ["title"] = "test overlay", ["version"] = "1.0.0" },
        ["actions"] = new JArray(actions),
    };

    /// <summary>An overlay whose single action is harmless on <see cref="Document"/>.</summary>
    public static JObject HarmlessOverlay() => Overlay(Update("$.info", """{ "x-overlaid": true }"""));

    public static JObject Update(string target, string update) => new() { ["target"] = target, ["update"] = JToken.Parse(update) };

    public static JObject Remove(string target) => new() { ["target"] = target, ["remove"] = true };
}
