using System.Net;
using System.Reflection;
using CloudflareSecrets.Emulator.Tests.Infrastructure;

namespace CloudflareSecrets.Emulator.Tests;

/// <summary>
/// The error codes against the table documented in the emulator's README ("Error codes"), as literal numbers: the other
/// suites compare with <see cref="EmulatorErrorCodes"/>, which would follow a changed constant silently. 1015, 6003, 6007,
/// 7001, 7003 and 10000 are the codes Cloudflare's API gateway uses for the same conditions; the 1xxx rest is the emulator's.
/// </summary>
public class ErrorCodeTests : EmulatorTest
{
    /// <summary>The README's table: status, code, constant.</summary>
    private static readonly (int Status, int Code, string Name)[] DocumentedTable =
    [
        (400, 1000, nameof(EmulatorErrorCodes.ValidationFailed)),
        (400, 6003, nameof(EmulatorErrorCodes.InvalidRequestHeaders)),
        (400, 6007, nameof(EmulatorErrorCodes.MalformedJson)),
        (401, 10000, nameof(EmulatorErrorCodes.AuthenticationError)),
        (403, 1006, nameof(EmulatorErrorCodes.StoreQuotaExceeded)),
        (403, 1007, nameof(EmulatorErrorCodes.SecretQuotaExceeded)),
        (404, 1001, nameof(EmulatorErrorCodes.StoreNotFound)),
        (404, 1003, nameof(EmulatorErrorCodes.SecretNotFound)),
        (404, 7003, nameof(EmulatorErrorCodes.NoRoute)),
        (405, 7001, nameof(EmulatorErrorCodes.MethodNotAllowed)),
        (409, 1002, nameof(EmulatorErrorCodes.StoreNotEmpty)),
        (409, 1004, nameof(EmulatorErrorCodes.SecretNameConflict)),
        (429, 1015, nameof(EmulatorErrorCodes.RateLimited)),
        (500, 1009, nameof(EmulatorErrorCodes.InternalError)),
    ];

    [Test]
    public void EveryConstantHasTheCodeOfTheDocumentedTable()
    {
        Dictionary<string, int> constants = typeof(EmulatorErrorCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);

        Assert.That(constants, Is.EquivalentTo(DocumentedTable.ToDictionary(row => row.Name, row => row.Code)));
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
    public async Task AnUnknownStoreAnswers404WithCode1001()
    {
        ApiResponse response = await GetAsync(Accounts("stores/0123456789abcdef0123456789abcdef"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.ErrorCodes, Is.EqualTo(new[] { 1001 }));
    }

    [Test]
    public async Task AnUnknownSecretAnswers404WithCode1003()
    {
        string store = await CreateStoreAsync();

        ApiResponse response = await GetAsync(Accounts($"stores/{store}/secrets/0123456789abcdef0123456789abcdef"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.ErrorCodes, Is.EqualTo(new[] { 1003 }));
    }

    [Test]
    public async Task ADuplicateSecretNameAnswers409WithCode1004()
    {
        string store = await CreateStoreAsync();
        await CreateSecretAsync(store, "TWICE");

        ApiResponse response = await PostAsync(Accounts($"stores/{store}/secrets"), new[] { Secret("TWICE") });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(response.ErrorCodes, Is.EqualTo(new[] { 1004 }));
    }

    [Test]
    public async Task DeletingAStoreThatHoldsSecretsAnswers409WithCode1002()
    {
        string store = await CreateStoreAsync();
        await CreateSecretAsync(store, "KEPT");

        ApiResponse response = await DeleteAsync(Accounts($"stores/{store}"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(response.ErrorCodes, Is.EqualTo(new[] { 1002 }));
    }

    [Test]
    public async Task AnUnreadableBodyAnswers400WithCode6007()
    {
        string store = await CreateStoreAsync();

        ApiResponse response = await SendRawAsync(HttpMethod.Post, Accounts($"stores/{store}/secrets"), "[{not json");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.ErrorCodes, Is.EqualTo(new[] { 6007 }));
    }

    [Test]
    public async Task AnOverlongIdAnswers400WithCode1000()
    {
        ApiResponse response = await GetAsync(Accounts($"stores/{new string('a', 33)}"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.ErrorCodes, Is.EqualTo(new[] { 1000 }));
    }
}
