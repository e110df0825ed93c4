using System.Net;
using CloudflareSecrets.Emulator.Tests.Support;

namespace CloudflareSecrets.Emulator.Tests;

/// <summary>
/// Every row of the table of known errors, provoked over HTTP: the emulator answers it with exactly the row's status,
/// code and token (wrangler prints these as "&lt;message&gt; [code: N]"), in an envelope the spec allows.
/// </summary>
public class KnownErrorsTests : EmulatorTest
{
    private const string UnknownId = "3fd85f74b32742f1bff64a85009dda07";

    public static IEnumerable<TestCaseData> Rows() =>
        SecretsStoreKnownErrors.All.Select(row => new TestCaseData(row.Token).SetName($"AnswersTheTableRowFor_{row.Token}"));

    protected override EmulatorOptions CreateEmulatorOptions() => new() { MaxSecretsPerAccount = 2 };

    [Test]
    public void HasAScenarioForEveryRowOfTheTable() =>
        Assert.That(Scenarios.Keys, Is.EquivalentTo(SecretsStoreKnownErrors.All.Select(row => row.Token)));

    [TestCaseSource(nameof(Rows))]
    public async Task AnswersTheTableRow(string token)
    {
        (string? operationId, ApiResponse? response, string? message) = await Scenarios[token](this);

        SecretsStoreKnownError row = SecretsStoreKnownErrors.All.Single(r => r.Token == token);
        AssertKnown(response, row);
        Assert.That(response.ErrorMessages[0], Is.EqualTo(message));
        SpecSchema.AssertConforms(operationId, response);
    }

    [Test]
    public async Task AnswersATakenNameWithTheNameAfterTheToken()
    {
        string storeId = await CreateStoreAsync();
        await CreateSecretAsync(storeId, "API_KEY");

        ApiResponse response = await PostAsync(Accounts($"stores/{storeId}/secrets"), new[] { Secret("API_KEY") });

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), "400, not 409: the real API's answer");
            Assert.That(response.ErrorCodes, Is.EqualTo(new[] { 1003 }));
            Assert.That(response.ErrorMessages, Is.EqualTo(new[] { "secret_name_already_exists: API_KEY" }));
        });
    }

    private static readonly Dictionary<string, Func<KnownErrorsTests, Task<(string, ApiResponse, string)>>> Scenarios = new()
    {
        ["secret_not_found"] = async t =>
        {
            string storeId = await t.CreateStoreAsync();
            return ("secrets-store-get-by-id", await t.GetAsync(Accounts($"stores/{storeId}/secrets/{UnknownId}")), "secret_not_found");
        },
        ["store_not_found"] = async t =>
            ("secrets-store-get-store-by-id", await t.GetAsync(Accounts($"stores/{UnknownId}")), "store_not_found"),
        ["maximum_stores_exceeded"] = async t =>
        {
            await t.CreateStoreAsync("first");
            return ("secrets-store-create", await t.PostAsync(Accounts("stores"), new { name = "second" }), "maximum_stores_exceeded");
        },
        ["maximum_secrets_exceeded"] = async t =>
        {
            string storeId = await t.CreateStoreAsync();
            ApiResponse response = await t.PostAsync(
                Accounts($"stores/{storeId}/secrets"), new[] { Secret("A"), Secret("B"), Secret("C") });
            return ("secrets-store-secret-create", response, "maximum_secrets_exceeded: max 2");
        },
        ["secret_name_already_exists"] = async t =>
        {
            string storeId = await t.CreateStoreAsync();
            await t.CreateSecretAsync(storeId, "TAKEN");
            ApiResponse response = await t.PostAsync(Accounts($"stores/{storeId}/secrets"), new[] { Secret("TAKEN") });
            return ("secrets-store-secret-create", response, "secret_name_already_exists: TAKEN");
        },
        ["secret_value_too_long"] = async t => await CreateOne(t, Secret("BIG", new string('v', 65_537)), "secret_value_too_long"),
        ["secret_scope_invalid"] = async t => await CreateOne(t, Secret("A", scopes: ["workers", "not_a_service"]), "secret_scope_invalid"),
        ["secret_scopes_empty"] = async t => await CreateOne(t, Secret("A", scopes: []), "secret_scopes_empty"),
        ["secret_name_empty"] = async t => await CreateOne(t, Secret(string.Empty), "secret_name_empty"),
        ["invalid_json_body"] = async t =>
        {
            string storeId = await t.CreateStoreAsync();
            ApiResponse response = await t.SendRawAsync(HttpMethod.Post, Accounts($"stores/{storeId}/secrets"), "[{\"name\":");
            return ("secrets-store-secret-create", response, "invalid_json_body");
        },
        ["store_not_empty"] = async t =>
        {
            string storeId = await t.CreateStoreAsync();
            await t.CreateSecretAsync(storeId, "A");
            return ("secrets-store-delete-by-id", await t.DeleteAsync(Accounts($"stores/{storeId}")), "store_not_empty");
        },
    };

    private static async Task<(string, ApiResponse, string)> CreateOne(KnownErrorsTests test, object secret, string message)
    {
        string storeId = await test.CreateStoreAsync();
        return ("secrets-store-secret-create", await test.PostAsync(Accounts($"stores/{storeId}/secrets"), new[] { secret }), message);
    }
}
