using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudflareSecrets.Benchmarks;

/// <summary>
/// The baseline: what a developer would write by hand for the same calls with HttpClient and System.Text.Json
/// (reflection-based, cached options): no retries, no rate-limit gate, no logging, no response size limit, no typed
/// errors. It maps to the library's public models so both sides hand back the same objects.
/// </summary>
public sealed class HandWrittenClient(HttpClient http, string baseUrl, string apiToken, string accountId)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly AuthenticationHeaderValue _auth = new("Bearer", apiToken);

    public async Task<Secret> GetSecretAsync(string storeId, string secretId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            $"{baseUrl}accounts/{accountId}/secrets_store/stores/{storeId}/secrets/{secretId}");
        Envelope<SecretDto> envelope = await SendAsync<SecretDto>(request, cancellationToken).ConfigureAwait(false);
        return envelope.Result!.ToSecret(storeId);
    }

    public async Task<(List<Secret> Items, ResultInfo? Info)> ListSecretsPageAsync(
        string storeId,
        int page,
        int perPage,
        CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            $"{baseUrl}accounts/{accountId}/secrets_store/stores/{storeId}/secrets?page={page}&per_page={perPage}");
        Envelope<List<SecretDto>> envelope = await SendAsync<List<SecretDto>>(request, cancellationToken).ConfigureAwait(false);
        var items = new List<Secret>(envelope.Result?.Count ?? 0);
        foreach (SecretDto dto in envelope.Result ?? [])
        {
            items.Add(dto.ToSecret(storeId));
        }

        return (items, envelope.ResultInfo);
    }

    /// <summary>Every secret of a store, page by page, until the last page (or an empty one).</summary>
    public async IAsyncEnumerable<Secret> ListSecretsAsync(
        string storeId,
        int perPage,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int page = 1; ; page++)
        {
            (List<Secret> items, ResultInfo? info) =
                await ListSecretsPageAsync(storeId, page, perPage, cancellationToken).ConfigureAwait(false);
            foreach (Secret secret in items)
            {
                yield return secret;
            }

            if (items.Count == 0 || (info?.TotalPages is { } total ? page >= total : items.Count < perPage))
            {
                yield break;
            }
        }
    }

    public async Task<Secret> CreateSecretAsync(
        string storeId,
        string name,
        string value,
        IReadOnlyList<string> scopes,
        string? comment,
        CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}accounts/{accountId}/secrets_store/stores/{storeId}/secrets")
        {
            Content = JsonContent.Create(new[] { new NewSecretDto(name, value, scopes, comment) }, options: Options),
        };
        Envelope<List<SecretDto>> envelope = await SendAsync<List<SecretDto>>(request, cancellationToken).ConfigureAwait(false);
        return envelope.Result is [SecretDto one] ? one.ToSecret(storeId) : throw new HttpRequestException("expected one created secret");
    }

    private async Task<Envelope<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = _auth;
        using HttpResponseMessage response =
            await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            Envelope<T>? envelope =
                await JsonSerializer.DeserializeAsync<Envelope<T>>(body, Options, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || envelope is not { Success: true })
            {
                throw new HttpRequestException($"{(int)response.StatusCode}: {envelope?.Errors?.FirstOrDefault()?.Message}");
            }

            return envelope;
        }
    }

    public sealed record Envelope<T>(bool Success, List<ApiMessage>? Errors, List<ApiMessage>? Messages, T? Result, ResultInfo? ResultInfo);

    public sealed record ApiMessage(int Code, string Message);

    public sealed record ResultInfo(int? Page, int? PerPage, int? Count, long? TotalCount, int? TotalPages);

    public sealed record SecretDto(
        string Id,
        string Name,
        string? StoreId,
        string? Status,
        List<string>? Scopes,
        string? Comment,
        DateTimeOffset Created,
        DateTimeOffset Modified)
    {
        public Secret ToSecret(string storeId) =>
            new(Id, Name, StoreId ?? storeId, Status ?? string.Empty, Scopes ?? [], Comment, Created, Modified);
    }

    public sealed record NewSecretDto(string Name, string Value, IReadOnlyList<string> Scopes, string? Comment);
}
