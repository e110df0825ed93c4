using System.Security.Cryptography;
using CloudflareSecrets.SpecTool.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Tests;

/// <summary>
/// The tool end to end on Cloudflare's real published documents: the recorded one (spec/upstream, which the
/// committed spec comes from) and the 2026-07-06 one (a fixture), both with the project's overlay.
/// </summary>
public static class UpstreamDocumentTests
{
    /// <summary>The public Secrets Store operations, as Cloudflare publishes them.</summary>
    private static readonly string[] UpstreamOperationIds =
    [
        "secrets-store-quota",
        "secrets-store-list",
        "secrets-store-create",
        "secrets-store-get-store-by-id",
        "secrets-store-delete-by-id",
        "secrets-store-secrets-list",
        "secrets-store-secret-create",
        "secrets-store-delete-bulk",
        "secrets-store-get-by-id",
        "secrets-store-patch-by-id",
        "secrets-store-secret-delete-by-id",
        "secrets-store-duplicate-by-id",
    ];

    private const string Base = "/accounts/{account_id}/secrets_store";
    private const string FailureRef = "#/components/schemas/secrets-store_api-response-common-failure";
    private const string DeleteSecretsRequestRef = "#/components/schemas/secrets-store_deleteSecretsRequest";
    private const string BulkDeletePath = Base + "/stores/{store_id}/secrets";

    private static JObject Spec => UpstreamRuns.Current.Document;

    private static IEnumerable<OpenApi.Operation> SpecOperations() => OpenApi.Operations(Spec);

    public class TheCommittedSpec
    {
        [Test]
        public void IsReproducedByteForByte_ByRunningTheToolOnTheRecordedUpstreamDocument()
        {
            Assert.That(UpstreamRuns.Current.SpecBytes, Is.EqualTo(File.ReadAllBytes(RepoPaths.CommittedSpec)),
                "spec/secrets-store.openapi.json differs from what the tool produces: regenerate it.");
        }

        [Test]
        public void HasItsSourceRecordReproducedByteForByte()
        {
            Assert.That(UpstreamRuns.Current.SourceBytes, Is.EqualTo(File.ReadAllBytes(RepoPaths.CommittedSource)),
                "spec/source.json differs from what the tool produces: regenerate it.");
        }
    }

    public class TheOutput
    {
        [Test]
        public void IsByteIdentical_WhenTheToolRunsTwiceOnTheSameInput()
        {
            Assert.That(UpstreamRuns.CurrentAgain.SpecBytes, Is.EqualTo(UpstreamRuns.Current.SpecBytes));
            Assert.That(UpstreamRuns.CurrentAgain.SourceBytes, Is.EqualTo(UpstreamRuns.Current.SourceBytes));
        }

        [Test]
        public void UsesLfLineEnds_NoByteOrderMark_AndEndsWithExactlyOneNewline()
        {
            foreach (byte[] bytes in new[] { UpstreamRuns.Current.SpecBytes, UpstreamRuns.Current.SourceBytes })
            {
                Assert.That(bytes, Does.Not.Contain((byte)'\r'));
                Assert.That(bytes.Take(3), Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
                Assert.That(bytes[^2..], Is.EqualTo("}\n"u8.ToArray()));
            }
        }

        [Test]
        public void IndentsEachLevelWithTwoSpaces()
        {
            string[] lines = System.Text.Encoding.UTF8.GetString(UpstreamRuns.Current.SpecBytes).TrimEnd('\n').Split('\n');

            Assert.That(lines[1], Does.StartWith("  \"components\": {"));
            int previous = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                int indent = lines[i].Length - lines[i].TrimStart(' ').Length;
                Assert.That(lines[i][indent..], Does.Not.StartWith("\t"), $"line {i + 1}");
                Assert.That(indent % 2, Is.Zero, $"line {i + 1}: indent {indent}");
                Assert.That(indent, Is.LessThanOrEqualTo(previous + 2), $"line {i + 1}: deeper than one level below the line before");
                previous = indent;
            }
        }

