using System.Net;
using System.Text;
using System.Text.Json;
using CloudflareSecrets.IntegrationTests.Support;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>What the client never sends, sent anyway with a plain HttpClient: the emulator enforces the same rules.</summary>
public sealed class EmulatorRuleTests : EmulatorTests
{
    [Test]
    public async Task A65537ByteValue_SentRaw_IsCloudflaresSecretValueTooLong()
    {
        SecretStore store = await NewStoreAsync();
        HttpClient http = CreateRawHttpClient();
        string body = JsonSerializer.Serialize(new[]
        {
            new { name = "TOO_LARGE", value = new string('x', SecretsStoreLimits.MaxValueBytes + 1), scopes = new[] { "workers" } },
        });

        using HttpResponseMessage response = await http.PostAsync(
            $"accounts/{AccountId}/secrets_store/stores/{store.Id}/secrets", new StringContent(body, Encoding.UTF8, "application/json"));
        string text = await response.Content.ReadAsStringAsync();

        using var json = JsonDocument.Parse(text);
        JsonElement error = json.RootElement.GetProperty("errors")[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(json.RootElement.GetProperty("success").GetBoolean(), Is.False);
            Assert.That(error.GetProperty("code").GetInt32(), Is.EqualTo(SecretsStoreKnownErrors.SecretValueTooLong.Code));
            Assert.That(error.GetProperty("message").GetString(), Is.EqualTo("secret_value_too_long"));
            Assert.That(error.GetProperty("source").GetProperty("pointer").GetString(), Is.EqualTo("/0/value"));
            Assert.That(text, Does.Not.Contain("xxxx"), "the value is never echoed");
            Assert.That((await Client.GetQuotaAsync()).Usage, Is.Zero);
        }
    }
}
