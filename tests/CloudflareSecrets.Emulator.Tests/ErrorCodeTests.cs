using System.Net;
using System.Reflection;
using CloudflareSecrets.Emulator.Tests.Support;

namespace CloudflareSecrets.Emulator.Tests;

/// <summary>
/// Error codes, tokens and statuses as literal values. The other suites compare with <see cref="SecretsStoreKnownErrors"/>
/// and <see cref="EmulatorErrorCodes"/>, which client and emulator both follow, so a changed constant would pass them
/// silently; these tests pin the values docs/errors.md documents (the known-errors table, from public evidence of the real
/// API) and the gateway-level codes the emulator uses (1015, 6003, 7001, 7003 and 10000 are Cloudflare's own; 1000 and
/// 1009 the emulator's).
/// </summary>
public class ErrorCodeTests : EmulatorTest
{
    /// <summary>The known-errors table of docs/errors.md: token, code, status.</summary>
    private static readonly (string Token, int Code, int Status)[] KnownErrorsTable =
    [
        ("secret_not_found", 1001, 404),
        ("store_not_found", 1001, 404),
        ("maximum_stores_exceeded", 1003, 400),
        ("maximum_secrets_exceeded", 1003, 400),
        ("secret_name_already_exists", 1003, 400),
        ("secret_value_too_long", 1001, 400),
        ("secret_scope_invalid", 1001, 400),
        ("secret_scopes_empty", 1001, 400),
        ("secret_name_empty", 1001, 400),
        ("invalid_json_body", 1001, 400),
        ("store_not_empty", 1003, 409),
    ];

    /// <summary>The emulator's own codes for conditions outside the Secrets Store table.</summary>
    private static readonly (int Code, string Name)[] GatewayCodes =
    [
        (1000, nameof(EmulatorErrorCodes.ValidationFailed)),
        (1009, nameof(EmulatorErrorCodes.InternalError)),
        (1015, nameof(EmulatorErrorCodes.RateLimited)),
        (6003, nameof(EmulatorErrorCodes.InvalidRequestHeaders)),
        (7001, nameof(EmulatorErrorCodes.MethodNotAllowed)),
        (7003, nameof(EmulatorErrorCodes.NoRoute)),
        (10000, nameof(EmulatorErrorCodes.AuthenticationError)),
    ];

    [Test]
    public void TheSharedTableHasTheDocumentedTokensCodesAndStatuses()
    {
        (string Token, int Code, int)[] actual = SecretsStoreKnownErrors.All.Select(e => (e.Token, e.Code, (int)e.Status)).ToArray();

        Assert.That(actual, Is.EquivalentTo(KnownErrorsTable));
    }

    [Test]
    public void EveryEmulatorConstantHasItsDocumentedCode()
    {
        var constants = typeof(EmulatorErrorCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);

        Assert.That(constants, Is.EquivalentTo(GatewayCodes.ToDictionary(row => row.Name, row => row.Code)));
    }

    [Test]
    public async Task AnUnknownPathAnswers404WithCode7003()
    {
        ApiResponse response = await GetAsync("zones/abc/dns_records");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.ErrorCodes, Is.EqualTo(new[] { 7003 }));
    }

    [Test]
    public async Task MissingCredentialsAnswer401WithCode10000()
    {
        ApiResponse response = await GetAsync(Accounts("stores"), Credentials.None);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.ErrorCodes, Is.EqualTo(new[] { 10000 }));
    }

    [Test]
    public async Task AnUnknownStoreAnswers404WithCode1001AndStoreNotFound()
    {
        ApiResponse response = await GetAsync(Accounts("stores/0123456789abcdef0123456789abcdef"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.ErrorCodes, Is.EqualTo(new[] { 1001 }));
        Assert.That(FirstMessage(response), Does.StartWith("store_not_found"));
    }

    [Test]
    public async Task AnUnknownSecretAnswers404WithCode1001AndSecretNotFound()
    {
        string store = await CreateStoreAsync();

        ApiResponse response = await GetAsync(Accounts($"stores/{store}/secrets/0123456789abcdef0123456789abcdef"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.ErrorCodes, Is.EqualTo(new[] { 1001 }));
        Assert.That(FirstMessage(response), Does.StartWith("secret_not_found"));
    }

    [Test]
    public async Task ADuplicateSecretNameAnswers400WithCode1003AndSecretNameAlreadyExists()
    {
        string store = await CreateStoreAsync();
        await CreateSecretAsync(store, "TWICE");

        ApiResponse response = await PostAsync(Accounts($"stores/{store}/secrets"), new[] { Secret("TWICE") });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.ErrorCodes, Is.EqualTo(new[] { 1003 }));
        Assert.That(FirstMessage(response), Does.StartWith("secret_name_already_exists"));
    }

    [Test]
    public async Task DeletingAStoreThatHoldsSecretsAnswers409WithCode1003AndStoreNotEmpty()
    {
        string store = await CreateStoreAsync();
        await CreateSecretAsync(store, "KEPT");

        ApiResponse response = await DeleteAsync(Accounts($"stores/{store}"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(response.ErrorCodes, Is.EqualTo(new[] { 1003 }));
        Assert.That(FirstMessage(response), Does.StartWith("store_not_empty"));
    }

    [Test]
    public async Task AnUnreadableBodyAnswers400WithCode1001AndInvalidJsonBody()
    {
        string store = await CreateStoreAsync();

        ApiResponse response = await SendRawAsync(HttpMethod.Post, Accounts($"stores/{store}/secrets"), "[{not json");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.ErrorCodes, Is.EqualTo(new[] { 1001 }));
        Assert.That(FirstMessage(response), Does.StartWith("invalid_json_body"));
    }

    [Test]
    public async Task AnOverlongAccountIdAnswers400WithCode1000()
    {
        ApiResponse response = await GetAsync($"accounts/{new string('a', 33)}/secrets_store/stores");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.ErrorCodes, Is.EqualTo(new[] { 1000 }));
    }

    private static string FirstMessage(ApiResponse response) =>
        response.Json.GetProperty("errors")[0].GetProperty("message").GetString()!;
}
