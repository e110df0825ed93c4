using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace CloudflareSecrets.Benchmarks;

/// <summary>
/// The second baseline, and the floor the facade is held to: the same calls as <see cref="HandWrittenClient"/>, written
/// by hand with HttpClient and Newtonsoft.Json (the serializer the library is built on), the way its documentation
/// recommends for speed: one cached <see cref="JsonSerializer"/>, POCOs with setters, the response streamed through a
/// <see cref="JsonTextReader"/> and request bodies from <see cref="JsonConvert.SerializeObject(object?, JsonSerializerSettings?)"/>.
/// No retries, no rate-limit gate, no logging, no response size limit, no typed errors; it maps to the library's
/// public models so every side hands back the same objects.
/// </summary>
public sealed class HandWrittenNewtonsoftClient(HttpClient http, string baseUrl, string apiToken, string accountId)
{
    private static readonly JsonSerializerSettings Settings = new()
    {
        ContractResolver = new DefaultContractResolver { NamingStrategy = new SnakeCaseNamingStrategy() },
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.DateTimeOffset,
    };

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

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
        NewSecretDto[] body = new[] { new NewSecretDto { Name = name, Value = value, Scopes = scopes, Comment = comment } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}accounts/{accountId}/secrets_store/stores/{storeId}/secrets")
        {
            Content = new StringContent(JsonConvert.SerializeObject(body, Settings), Encoding.UTF8, "application/json"),
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
            using var reader = new StreamReader(body);
            using var json = new JsonTextReader(reader);
            Envelope<T>? envelope = Serializer.Deserialize<Envelope<T>>(json);
            if (!response.IsSuccessStatusCode || envelope is not { Success: true })
            {
                throw new HttpRequestException($"{(int)response.StatusCode}: {envelope?.Errors?.FirstOrDefault()?.Message}");
            }

            return envelope;
        }
    }

    public sealed class Envelope<T>
    {
        public bool Success { get; set; }

        public List<ApiMessage>? Errors { get; set; }

        public List<ApiMessage>? Messages { get; set; }

        public T? Result { get; set; }

        public ResultInfo? ResultInfo { get; set; }
    }

    public sealed class ApiMessage
    {
        public int Code { get; set; }

        public string Message { get; set; } = string.Empty;
    }

    public sealed class ResultInfo
    {
        public int? Page { get; set; }

        public int? PerPage { get; set; }

        public int? Count { get; set; }

        public long? TotalCount { get; set; }

        public int? TotalPages { get; set; }
    }

    public sealed class SecretDto
    {
        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string? StoreId { get; set; }

        public string? Status { get; set; }

        public List<string>? Scopes { get; set; }

        public string? Comment { get; set; }

        public DateTimeOffset Created { get; set; }

        public DateTimeOffset Modified { get; set; }

        public Secret ToSecret(string storeId) =>
            new(Id, Name, StoreId ?? storeId, Status ?? string.Empty, Scopes ?? [], Comment, Created, Modified);
    }

    public sealed class NewSecretDto
    {
        public string Name { get; set; } = string.Empty;

        public string Value { get; set; } = string.Empty;

        public IReadOnlyList<string> Scopes { get; set; } = [];

        public string? Comment { get; set; }
    }
}
