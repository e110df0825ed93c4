using CloudflareSecrets.SpecTool.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Tests;

/// <summary>The project's overlay on changed copies of the recorded upstream document: what an upstream update does to spec/.</summary>
public static class OverlayOnUpstreamTests
{
    private static JObject ProjectOverlay => JsonFiles.ReadObject(RepoPaths.Overlay, "Overlay");

    private static JObject ChangedUpstream(Action<JObject> change)
    {
        var whole = (JObject)UpstreamRuns.CurrentUpstream.DeepClone();
        change(whole);
        return whole;
    }

    public class AScopeAddedUpstream
    {
        [Test]
        public void AppearsInTheSpecsKnownScopes_AndInTheScopesFilter_WithoutAnOverlayChange()
        {
            JObject whole = ChangedUpstream(
                w => ((JArray)w.SelectToken("components.schemas['secrets-store_scopes'].items.enum")!).Add("queues"));

            JObject spec = SpecExtractor.Extract(whole, ProjectOverlay, "overlay.json");

            JToken scopes = spec.SelectToken("components.schemas['secrets-store_scopes'].items")!;
            Assert.That(scopes["x-known-values"]!.Values<string>(),
                Is.EqualTo(new[] { "workers", "ai_gateway", "dex", "access", "containers", "websearch", "queues" }));
            Assert.That(scopes["enum"], Is.Null);
            Assert.That((string?)spec.SelectToken("components.parameters['secrets-store_scopes_query'].schema.$ref"),
                Is.EqualTo("#/components/schemas/secrets-store_scopes"));
        }
    }

    public class AStatusAddedUpstream
    {
        [Test]
        public void AppearsInTheSpecsKnownStatuses()
        {
            JObject whole = ChangedUpstream(
                w => ((JArray)w.SelectToken("components.schemas['secrets-store_SecretStatus'].enum")!).Add("expired"));

            JObject spec = SpecExtractor.Extract(whole, ProjectOverlay, "overlay.json");

            Assert.That(spec.SelectToken("components.schemas['secrets-store_SecretStatus'].x-known-values")!.Values<string>(),
                Is.EqualTo(new[] { "pending", "active", "deleted", "expired" }));
        }
    }

    public class AnActionThatNoLongerMatches
    {
        [Test]
        public void NamesItsNumberDescriptionAndTarget_InTheError()
        {
            // Cloudflare renaming the scopes filter parameter would leave the overlay's fix of it pointing at nothing.
            JObject whole = ChangedUpstream(w =>
            {
                var parameters = (JObject)w["components"]!["parameters"]!;
                JToken scopes = parameters["secrets-store_scopes_query"]!;
                parameters.Remove("secrets-store_scopes_query");
                parameters["secrets-store_scopes_filter"] = scopes;
                foreach (JValue reference in w.SelectTokens("$..$ref")
                    .OfType<JValue>()
                    .Where(r => (string?)r == "#/components/parameters/secrets-store_scopes_query"))
                {
                    reference.Value = "#/components/parameters/secrets-store_scopes_filter";
                }
            });
            var actions = (JArray)ProjectOverlay["actions"]!;
            int index = actions
                .Select((a, i) => (a, i))
                .First(x => ((string)x.a["target"]!).Contains("secrets-store_scopes_query", StringComparison.Ordinal))
                .i;
            string description = (string)actions[index]["description"]!;
            string target = (string)actions[index]["target"]!;

            Assert.That(
                () => SpecExtractor.Extract(whole, ProjectOverlay, "overlay.json"),
                Throws.TypeOf<SpecToolException>().With.Message.EqualTo(
                    $"Overlay 'overlay.json' action {index + 1} ({description}): target '{target}' matches nothing in the document."));
        }
    }
}
