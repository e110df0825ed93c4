using System.Security.Cryptography;
using CloudflareSecrets.SpecTool.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Tests;

/// <summary>What <see cref="SpecExtractor"/> keeps, drops and records, on small synthetic documents.</summary>
public static class SpecExtractorTests
{
    private static JObject Extract(JObject document, JObject? overlay = null) =>
        SpecExtractor.Extract(document, overlay ?? Synthetic.HarmlessOverlay(), "test-overlay.json");

    private static string[] Names(JToken? section) =>
        section is JObject obj ? [.. obj.Properties().Select(p => p.Name).Order(StringComparer.Ordinal)] : [];

    public class ThePaths
    {
        [Test]
        public void KeepsOnlyThePathsThatContainSecretsStore()
        {
            JObject result = Extract(Synthetic.Document());

            Assert.That(Names(result["paths"]), Is.EqualTo(new[] { Synthetic.SecretsPath }));
        }

        [Test]
        public void KeepTheirOperationsUnchanged_ApartFromTheOverlay()
        {
            JObject document = Synthetic.Document();

            JObject result = Extract(document);

            Assert.That(result["paths"]![Synthetic.SecretsPath],
                Is.EqualTo(document["paths"]![Synthetic.SecretsPath]).Using(new JTokenEqualityComparer()));
        }
    }

    public class TheTopLevel
    {
        [Test]
        public void KeepsTheOpenApiVersionServersAndSecurity()
        {
            JObject document = Synthetic.Document();

            JObject result = Extract(document);

            Assert.That((string?)result["openapi"], Is.EqualTo("3.0.3"));
            Assert.That(result["servers"], Is.EqualTo(document["servers"]).Using(new JTokenEqualityComparer()));
            Assert.That(result["security"], Is.EqualTo(document["security"]).Using(new JTokenEqualityComparer()));
        }

        [Test]
        public void SaysInTheTitleThatItIsTheSecretsStoreSubset()
        {
            JObject result = Extract(Synthetic.Document());

            Assert.That(result["info"], Is.EqualTo(JObject.Parse("""
                { "title": "Test API - Secrets Store", "version": "1.0.0", "x-overlaid": true }
                """)).Using(new JTokenEqualityComparer()));
        }

        [Test]
        public void DoesNotChangeTheInputDocument()
        {
            JObject document = Synthetic.Document();

            Extract(document);

            Assert.That(document, Is.EqualTo(Synthetic.Document()).Using(new JTokenEqualityComparer()));
        }
    }

    public class TheComponents
    {
        [Test]
        public void AreExactlyThoseTheKeptPathsReachTransitively_PlusEverySecurityScheme()
        {
            JObject result = Extract(Synthetic.Document());

            Assert.That(Names(result["components"]), Is.EqualTo(new[] { "parameters", "schemas", "securitySchemes" }));
            Assert.That(Names(result["components"]!["schemas"]), Is.EqualTo(new[] { "failure", "thing", "thing_list", "thing_name" }));
            Assert.That(Names(result["components"]!["parameters"]), Is.EqualTo(new[] { "account_id" }));
            Assert.That(Names(result["components"]!["securitySchemes"]), Is.EqualTo(new[] { "api_key", "api_token" }));
        }

        [Test]
        public void KeepAComponentWhoseNameNeedsJsonPointerEscapes()
        {
            JObject document = Synthetic.Document();
            document["components"]!["schemas"]!["a/b~c"] = JObject.Parse("""{ "type": "string" }""");
            document["components"]!["schemas"]!["thing"]!["properties"]!["name"]!["$ref"] = "#/components/schemas/a~1b~0c";

            JObject result = Extract(document);

            Assert.That(result["components"]!["schemas"]!["a/b~c"], Is.Not.Null);
        }

        [Test]
        public void LeaveOutWhatOnlyADroppedPathReferences()
        {
            JObject result = Extract(Synthetic.Document());

            Assert.That(result["components"]!["schemas"]!["other"], Is.Null);
        }

        [Test]
        public void KeepAComponentThatOnlyTheOverlayReferences()
        {
            JObject overlay = Synthetic.Overlay(Synthetic.Update($"$.paths['{Synthetic.SecretsPath}'].get",
                """{ "requestBody": { "content": { "application/json": """ +
                """{ "schema": { "$ref": "#/components/schemas/overlay_only" } } } } }"""));

            JObject result = Extract(Synthetic.Document(), overlay);

            Assert.That(result["components"]!["schemas"]!["overlay_only"],
                Is.EqualTo(Synthetic.Document()["components"]!["schemas"]!["overlay_only"]).Using(new JTokenEqualityComparer()));
        }

        [Test]
        public void LeaveOutAComponentWhoseOnlyReferenceTheOverlayRemoved()
        {
            JObject overlay = Synthetic.Overlay(Synthetic.Remove($"$.paths['{Synthetic.SecretsPath}'].get.responses['4XX']"));

            JObject result = Extract(Synthetic.Document(), overlay);

            Assert.That(Names(result["components"]!["schemas"]), Is.EqualTo(new[] { "thing", "thing_list", "thing_name" }));
        }

        [Test]
        public void LeaveOutASectionWithNothingReachable()
        {
            JObject overlay = Synthetic.Overlay(Synthetic.Remove($"$.paths['{Synthetic.SecretsPath}'].get.parameters"));

            JObject result = Extract(Synthetic.Document(), overlay);

            Assert.That(Names(result["components"]), Is.EqualTo(new[] { "schemas", "securitySchemes" }));
        }

