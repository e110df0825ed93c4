using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CloudflareSecrets.Conformance;

/// <summary>Where and how the kit runs. <see cref="ToString"/> never shows a credential.</summary>
internal sealed record KitSettings
{
    public required string Target { get; init; }

    /// <summary>The API root, ending with <c>/client/v4/</c>.</summary>
    public required Uri BaseUrl { get; init; }

    public required string AccountId { get; init; }

    public string? ApiToken { get; init; }

    public string? Email { get; init; }

    public string? ApiKey { get; init; }

    /// <summary>The least time between two requests (the kit's share of Cloudflare's 1,200 requests per 5 minutes).</summary>
    public TimeSpan Pace { get; init; }

    /// <summary>Every name the run creates starts with it: <c>cfconf-</c> and 8 random hex digits.</summary>
    public string Prefix { get; init; } = NewPrefix();

    /// <summary>How the endpoint is named in a report: the emulator's port changes from run to run, so it is left out.</summary>
    public required string Endpoint { get; init; }

    public string CredentialKind => ApiToken is not null ? "API token" : "global API key";

    public static string NewPrefix() => "cfconf-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4)) + "-";

    public SecretsStoreClientOptions ToClientOptions() => new()
    {
        ApiToken = ApiToken,
        Email = Email,
        ApiKey = ApiKey,
        AccountId = AccountId,
        BaseUrl = BaseUrl,
    };

    public void Authenticate(HttpRequestHeaders headers)
    {
        if (ApiToken is not null)
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken);
        }
        else
        {
            headers.Add("X-Auth-Email", Email);
            headers.Add("X-Auth-Key", ApiKey);
        }
    }

    public override string ToString() => $"{Target} {Endpoint} ({CredentialKind})";
}

/// <summary>
/// One answer of the API: status and body; the first error's code and token (by the library's rule,
/// <see cref="SecretsStoreKnownErrors"/>).
/// </summary>
internal sealed record Answer(int Status, JsonElement? Body)
{
    public JsonElement? FirstError =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("errors", out JsonElement errors) &&
        errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0 ? errors[0] : null;

    public int? Code =>
        FirstError is { } error && error.TryGetProperty("code", out JsonElement code) && code.TryGetInt32(out int value)
            ? value
            : null;

    public string? Token =>
        FirstError is { } error && error.TryGetProperty("message", out JsonElement message)
            && message.ValueKind == JsonValueKind.String
            ? SecretsStoreKnownErrors.TokenOf(message.GetString())
            : null;

    public JsonElement? Result =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("result", out JsonElement result) &&
        result.ValueKind != JsonValueKind.Null ? result : null;

    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>Status, code and token, such as <c>404 1001 store_not_found</c>: never a message, which may quote a name.</summary>
    public string Describe() => Code is { } code
        ? string.Create(CultureInfo.InvariantCulture, $"{Status} {code} {Token ?? "(no token)"}")
        : string.Create(CultureInfo.InvariantCulture, $"{Status}");
}

/// <summary>
/// Raw requests to the account's Secrets Store API, so that a probe sees the status, code and token exactly as sent
/// (the library's client would turn them into exceptions). A 429 is waited out (its <c>Retry-After</c>, at most two
/// minutes) and retried twice; every request goes through the run's <see cref="PacingHandler"/>.
/// </summary>
internal sealed class ApiCaller(HttpClient http, KitSettings settings)
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(2);
    private readonly Uri root = new(settings.BaseUrl, $"accounts/{settings.AccountId}/secrets_store/");

    public Task<Answer> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<Answer> PostAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body), cancellationToken);

    public async Task<Answer> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, new Uri(root, path));
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            settings.Authenticate(request.Headers);
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 2)
            {
                TimeSpan wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(10);
                await Task.Delay(wait < MaxRetryAfter ? wait : MaxRetryAfter, cancellationToken);
                continue;
            }

            string text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonElement? json = null;
            try
            {
                using var document = JsonDocument.Parse(text);
                json = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's page): the status alone is the observation.
            }

            return new Answer((int)response.StatusCode, json);
        }
    }
}

/// <summary>Spaces requests at least <c>pace</c> apart, one at a time: the kit stays well inside the rate limit.</summary>
internal sealed class PacingHandler(TimeSpan pace, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private long lastTicks = long.MinValue;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (pace > TimeSpan.Zero && lastTicks != long.MinValue)
            {
                TimeSpan wait = TimeSpan.FromTicks(lastTicks) + pace - TimeSpan.FromMilliseconds(Environment.TickCount64);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }
            }

            lastTicks = TimeSpan.FromMilliseconds(Environment.TickCount64).Ticks;
        }
        finally
        {
            gate.Release();
        }

        return await base.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            gate.Dispose();
        }

        base.Dispose(disposing);
    }
}
