using CloudflareSecrets.SpecTool.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Tests;

/// <summary>The semantics of <see cref="Overlay.Apply"/> on small synthetic documents.</summary>
public static class OverlayTests
{
    private static JToken At(JObject document, string path) => document.SelectToken(path, errorWhenNoMatch: true)!;

    public class AnUpdate
    {
        [Test]
        public void MergesIntoAnObjectRecursively_KeepingWhatTheUpdateDoesNotName()
        {
            JObject document = Synthetic.Document();

            Overlay.Apply(document, Synthetic.Overlay(Synthetic.Update(
                "$.components.schemas.thing",
                """{ "description": "A thing.", "properties": { "extra": { "type": "integer" } } }""")), "test");

            Assert.That(At(document, "$.components.schemas.thing"), Is.EqualTo(JToken.Parse("""
                {
                  "type": "object",
                  "description": "A thing.",
                  "properties": {
                    "name": { "$ref": "#/components/schemas/thing_name" },
                    "extra": { "type": "integer" }
                  }
                }
                """)).Using(new JTokenEqualityComparer()));
        }

        [Test]
        public void ReplacesAScalarValue()
        {
            JObject document = Synthetic.Document();

            Overlay.Apply(
                document, Synthetic.Overlay(Synthetic.Update("$.components.schemas.thing_name", """{ "type": "integer" }""")), "test");

            Assert.That((string?)At(document, "$.components.schemas.thing_name.type"), Is.EqualTo("integer"));
        }

        [Test]
        public void ReplacesAnArrayPropertyOfAnObjectTarget_RatherThanAppendingToIt()
        {
            JObject document = Synthetic.Document();

            Overlay.Apply(
                document, Synthetic.Overlay(Synthetic.Update("$.components.schemas.thing_name", """{ "enum": [ "c" ] }""")), "test");

            Assert.That(At(document, "$.components.schemas.thing_name.enum"),
                Is.EqualTo(new JArray("c")).Using(new JTokenEqualityComparer()));
        }

        [Test]
        public void AppendsTheUpdateToAnArrayTarget()
        {
            JObject document = Synthetic.Document();

            Overlay.Apply(
                document,
                Synthetic.Overlay(Synthetic.Update($"$.paths['{Synthetic.SecretsPath}'].get.security", """{ "api_token": [] }""")),
                "test");

            Assert.That(At(document, $"$.paths['{Synthetic.SecretsPath}'].get.security"), Is.EqualTo(JArray.Parse("""
                [ { "api_key": [] }, { "api_token": [] } ]
                """)).Using(new JTokenEqualityComparer()));
        }

        [Test]
        public void ChangesEveryNodeTheTargetMatches()
        {
            JObject document = Synthetic.Document();

            IReadOnlyList<int> counts =
                Overlay.Apply(document, Synthetic.Overlay(Synthetic.Update("$.paths.*.get", """{ "x-seen": true }""")), "test");

            Assert.That(counts, Is.EqualTo(new[] { 2 }));
            Assert.That(document.SelectTokens("$.paths.*.get.x-seen").Select(t => (bool)t), Is.EqualTo(new[] { true, true }));
        }

        [Test]
        public void GivesEachTargetItsOwnCopy_SoThatChangingOneLeavesTheOthersAndTheOverlayAlone()
        {
            JObject document = Synthetic.Document();
            JObject overlay = Synthetic.Overlay(Synthetic.Update("$.paths.*.get", """{ "x-tag": { "n": 1 } }"""));

            Overlay.Apply(document, overlay, "test");
            At(document, $"$.paths['{Synthetic.SecretsPath}'].get.x-tag")["n"] = 2;

            Assert.That((int)At(document, $"$.paths['{Synthetic.OtherPath}'].get.x-tag.n"), Is.EqualTo(1));
            Assert.That((int)At(overlay, "$.actions[0].update.x-tag.n"), Is.EqualTo(1));
        }

        [Test]
        public void OfAScalarTarget_IsAnError()
        {
            JObject document = Synthetic.Document();

            Assert.That(
                () => Overlay.Apply(document, Synthetic.Overlay(Synthetic.Update("$.info.title", """{ "a": 1 }""")), "test"),
                Throws.TypeOf<SpecToolException>().With.Message.Contains(
                    "an update must be an object merged into an object, or a value appended to an array"));
        }
    }

    public class ARemove
    {
        [Test]
        public void DeletesAProperty()
        {
            JObject document = Synthetic.Document();

            Overlay.Apply(
                document, Synthetic.Overlay(Synthetic.Remove($"$.paths['{Synthetic.SecretsPath}'].get.responses['4XX']")), "test");

            Assert.That(((JObject)At(document, $"$.paths['{Synthetic.SecretsPath}'].get.responses")).Properties().Select(p => p.Name),
                Is.EqualTo(new[] { "200" }));
        }

