using System.Net;
using System.Text;

namespace CloudflareSecrets.ContractTests;

/// <summary>
/// Proof that the judge is live: requests the spec does not allow, sent with a raw <see cref="HttpClient"/>, get
/// Prism's error and a violation naming what is wrong. Without these, "no violation" could mean "nothing checked".
/// </summary>
[Order(2)]
public sealed class NegativeControlTests
{
    private static readonly string Secrets = $"accounts/{SpecExamples.AccountId}/secrets_store/stores/{SpecExamples.StoreId}/secrets";

    [Test]
    public async Task SecretCreate_WithAnObjectInsteadOfAnArray_Gets422AndAViolationOnTheBody()
    {
        (HttpStatusCode status, string? violations) = await SendAsync(
            HttpMethod.Post, Secrets, """{"name":"MY_API_KEY","value":"v","scopes":["workers"]}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(violations, Does.Contain("\"body\"").And.Contain("must be array"));
    }

    [Test]
    public async Task SecretCreate_WithoutTheRequiredName_Gets422AndAViolationNamingIt()
    {
        (HttpStatusCode status, string? violations) = await SendAsync(HttpMethod.Post, Secrets, """[{"value":"v","scopes":["workers"]}]""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(violations, Does.Contain("required property 'name'"));
    }

    [Test]
    public async Task BulkDelete_WithoutItsBody_Gets422_TheOverlaysRequiredBodyIsJudged()
    {
        (HttpStatusCode status, string? violations) = await SendAsync(HttpMethod.Delete, Secrets, body: null);

        Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(violations, Does.Contain("Body parameter is required"));
    }

    [Test]
    public async Task SecretsList_WithPerPageOverTheMaximum_Gets422AndAViolationOnTheQuery()
    {
        (HttpStatusCode status, string? violations) = await SendAsync(HttpMethod.Get, Secrets + "?per_page=101", body: null);

        Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(violations, Does.Contain("per_page must be <= 100"));
    }

    [Test]
    public async Task ARequestWithoutCredentials_Gets401AndAViolation_CredentialsAreJudged()
    {
        (HttpStatusCode status, string? violations) = await SendAsync(
            HttpMethod.Get, $"accounts/{SpecExamples.AccountId}/secrets_store/quota", body: null, authenticate: false);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(violations, Does.Contain("Invalid security scheme"));
    }

    private static async Task<(HttpStatusCode Status, string? Violations)> SendAsync(
        HttpMethod method, string path, string? body, bool authenticate = true)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = PrismFixture.BaseUrl };
        using var request = new HttpRequestMessage(method, path);
        if (authenticate)
        {
            request.Headers.Authorization = new("Bearer", "contract-test-api-token");
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await http.SendAsync(request);
        string? violations = response.Headers.TryGetValues("sl-violations", out IEnumerable<string>? values)
            ? string.Join(", ", values)
            : null;
        TestContext.Out.WriteLine($"{method} {path} -> {(int)response.StatusCode} sl-violations: {violations ?? "(none)"}");
        return (response.StatusCode, violations);
    }
}