        [Test]
        public void WritesTheKeysOfEveryObjectInOrdinalOrder()
        {
            foreach (byte[] bytes in new[] { UpstreamRuns.Current.SpecBytes, UpstreamRuns.Current.SourceBytes })
            {
                var unordered = new List<string>();
                var lastKeyPerDepth = new Stack<string?>();
                using var reader = new JsonTextReader(new StringReader(System.Text.Encoding.UTF8.GetString(bytes)));
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonToken.StartObject:
                            lastKeyPerDepth.Push(null);
                            break;
                        case JsonToken.EndObject:
                            lastKeyPerDepth.Pop();
                            break;
                        case JsonToken.PropertyName:
                            string key = (string)reader.Value!;
                            string? last = lastKeyPerDepth.Pop();
                            if (last is not null && string.CompareOrdinal(last, key) >= 0)
                            {
                                unordered.Add($"{reader.Path}: '{key}' after '{last}'");
                            }

                            lastKeyPerDepth.Push(key);
                            break;
                    }
                }

                Assert.That(unordered, Is.Empty);
            }
        }
    }

    public class TheOperations
    {
        [Test]
        public void AreExactlyTheTwelveUpstreamSecretsStoreOperations()
        {
            Assert.That(SpecOperations().Select(o => o.Id), Is.EquivalentTo(UpstreamOperationIds));
            Assert.That(SpecOperations().Count(), Is.EqualTo(12));
        }

        [TestCase("secrets-store-quota", "get", Base + "/quota")]
        [TestCase("secrets-store-list", "get", Base + "/stores")]
        [TestCase("secrets-store-create", "post", Base + "/stores")]
        [TestCase("secrets-store-get-store-by-id", "get", Base + "/stores/{store_id}")]
        [TestCase("secrets-store-delete-by-id", "delete", Base + "/stores/{store_id}")]
        [TestCase("secrets-store-secrets-list", "get", Base + "/stores/{store_id}/secrets")]
        [TestCase("secrets-store-secret-create", "post", Base + "/stores/{store_id}/secrets")]
        [TestCase("secrets-store-delete-bulk", "delete", Base + "/stores/{store_id}/secrets")]
        [TestCase("secrets-store-get-by-id", "get", Base + "/stores/{store_id}/secrets/{secret_id}")]
        [TestCase("secrets-store-patch-by-id", "patch", Base + "/stores/{store_id}/secrets/{secret_id}")]
        [TestCase("secrets-store-secret-delete-by-id", "delete", Base + "/stores/{store_id}/secrets/{secret_id}")]
        [TestCase("secrets-store-duplicate-by-id", "post", Base + "/stores/{store_id}/secrets/{secret_id}/duplicate")]
        public void EachSitsAtItsMethodAndPath(string operationId, string method, string path)
        {
            OpenApi.Operation operation = OpenApi.FindOperation(Spec, operationId);

            Assert.That((operation.Method, operation.Path), Is.EqualTo((method, path)));
        }
    }

    public class TheOverlayFixes
    {
        [Test]
        public void GiveBulkDeleteARequiredJsonBody_OfDeleteSecretsRequest()
        {
            JToken? body = Spec["paths"]![BulkDeletePath]!["delete"]!["requestBody"];

            Assert.That(body, Is.Not.Null);
            Assert.That((bool?)body!["required"], Is.True);
            Assert.That(body["content"], Is.EqualTo(JObject.Parse($$"""
                { "application/json": { "schema": { "$ref": "{{DeleteSecretsRequestRef}}" } } }
                """)).Using(new JTokenEqualityComparer()));
        }

        [Test]
        public void KeepTheDeleteSecretsRequestComponent_WithItsRequiredIds()
        {
            JToken? schema = OpenApi.Resolve(Spec, DeleteSecretsRequestRef);

            Assert.That(schema, Is.Not.Null);
            Assert.That(schema!["required"]!.Values<string>(), Is.EqualTo(new[] { "ids" }));
            Assert.That((string?)schema["properties"]!["ids"]!["type"], Is.EqualTo("array"));
        }

        [Test]
        public void LetEveryOperationAcceptAnApiToken_AsWellAsTheGlobalKey()
        {
            var apiToken = JObject.Parse("""{ "api_token": [] }""");
            var globalKey = JObject.Parse("""{ "api_email": [], "api_key": [] }""");

            Assert.Multiple(() =>
            {
                foreach (OpenApi.Operation operation in SpecOperations())
                {
                    JArray security = operation.Node["security"] as JArray ?? [];
                    Assert.That(security.Any(s => JToken.DeepEquals(s, apiToken)), Is.True, $"{operation}: no api_token");
                    Assert.That(security.Any(s => JToken.DeepEquals(s, globalKey)), Is.True, $"{operation}: no api_email + api_key");
                }
            });
        }

        [Test]
        public void LeaveNo4XXResponse_AndGiveEveryOperationADefaultFailureResponse()
        {
            Assert.Multiple(() =>
            {
                foreach (OpenApi.Operation operation in SpecOperations())
                {
                    var responses = (JObject)operation.Node["responses"]!;
                    Assert.That(responses.Properties().Select(p => p.Name), Does.Not.Contain("4XX"), operation.ToString());
                    Assert.That((string?)responses.SelectToken("default.content['application/json'].schema.$ref"),
                        Is.EqualTo(FailureRef), operation.ToString());
                }
            });
        }

        [Test]
        public void LeaveEverySuccessResponseAsUpstreamDeclaresIt()
        {
            Assert.Multiple(() =>
            {
                foreach (OpenApi.Operation operation in SpecOperations())
                {
                    JToken upstream = UpstreamRuns.CurrentUpstream["paths"]![operation.Path]![operation.Method]!["responses"]!;
                    foreach (JProperty status in ((JObject)upstream).Properties().Where(p => p.Name.StartsWith('2')))
                    {
                        Assert.That(operation.Node["responses"]![status.Name],
                            Is.EqualTo(status.Value).Using(new JTokenEqualityComparer()), $"{operation} {status.Name}");
                    }
                }
            });
        }

        [Test]
        public void LeaveScopeItemsOpenStrings_WithoutEnum()
        {
            JToken scopes = OpenApi.Resolve(Spec, "#/components/schemas/secrets-store_scopes")!;

            Assert.That((string?)scopes["type"], Is.EqualTo("array"));
            Assert.That((string?)scopes["items"]!["type"], Is.EqualTo("string"));
            Assert.That(scopes.SelectTokens("..enum"), Is.Empty);
            Assert.That(scopes["items"]!["x-known-values"]!.Values<string>(), Is.SupersetOf(new[] { "workers", "ai_gateway" }));
        }

        [Test]
        public void LeaveSecretStatusAnOpenString_WithoutEnum()
        {
            JToken status = OpenApi.Resolve(Spec, "#/components/schemas/secrets-store_SecretStatus")!;

            Assert.That((string?)status["type"], Is.EqualTo("string"));
            Assert.That(status["enum"], Is.Null);
            Assert.That(status["x-known-values"]!.Values<string>(), Is.EqualTo(new[] { "pending", "active", "deleted" }));
        }

        [Test]
        public void MakeTheScopesFilterAnArrayOfOpenStrings()
        {
            JToken schema = OpenApi.Deref(Spec, ScopesQueryParameter(Spec)["schema"]!);

            Assert.That((string?)schema["type"], Is.EqualTo("array"));
            Assert.That((string?)schema["items"]!["type"], Is.EqualTo("string"));
            Assert.That(schema.SelectTokens("..enum"), Is.Empty);
        }

        [Test]
        public void NameTheErrorEntryType()
        {
            Assert.That((string?)Spec.SelectToken("components.schemas['secrets-store_messages'].items.title"),
                Is.EqualTo("ResponseMessage"));
        }
    }

    public class TheComponents
    {
        [Test]
        public void AreExactlyThoseTheOperationsReach_WithNoUnreferencedOne()
        {
            ISet<string> reachable = OpenApi.ReachableComponents(Spec);

            Assert.That(OpenApi.ComponentKeys(Spec, exceptSection: "securitySchemes"), Is.EquivalentTo(reachable));
        }

        [Test]
        public void LeaveNoRefDangling()
        {
            var dangling = OpenApi.Refs(Spec).Where(r => OpenApi.Resolve(Spec, r) is null).Distinct().ToList();

            Assert.That(dangling, Is.Empty);
        }

        [Test]
        public void IncludeEverySecuritySchemeOfTheUpstreamDocument()
        {
            Assert.That(Spec["components"]!["securitySchemes"],
                Is.EqualTo(UpstreamRuns.CurrentUpstream["components"]!["securitySchemes"]).Using(new JTokenEqualityComparer()));
            Assert.That(Spec.SelectToken("components.securitySchemes.api_token.scheme")?.ToString(), Is.EqualTo("bearer"));
        }
    }

    public class TheOlderDocumentOf2026_07_06
    {
        [Test]
        public void IsTheUnmodifiedPublishedCopy()
        {
            Assert.That(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(RepoPaths.Fixture(UpstreamRuns.OlderDocument)))),
                Is.EqualTo("2d97207770638d4dfefeacac173fb62c2bd303b2677f64e7e7efcdb8b963271d"));
        }

        [Test]
        public void YieldsTheSameTwelveOperations()
        {
            Assert.That(OpenApi.Operations(UpstreamRuns.Older.Document).Select(o => o.Id), Is.EquivalentTo(UpstreamOperationIds));
        }

        [Test]
        public void LeavesOutTheInternalSystemOperations()
        {
            JObject older = UpstreamRuns.Older.Document;

            Assert.That(((JObject)older["paths"]!).Properties().Select(p => p.Name), Has.All.StartsWith(Base + "/"));
            Assert.That(OpenApi.Operations(older).Select(o => o.Id), Has.None.StartsWith("secrets-store-system-"));
        }

        [Test]
        public void GetsItsScopesFilter_AnArrayOfArrays_TurnedIntoAnArrayOfStrings()
        {
            JObject older = UpstreamRuns.Older.Document;
            JToken schema = OpenApi.Deref(older, ScopesQueryParameter(older)["schema"]!);

            Assert.That((string?)schema["type"], Is.EqualTo("array"));
            Assert.That((string?)schema["items"]!["type"], Is.EqualTo("string"));
            Assert.That(schema["items"]!["items"], Is.Null);
        }

        [Test]
        public void KeepsNoKnownScopes_BecauseThatDocumentListedNone()
        {
            // In 2026-07-06 the scope items were plain strings: the known values come from the document, so there are none.
            JToken items = UpstreamRuns.Older.Document.SelectToken("components.schemas['secrets-store_scopes'].items")!;

            Assert.That(items, Is.EqualTo(JObject.Parse("""{ "type": "string" }""")).Using(new JTokenEqualityComparer()));
        }

        [Test]
        public void GetsTheSameFixes()
        {
            JObject older = UpstreamRuns.Older.Document;

            Assert.That((string?)older.SelectToken($"paths['{BulkDeletePath}'].delete.requestBody.content['application/json'].schema.$ref"),
                Is.EqualTo(DeleteSecretsRequestRef));
            Assert.That(OpenApi.Operations(older).Select(o => o.Node["responses"]!["4XX"]), Has.All.Null);
            Assert.That(OpenApi.ComponentKeys(older, exceptSection: "securitySchemes"),
                Is.EquivalentTo(OpenApi.ReachableComponents(older)));
        }

        [Test]
        public void RecordsWhereItCameFrom()
        {
            var source = JObject.Parse(System.Text.Encoding.UTF8.GetString(UpstreamRuns.Older.SourceBytes));

            Assert.That((string?)source["document"], Is.EqualTo(UpstreamRuns.OlderDocument));
            Assert.That((string?)source["published"], Is.EqualTo("2026-07-06"));
            Assert.That((int?)source["operations"], Is.EqualTo(12));
        }
    }

    /// <summary>The <c>scopes</c> query parameter of the secrets list, inline or through its <c>$ref</c>.</summary>
    private static JToken ScopesQueryParameter(JObject document) =>
        OpenApi.FindOperation(document, "secrets-store-secrets-list").Node["parameters"]!
            .Select(p => OpenApi.Deref(document, p))
            .Single(p => (string?)p["name"] == "scopes" && (string?)p["in"] == "query");
}