        [Test]
        public void DeletesAnArrayElement()
        {
            JObject document = Synthetic.Document();

            Overlay.Apply(document, Synthetic.Overlay(Synthetic.Remove("$.components.schemas.thing_name.enum[0]")), "test");

            Assert.That(At(document, "$.components.schemas.thing_name.enum"),
                Is.EqualTo(new JArray("b")).Using(new JTokenEqualityComparer()));
        }

        [Test]
        public void DeletesEveryNodeTheTargetMatches()
        {
            JObject document = Synthetic.Document();

            IReadOnlyList<int> counts = Overlay.Apply(document, Synthetic.Overlay(Synthetic.Remove("$.paths.*.get.operationId")), "test");

            Assert.That(counts, Is.EqualTo(new[] { 2 }));
            Assert.That(document.SelectTokens("$.paths.*.get.operationId"), Is.Empty);
        }

        [Test]
        public void OfTheDocumentRoot_IsAnError()
        {
            JObject document = Synthetic.Document();

            Assert.That(
                () => Overlay.Apply(document, Synthetic.Overlay(Synthetic.Remove("$")), "test"),
                Throws.TypeOf<SpecToolException>().With.Message.Contains("cannot remove the document root"));
        }
    }

    public class AnOpenEnum
    {
        private static JObject OpenEnum(string target) => new() { ["target"] = target, ["x-open-enum"] = true };

        [Test]
        public void MovesTheEnumValuesIntoKnownValues_InTheDocumentsOrder()
        {
            JObject document = Synthetic.Document();

            Overlay.Apply(document, Synthetic.Overlay(OpenEnum("$.components.schemas.thing_name")), "test");

            Assert.That(At(document, "$.components.schemas.thing_name"), Is.EqualTo(JObject.Parse("""
                { "type": "string", "x-known-values": [ "a", "b" ] }
                """)).Using(new JTokenEqualityComparer()));
        }

        [Test]
        public void TakesTheValuesFromTheDocument_SoThatAValueAddedUpstreamIsKept()
        {
            JObject document = Synthetic.Document();
            ((JArray)At(document, "$.components.schemas.thing_name.enum")).Add("c");

            Overlay.Apply(document, Synthetic.Overlay(OpenEnum("$.components.schemas.thing_name")), "test");

            Assert.That(At(document, "$.components.schemas.thing_name.x-known-values").Values<string>(),
                Is.EqualTo(new[] { "a", "b", "c" }));
        }

        [Test]
        public void LeavesASchemaWithoutEnumAsItIs()
        {
            JObject document = Synthetic.Document();
            JToken before = At(document, "$.components.schemas.thing").DeepClone();

            IReadOnlyList<int> counts = Overlay.Apply(document, Synthetic.Overlay(OpenEnum("$.components.schemas.thing")), "test");

            Assert.That(counts, Is.EqualTo(new[] { 1 }));
            Assert.That(At(document, "$.components.schemas.thing"), Is.EqualTo(before).Using(new JTokenEqualityComparer()));
        }

        [Test]
        public void OfANonObjectTarget_IsAnErrorNamingTheAction()
        {
            JObject document = Synthetic.Document();

            Assert.That(
                () => Overlay.Apply(document, Synthetic.Overlay(OpenEnum("$.components.schemas.thing_name.type")), "test"),
                Throws.TypeOf<SpecToolException>().With.Message.Contains("Overlay 'test' action 1: \"x-open-enum\" needs schema objects"));
        }

        [Test]
        public void CombinedWithAnUpdate_IsAnError()
        {
            JObject action = OpenEnum("$.components.schemas.thing_name");
            action["update"] = new JObject { ["x-a"] = 1 };

            Assert.That(
                () => Overlay.Apply(Synthetic.Document(), Synthetic.Overlay(action), "test"),
                Throws.TypeOf<SpecToolException>().With.Message.Contains("has more than one of"));
        }
    }

    public class AnInline
    {
        private static JObject Inline(string target) => new() { ["target"] = target, ["x-inline"] = true };

        [Test]
        public void ReplacesTheReferenceWithACopyOfItsTarget_LeavingTheTargetInPlace()
        {
            JObject document = Synthetic.Document();

            Overlay.Apply(document, Synthetic.Overlay(Inline($"$.paths['{Synthetic.SecretsPath}'].get.parameters[0]")), "test");

            Assert.That(At(document, $"$.paths['{Synthetic.SecretsPath}'].get.parameters[0]"), Is.EqualTo(JObject.Parse("""
                { "name": "account_id", "in": "path", "required": true, "schema": { "type": "string" } }
                """)).Using(new JTokenEqualityComparer()));
            Assert.That(At(document, "$.components.parameters.account_id"), Is.Not.Null);
        }

        [Test]
        public void OfANodeWithoutReference_IsAnErrorNamingTheAction()
        {
            Assert.That(
                () => Overlay.Apply(Synthetic.Document(), Synthetic.Overlay(Inline("$.components.schemas.thing")), "test"),
                Throws.TypeOf<SpecToolException>().With.Message.Contains("Overlay 'test' action 1: \"x-inline\" needs local $ref objects"));
        }

