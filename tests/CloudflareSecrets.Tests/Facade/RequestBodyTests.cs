using CloudflareSecrets.Tests.Facade.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>
/// The exact bytes of a request body and its Content-Type: compact JSON with the spec's property names and nothing
/// else (no extension data), the same whatever an application set as Newtonsoft.Json's global defaults.
/// </summary>
[NonParallelizable]
public class RequestBodyTests
{
    private const string ExpectedCreateBody =
        """[{"comment":"for the tests","name":"MY_API_KEY","scopes":["workers"],"value":"a secret value"}]""";

    [Test]
    public async Task ACreateBodyIsCompactJsonWithTheSpecsNamesAndNothingElse()
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(Canned.Success(new JArray(Canned.Secret())));

        await fake.CreateClient()
            .CreateSecretAsync(FakeCloudflare.StoreId, "MY_API_KEY", "a secret value", [SecretScopes.Workers], "for the tests");

        Assert.Multiple(() =>
        {
            Assert.That(fake.SingleRequest.Body, Is.EqualTo(ExpectedCreateBody));
            Assert.That(fake.SingleRequest.MediaType, Is.EqualTo("application/json"));
        });
    }

    [Test]
    public async Task TheContentTypeHeaderIsApplicationJsonWithoutParameters()
    {
        using var fake = new FakeCloudflare();
        string? contentType = null;
        fake.OnSend = (request, _) => contentType = request.Content?.Headers.ContentType?.ToString();
        fake.AnswerAll(Canned.Success(new JArray(Canned.Secret())));

        await fake.CreateClient().CreateSecretAsync(FakeCloudflare.StoreId, "MY_API_KEY", "a secret value", [SecretScopes.Workers]);

        Assert.That(contentType, Is.EqualTo("application/json"));
    }

    [Test]
    public async Task AnApplicationsGlobalJsonDefaultsDoNotChangeTheWireFormat()
    {
        Func<JsonSerializerSettings>? before = JsonConvert.DefaultSettings;
        JsonConvert.DefaultSettings = () => new JsonSerializerSettings
        {
            Formatting = Formatting.Indented,
            ContractResolver = new CamelCasePropertyNamesContractResolver(),
            NullValueHandling = NullValueHandling.Include,
        };
        try
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(new JArray(Canned.Secret())));

            await fake.CreateClient()
                .CreateSecretAsync(FakeCloudflare.StoreId, "MY_API_KEY", "a secret value", [SecretScopes.Workers], "for the tests");

            Assert.That(fake.SingleRequest.Body, Is.EqualTo(ExpectedCreateBody));
        }
        finally
        {
            JsonConvert.DefaultSettings = before;
        }
    }
}
