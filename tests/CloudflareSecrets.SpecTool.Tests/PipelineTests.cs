using CloudflareSecrets.SpecTool.Diff;
using CloudflareSecrets.SpecTool.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Tests;

/// <summary>
/// The whole pipeline (extract → overlay → NSwag → compile the library with the unchanged facade) for each real
/// upstream document and for an additive upstream change, in a copy of the repository's build inputs. Slow (one
/// library build each), so the three builds share one copy and one restore.
/// </summary>
[Category("Pipeline")]
public class PipelineTests
{
    private const string VersionsPath = "/accounts/{account_id}/secrets_store/stores/{store_id}/secrets/{secret_id}/versions";
    private PipelineTree _tree = null!;

    [OneTimeSetUp]
    public void CopyTheBuildInputs() => _tree = new PipelineTree();

    [OneTimeTearDown]
    public void DeleteTheCopy() => _tree.Dispose();

    [Test]
    [Order(1)]
    public void TheRecordedUpstreamDocument_GeneratesExactlyTheCommittedCode_AndCompiles()
    {
        Run(RepoPaths.CurrentUpstream);

        Assert.That(File.ReadAllText(_tree.GeneratedFile),
            Is.EqualTo(File.ReadAllText(Path.Combine(RepoPaths.Root, "generated", "SecretsStoreRawClient.g.cs"))));
    }

    [Order(2)]
    [TestCaseSource(typeof(RepoPaths), nameof(RepoPaths.FixtureUpstreams))]
    public void EveryOlderRealDocument_GeneratesCodeTheFacadeCompilesWith(string document)
    {
        Run(RepoPaths.Fixture(document));

        Assert.That(File.ReadAllText(_tree.GeneratedFile), Does.Contain("SecretsStoreSecretsListAsync"));
    }

    [Test]
    [Order(3)]
    public void AnAdditiveUpstreamChange_RegeneratesAndCompilesWithTheUnchangedFacade_AndTheDiffCallsItNonBreaking()
    {
        JObject changed = Additive(UpstreamRuns.CurrentUpstream);
        string input = Path.Combine(_tree.Folder, "cloudflare-openapi.2026-09-01.json");
        File.WriteAllText(input, changed.ToString(Newtonsoft.Json.Formatting.None));

        Run(input);

        string generated = File.ReadAllText(_tree.GeneratedFile);
        Assert.That(generated, Does.Contain("SecretsStoreSecretVersionsAsync"), "the new operation is generated");
        Assert.That(generated, Does.Contain("\"rotated_at\""), "the new property is generated");
        var spec = JObject.Parse(File.ReadAllText(_tree.Spec));
        Assert.That(spec.SelectToken("components.schemas['secrets-store_scopes'].items.x-known-values")!.Values<string>(),
            Does.Contain("queues"));

        ApiDiffResult upstream =
            ApiDiff.Compare(new ApiDocument(UpstreamRuns.CurrentUpstream, "before"), new ApiDocument(changed, "after"));
        Assert.That(upstream.Changes.Select(c => (c.Class, c.Kind, c.Where)), Is.EquivalentTo(new[]
        {
            (ChangeClass.NonBreaking, ChangeKinds.OperationAdded, "GET " + VersionsPath),
            (ChangeClass.NonBreaking, ChangeKinds.PropertyAdded, "secrets-store_secretObject.rotated_at"),
            (ChangeClass.NonBreaking, ChangeKinds.EnumValues, "secrets-store_scopes[]"),
            (ChangeClass.NonBreaking, ChangeKinds.EnumValues, "secrets-store_scopes[]"),
        }), string.Join("\n", upstream.Changes.Select(c => $"{c.Class} {c.Kind} {c.Where}: {c.Detail}")));

        ApiDiffResult specs = ApiDiff.Compare(
            new ApiDocument(JObject.Parse(File.ReadAllText(RepoPaths.CommittedSpec)), "before"),
            new ApiDocument(spec, "after"));
        Assert.That(specs.Changes.Select(c => c.Class), Has.All.EqualTo(ChangeClass.NonBreaking));
        Assert.That(specs.Changes.Select(c => c.Kind),
            Is.SupersetOf(new[] { ChangeKinds.OperationAdded, ChangeKinds.PropertyAdded, ChangeKinds.EnumValues }));
    }

    private void Run(string upstream)
    {
        CommandRun extract = _tree.Extract(upstream);
        Assert.That(extract.ExitCode, Is.EqualTo(0), extract.Stderr);
        (int exitCode, string output) = _tree.BuildLibrary();
        Assert.That(exitCode, Is.EqualTo(0), $"the library did not build from {Path.GetFileName(upstream)}:\n{output}");
    }

    /// <summary>The document with a new optional property, a new scope and a new operation: what Cloudflare adds most often.</summary>
    private static JObject Additive(JObject upstream)
    {
        var changed = (JObject)upstream.DeepClone();
        var schemas = (JObject)changed["components"]!["schemas"]!;
        schemas["secrets-store_secretObject"]!["properties"]!["rotated_at"] = JObject.Parse("""
            { "type": "string", "format": "date-time", "description": "When the value was last rotated." }
            """);
        ((JArray)schemas["secrets-store_scopes"]!["items"]!["enum"]!).Add("queues");
        changed["paths"]![VersionsPath] = JObject.Parse("""
            {
              "get": {
                "operationId": "secrets-store-secret-versions",
                "summary": "List the versions of a secret",
                "tags": [ "Secrets Store" ],
                "parameters": [
                  { "$ref": "#/components/parameters/secrets-store_account_id" },
                  { "$ref": "#/components/parameters/secrets-store_store_id" },
                  { "$ref": "#/components/parameters/secrets-store_secret_id" }
                ],
                "security": [ { "api_email": [], "api_key": [] } ],
                "responses": {
                  "200": {
                    "description": "Versions.",
                    "content": { "application/json": { "schema": { "$ref": "#/components/schemas/secrets-store_secret_response" } } }
                  },
                  "4XX": {
                    "description": "Failure.",
                    "content": {
                      "application/json": { "schema": { "$ref": "#/components/schemas/secrets-store_api-response-common-failure" } }
                    }
                  }
                }
              }
            }
            """);
        return changed;
    }
}
