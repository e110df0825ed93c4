using System.Net;
using System.Text;
using System.Text.Json;

namespace CloudflareSecrets.Emulator.Tests.Support;

/// <summary>
/// Base of every HTTP-level test class: one emulator per class (started on 127.0.0.1; <see cref="EmulatorFixture"/>),
/// reset before each test, and helpers that send real requests and read whole responses.
/// </summary>
public abstract class EmulatorTest : EmulatorFixture
{
    public const string AccountId = "985e105f4ecef8ad9ca31a8372d0c353";

    private HttpClient? http;

    protected HttpClient Http => http ?? throw new InvalidOperationException("The emulator is not running.");

    protected static string Accounts(string path, string accountId = AccountId) => $"accounts/{accountId}/secrets_store/{path}";

    /// <summary>Runs after the emulator started (the base's one-time set-up runs first).</summary>
    [OneTimeSetUp]
    public void CreateHttpClient() => http = new HttpClient { BaseAddress = Emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Runs before the emulator stops (the base's one-time tear-down runs last).</summary>
    [OneTimeTearDown]
    public void DisposeHttpClient() => http?.Dispose();

    [SetUp]
    public void ResetEmulator() => Emulator.Reset();

    protected Task<ApiResponse> SendAsync(HttpMethod method, string path, object? body = null, Credentials? credentials = null) =>
        SendRawAsync(method, path, body is null ? null : JsonSerializer.Serialize(body), credentials);

    protected async Task<ApiResponse> SendRawAsync(HttpMethod method, string path, string? body, Credentials? credentials = null)
    {
        using var request = new HttpRequestMessage(method, path);
        (credentials ?? Credentials.Token).Apply(request);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, response.Headers, response.Content.Headers, text);
    }

    protected Task<ApiResponse> GetAsync(string path, Credentials? credentials = null) =>
        SendAsync(HttpMethod.Get, path, null, credentials);

    protected Task<ApiResponse> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, body);

    protected Task<ApiResponse> PatchAsync(string path, object body) => SendAsync(HttpMethod.Patch, path, body);

    protected Task<ApiResponse> DeleteAsync(string path, object? body = null) => SendAsync(HttpMethod.Delete, path, body);

    protected async Task<string> CreateStoreAsync(string name = "service_x_keys", string accountId = AccountId)
    {
        ApiResponse response = await SendAsync(HttpMethod.Post, Accounts("stores", accountId), new { name });
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
        return response.Result.GetProperty("id").GetString()!;
    }

    protected async Task<IReadOnlyList<string>> CreateSecretsAsync(string storeId, params object[] secrets)
    {
        ApiResponse response = await PostAsync(Accounts($"stores/{storeId}/secrets"), secrets);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
        return response.Result.EnumerateArray().Select(secret => secret.GetProperty("id").GetString()!).ToArray();
    }

    protected async Task<string> CreateSecretAsync(
        string storeId, string name, string value = "s3cr3t-value", string[]? scopes = null, string? comment = null)
    {
        IReadOnlyList<string> ids = await CreateSecretsAsync(storeId, new { name, value, scopes = scopes ?? ["workers"], comment });
        return ids[0];
    }

    protected static object Secret(string name, string value = "s3cr3t-value", string[]? scopes = null, string? comment = null) =>
        new { name, value, scopes = scopes ?? ["workers"], comment };

    /// <summary>Asserts a Cloudflare failure envelope with the given status and (first) error code.</summary>
    protected static void AssertFailure(ApiResponse response, HttpStatusCode status, int code)
    {
        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(status), response.ToString);
            Assert.That(response.Json.GetProperty("success").GetBoolean(), Is.False);
            Assert.That(response.Json.GetProperty("result").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(response.ErrorCodes, Does.Contain(code), response.ToString);
            Assert.That(response.ErrorCodes, Is.All.GreaterThanOrEqualTo(1000));
        });
    }

    /// <summary>
    /// Asserts the answer of a condition of the table of known errors, exactly as Cloudflare gives it: its status, and
    /// every error with its code and a message that is its token or starts with "token: ".
    /// </summary>
    protected static void AssertKnown(ApiResponse response, SecretsStoreKnownError known)
    {
        AssertFailure(response, known.Status, known.Code);
        Assert.Multiple(() =>
        {
            Assert.That(response.ErrorCodes, Is.All.EqualTo(known.Code), response.ToString);
            foreach (string message in response.ErrorMessages)
            {
                Assert.That(
                    message == known.Token || message.StartsWith(known.Token + ": ", StringComparison.Ordinal),
                    Is.True,
                    $"'{message}' is {known.Token}");
            }
        });
    }

    /// <summary>The value is write-only: no response may carry a field named "value" or the value's text.</summary>
    protected static void AssertNoValue(ApiResponse response, string? secretValue = null)
    {
        Assert.That(FieldNames(response.Json), Does.Not.Contain("value"), response.ToString);
        if (secretValue is not null)
        {
            Assert.That(response.Body, Does.Not.Contain(secretValue));
        }
    }

    private static IEnumerable<string> FieldNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => FieldNames(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(FieldNames),
        _ => [],
    };
}