        [Test]
        public void KeepTheirContentUnchanged()
        {
            JObject result = Extract(Synthetic.Document());

            Assert.That(result["components"]!["schemas"]!["thing"],
                Is.EqualTo(Synthetic.Document()["components"]!["schemas"]!["thing"]).Using(new JTokenEqualityComparer()));
        }
    }

    public class BadDocuments
    {
        [Test]
        public void ADanglingRefInAKeptPath_IsAnErrorNamingTheRefAndWhereItIs()
        {
            JObject document = Synthetic.Document();
            document["paths"]![Synthetic.SecretsPath]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"] =
                "#/components/schemas/missing";

            Assert.That(() => Extract(document), Throws.TypeOf<SpecToolException>()
                .With.Message.Contains("Dangling $ref '#/components/schemas/missing'")
                .And.Message.Contains("responses.200.content"));
        }

        [Test]
        public void ADanglingRefInsideAReachedComponent_IsAnError()
        {
            JObject document = Synthetic.Document();
            document["components"]!["schemas"]!["thing"]!["properties"]!["name"]!["$ref"] = "#/components/schemas/gone";

            Assert.That(() => Extract(document),
                Throws.TypeOf<SpecToolException>().With.Message.Contains("Dangling $ref '#/components/schemas/gone'"));
        }

        [Test]
        public void ADanglingRefThatOnlyADroppedPathHas_IsNotAnError()
        {
            JObject document = Synthetic.Document();
            document["paths"]![Synthetic.OtherPath]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"] =
                "#/components/schemas/missing";

            Assert.That(() => Extract(document), Throws.Nothing);
        }

        [Test]
        public void ARefToAnotherFile_IsAnError()
        {
            JObject document = Synthetic.Document();
            document["components"]!["schemas"]!["thing"]!["properties"]!["name"]!["$ref"] = "common.json#/Name";

            Assert.That(() => Extract(document), Throws.TypeOf<SpecToolException>()
                .With.Message.Contains("$ref 'common.json#/Name'")
                .And.Message.Contains("is not a local component reference"));
        }

        [Test]
        public void ADocumentWithoutSecretsStorePaths_IsAnError()
        {
            JObject document = Synthetic.Document();
            ((JObject)document["paths"]!).Remove(Synthetic.SecretsPath);

            Assert.That(() => Extract(document), Throws.TypeOf<SpecToolException>()
                .With.Message.EqualTo("Input document has no Secrets Store paths (none contains '/secrets_store')."));
        }

        [TestCase("openapi")]
        [TestCase("paths")]
        public void ADocumentWithoutOpenApiOrPaths_IsAnError(string missing)
        {
            JObject document = Synthetic.Document();
            document.Remove(missing);

            Assert.That(() => Extract(document), Throws.TypeOf<SpecToolException>().With.Message.Contains("is not an OpenAPI 3 document"));
        }
    }

    public class TheSourceRecord
    {
        [Test]
        public void NamesTheDocumentItsPublicationDateBothHashesAndTheOperationCount()
        {
            using var dir = new TempDirectory();
            string input = dir.WriteJson("cloudflare-openapi.2026-01-02.json", Synthetic.Document());
            string overlay = dir.WriteJson("fixes.json", Synthetic.HarmlessOverlay());

            ExtractionResult result = SpecExtractor.Extract(input, overlay);

            Assert.That(result.Source, Is.EqualTo(new JObject
            {
                ["document"] = "cloudflare-openapi.2026-01-02.json",
                ["published"] = "2026-01-02",
                ["sha256"] = Sha256(input),
                ["overlay"] = "fixes.json",
                ["overlay_sha256"] = Sha256(overlay),
                ["operations"] = 1,
            }).Using(new JTokenEqualityComparer()));
        }

        [Test]
        public void HashesTheFileAsStored_ForGzipToo()
        {
            using var dir = new TempDirectory();
            string input = dir.WriteGzip("cloudflare-openapi.2026-01-02.json.gz", Synthetic.Document());
            string overlay = dir.WriteJson("fixes.json", Synthetic.HarmlessOverlay());

            ExtractionResult result = SpecExtractor.Extract(input, overlay);

            Assert.That((string?)result.Source["sha256"], Is.EqualTo(Sha256(input)));
        }

        [Test]
        public void TakesTheDateOption_OverTheDateInTheName()
        {
            using var dir = new TempDirectory();
            string input = dir.WriteJson("cloudflare-openapi.2026-01-02.json", Synthetic.Document());
            string overlay = dir.WriteJson("fixes.json", Synthetic.HarmlessOverlay());

            ExtractionResult result = SpecExtractor.Extract(input, overlay, "2025-12-31");

            Assert.That((string?)result.Source["published"], Is.EqualTo("2025-12-31"));
        }

        [Test]
        public void CountsOperationsAndComponents()
        {
            using var dir = new TempDirectory();
            string input = dir.WriteJson("cloudflare-openapi.2026-01-02.json", Synthetic.Document());
            string overlay = dir.WriteJson("fixes.json", Synthetic.HarmlessOverlay());

            ExtractionResult result = SpecExtractor.Extract(input, overlay);

            // 4 schemas + 1 parameter + 2 security schemes.
            Assert.That((result.OperationCount, result.ComponentCount), Is.EqualTo((1, 7)));
        }

        private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
    }
}
