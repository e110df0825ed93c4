using System.Net.Http.Headers;
using System.Text.Json;
using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Conformance.Tests;

/// <summary>Runs the kit against an emulator and reads the emulator's state back over plain HTTP.</summary>
internal static class KitHarness
{
    public const string Account = KitCommand.EmulatorAccountId;

    public static Task<Report> RunAsync(
        SecretsStoreEmulator emulator,
        HttpMessageHandler? transport = null,
        CancellationToken cancellationToken = default) =>
        KitRun.RunAsync(KitCommand.EmulatorSettings(emulator.BaseAddress), transport, TextWriter.Null, cancellationToken);

    public static string[] Differing(Report report) =>
        [.. report.Probes.Where(p => p.Verdict == Verdict.Differs).Select(p => p.Id)];

    public static string Describe(Report report) =>
        string.Join(Environment.NewLine, report.Probes.Select(p => $"{p.Id}: {p.Verdict} ({p.Observed?.Detail})")) +
        Environment.NewLine + $"refused: {report.Refused}; cleanup: {report.Cleanup}";

    /// <summary>The account's stores, as (id, name).</summary>
    public static async Task<List<(string Id, string Name)>> StoresAsync(SecretsStoreEmulator emulator, string account = Account)
    {
        JsonElement result = await GetAsync(emulator, $"accounts/{account}/secrets_store/stores?per_page=100");
        return [.. result.EnumerateArray().Select(s => (s.GetProperty("id").GetString()!, s.GetProperty("name").GetString()!))];
    }

    /// <summary>The names of the secrets in a store.</summary>
    public static async Task<List<string>> SecretNamesAsync(SecretsStoreEmulator emulator, string storeId, string account = Account)
    {
        JsonElement result = await GetAsync(emulator, $"accounts/{account}/secrets_store/stores/{storeId}/secrets?per_page=100");
        return [.. result.EnumerateArray().Select(s => s.GetProperty("name").GetString()!)];
    }

    public static async Task<long> UsageAsync(SecretsStoreEmulator emulator, string account = Account)
    {
        JsonElement result = await GetAsync(emulator, $"accounts/{account}/secrets_store/quota");
        return result.GetProperty("secrets").GetProperty("usage").GetInt64();
    }

    private static async Task<JsonElement> GetAsync(SecretsStoreEmulator emulator, string path)
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorOptions.DefaultApiToken);
        using var document = JsonDocument.Parse(await http.GetStringAsync(path));
        return document.RootElement.GetProperty("result").Clone();
    }
}

/// <summary>
/// A transport that counts requests and can stop the run at the n-th one, before it is sent or after its answer.
/// </summary>
internal sealed class InterruptingHandler(int at, bool afterAnswer, CancellationTokenSource run)
    : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    private int count;

    public int Count => count;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int n = Interlocked.Increment(ref count);
        if (n == at && !afterAnswer)
        {
            await run.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }

        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        if (n == at && afterAnswer)
        {
            // The API acted, the answer is lost to the run: only the cleanup's sweep by prefix can find what it made.
            await run.CancelAsync();
        }

        return response;
    }
}

/// <summary>A transport that keeps every request body it sends (to look for the values in the kit's output).</summary>
internal sealed class BodyRecordingHandler() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    private readonly List<string> bodies = [];

    public IReadOnlyList<string> Bodies
    {
        get
        {
            lock (bodies)
            {
                return [.. bodies];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            string body = await request.Content.ReadAsStringAsync(cancellationToken);
            lock (bodies)
            {
                bodies.Add(body);
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
