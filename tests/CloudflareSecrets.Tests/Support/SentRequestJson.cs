using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.Tests;

/// <summary>The unit suite's JSON views of a <see cref="SentRequest"/> (Newtonsoft, as the suite's other JSON checks).</summary>
internal static class SentRequestJson
{
    extension(SentRequest request)
    {
        /// <summary>The body parsed as JSON, for comparison by structure.</summary>
        public JToken Json => request.Body is null ? throw new AssertionException("The request has no body.") : JToken.Parse(request.Body);

        /// <summary>
        /// Asserts that the body is JSON equal to <paramref name="expectedJson"/> (structure and values; property order
        /// ignored).
        /// </summary>
        public void AssertJsonBody(string expectedJson)
        {
            Assert.That(request.Body, Is.Not.Null, "request body");
            Assert.That(request.MediaType, Is.EqualTo("application/json"), "request content type");
            var expected = JToken.Parse(expectedJson);
            var actual = JToken.Parse(request.Body!);
            Assert.That(
                JToken.DeepEquals(actual, expected),
                Is.True,
                $"request body{Environment.NewLine}expected: {expected.ToString(Newtonsoft.Json.Formatting.None)}{Environment.NewLine}"
                + $"but was:  {actual.ToString(Newtonsoft.Json.Formatting.None)}");
        }
    }
}