        [Test]
        public void OfADanglingReference_IsAnError()
        {
            JObject document = Synthetic.Document();
            document.SelectToken($"$.paths['{Synthetic.SecretsPath}'].get.parameters[0]")!["$ref"] = "#/components/parameters/nope";

            Assert.That(
                () => Overlay.Apply(document, Synthetic.Overlay(Inline($"$.paths['{Synthetic.SecretsPath}'].get.parameters[0]")), "test"),
                Throws.TypeOf<SpecToolException>().With.Message.Contains("points at nothing"));
        }
    }

    public class TheActions
    {
        [Test]
        public void RunInOrder_SoThatAnActionCanTargetWhatAnEarlierOneAdded()
        {
            JObject document = Synthetic.Document();
            JObject overlay = Synthetic.Overlay(
                Synthetic.Update("$.components.schemas.thing", """{ "properties": { "id": { "type": "string" } } }"""),
                Synthetic.Update("$.components.schemas.thing.properties.id", """{ "format": "uuid" }"""));

            IReadOnlyList<int> counts = Overlay.Apply(document, overlay, "test");

            Assert.That(counts, Is.EqualTo(new[] { 1, 1 }));
            Assert.That(At(document, "$.components.schemas.thing.properties.id"),
                Is.EqualTo(JObject.Parse("""{ "type": "string", "format": "uuid" }""")).Using(new JTokenEqualityComparer()));
        }

        [Test]
        public void ReturnTheNumberOfNodesEachActionChanged_InActionOrder()
        {
            JObject overlay = Synthetic.Overlay(
                Synthetic.Update("$.info", """{ "x-a": 1 }"""),
                Synthetic.Remove("$.paths.*.get.responses['200']"),
                Synthetic.Remove("$.components.schemas.thing_name.enum[*]"));

            IReadOnlyList<int> counts = Overlay.Apply(Synthetic.Document(), overlay, "test");

            Assert.That(counts, Is.EqualTo(new[] { 1, 2, 2 }));
        }
    }

    public class AnInvalidOverlay
    {
        private const string Valid = """{ "target": "$.info", "update": { "x-a": 1 } }""";

        [TestCase(
            """{ "openapi": "3.0.3", "actions": [ {0} ] }""",
            "Overlay 'fixes.json' is not an OpenAPI Overlay 1.x document",
            TestName = "{m}(an OpenAPI document)")]
        [TestCase(
            """{ "overlay": "2.0.0", "actions": [ {0} ] }""",
            "Overlay 'fixes.json' is not an OpenAPI Overlay 1.x document",
            TestName = "{m}(overlay 2.0.0)")]
        [TestCase(
            """{ "overlay": 1, "actions": [ {0} ] }""",
            "Overlay 'fixes.json' is not an OpenAPI Overlay 1.x document",
            TestName = "{m}(a numeric overlay version)")]
        [TestCase("""{ "overlay": "1.0.0" }""", "Overlay 'fixes.json' has no \"actions\" array", TestName = "{m}(no actions)")]
        [TestCase(
            """{ "overlay": "1.0.0", "actions": [] }""",
            "Overlay 'fixes.json' has no \"actions\" array",
            TestName = "{m}(an empty action list)")]
        [TestCase(
            """{ "overlay": "1.0.0", "actions": [ {0}, 42 ] }""",
            "Overlay 'fixes.json' action 2 is not an object",
            TestName = "{m}(an action that is not an object)")]
        [TestCase(
            """{ "overlay": "1.0.0", "actions": [ { "update": { } } ] }""",
            "Overlay 'fixes.json' action 1 has no \"target\"",
            TestName = "{m}(an action without target)")]
        [TestCase(
            """{ "overlay": "1.0.0", "actions": [ { "target": "$.info" } ] }""",
            "Overlay 'fixes.json' action 1 has neither \"update\" nor \"remove\": true",
            TestName = "{m}(an action that neither updates nor removes)")]
        [TestCase(
            """{ "overlay": "1.0.0", "actions": [ {0}, """ +
            """{ "target": "$.paths['/nope'].get", "description": "Fix nope", "remove": true } ] }""",
            "Overlay 'fixes.json' action 2 (Fix nope): target '$.paths['/nope'].get' matches nothing in the document",
            TestName = "{m}(a target that matches nothing)")]
        [TestCase(
            """{ "overlay": "1.0.0", "actions": [ { "target": "$.paths[", "remove": true } ] }""",
            "Overlay 'fixes.json' action 1: target '$.paths[' is not a valid JSONPath",
            TestName = "{m}(a target that is not JSONPath)")]
        public void IsRejectedWithAMessageNamingTheProblem(string overlayTemplate, string expectedMessage)
        {
            var overlay = JObject.Parse(overlayTemplate.Replace("{0}", Valid, StringComparison.Ordinal));

            Assert.That(
                () => Overlay.Apply(Synthetic.Document(), overlay, "fixes.json"),
                Throws.TypeOf<SpecToolException>().With.Message.Contains(expectedMessage));
        }
    }
}
