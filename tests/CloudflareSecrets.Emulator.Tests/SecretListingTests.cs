using System.Net;
using System.Text.Json;
using CloudflareSecrets.Emulator.Tests.Support;

namespace CloudflareSecrets.Emulator.Tests;

public class SecretListingTests : EmulatorTest
{
    private readonly ManualClock clock = new();

    protected override EmulatorOptions CreateEmulatorOptions() => new() { TimeProvider = clock };

    [Test]
    public async Task PagesThroughEverySecretExactlyOnce()
    {
        string storeId = await CreateStoreAsync();
        IReadOnlyList<string> created = await CreateSecretsAsync(
            storeId, Enumerable.Range(1, 23).Select(i => Secret($"KEY_{i:00}")).ToArray());

        var seen = new List<string>();
        for (int page = 1; page <= 5; page++)
        {
            ApiResponse response = await GetAsync(Accounts($"stores/{storeId}/secrets?page={page}&per_page=5"));
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
            SpecSchema.AssertConforms("secrets-store-secrets-list", response);
            AssertNoValue(response);
            JsonElement info = response.ResultInfo;
            Assert.Multiple(() =>
            {
                Assert.That(info.GetProperty("page").GetInt32(), Is.EqualTo(page));
                Assert.That(info.GetProperty("per_page").GetInt32(), Is.EqualTo(5));
                Assert.That(info.GetProperty("count").GetInt32(), Is.EqualTo(page < 5 ? 5 : 3));
                Assert.That(info.GetProperty("total_count").GetInt32(), Is.EqualTo(23));
                Assert.That(info.GetProperty("total_pages").GetInt32(), Is.EqualTo(5));
            });
            seen.AddRange(response.Result.EnumerateArray().Select(secret => secret.GetProperty("id").GetString()!));
        }

        Assert.That(seen, Is.EquivalentTo(created));
        Assert.That(seen, Is.Unique);
    }

    [Test]
    public async Task AnswersAnEmptyPageBeyondTheLast()
    {
        string storeId = await CreateStoreAsync();
        await CreateSecretsAsync(storeId, Secret("A"), Secret("B"));

        ApiResponse response = await GetAsync(Accounts($"stores/{storeId}/secrets?page=9"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
        Assert.That(response.Result.GetArrayLength(), Is.Zero);
        Assert.That(response.ResultInfo.GetProperty("count").GetInt32(), Is.Zero);
        Assert.That(response.ResultInfo.GetProperty("total_pages").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task UsesTwentyPerPageByDefault()
    {
        string storeId = await CreateStoreAsync();
        await CreateSecretsAsync(storeId, Enumerable.Range(1, 21).Select(i => Secret($"KEY_{i:00}")).ToArray());

        ApiResponse response = await GetAsync(Accounts($"stores/{storeId}/secrets"));

        Assert.That(response.Result.GetArrayLength(), Is.EqualTo(20));
        Assert.That(response.ResultInfo.GetProperty("total_pages").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task OrdersNewestFirstByDefault()
    {
        string storeId = await CreateStoreAsync();
        await CreateSecretAsync(storeId, "FIRST");
        clock.Advance(TimeSpan.FromSeconds(1));
        await CreateSecretAsync(storeId, "SECOND");
        clock.Advance(TimeSpan.FromSeconds(1));
        await CreateSecretAsync(storeId, "THIRD");

        ApiResponse response = await GetAsync(Accounts($"stores/{storeId}/secrets"));

        Assert.That(Names(response), Is.EqualTo(new[] { "THIRD", "SECOND", "FIRST" }));
    }

    [TestCase("order=name&direction=asc", new[] { "alpha", "Bravo", "charlie" })]
    [TestCase("order=name&direction=desc", new[] { "charlie", "Bravo", "alpha" })]
    [TestCase("order=comment&direction=asc", new[] { "Bravo", "charlie", "alpha" })]
    [TestCase("order=created&direction=asc", new[] { "charlie", "alpha", "Bravo" })]
    [TestCase("order=modified&direction=asc", new[] { "alpha", "Bravo", "charlie" })]
    [TestCase("order=status&direction=asc", new[] { "charlie", "alpha", "Bravo" })]
    public async Task OrdersByTheRequestedFieldAndDirection(string query, string[] expected)
    {
        string storeId = await CreateStoreAsync();
        var ids = new Dictionary<string, string>
        {
            ["charlie"] = await CreateSecretAsync(storeId, "charlie", comment: "b comment"),
            ["alpha"] = await CreateSecretAsync(storeId, "alpha", comment: "c comment"),
            ["Bravo"] = await CreateSecretAsync(storeId, "Bravo", comment: "a comment"),
        };

        // Touch in a different order than creation so that "modified" differs from "created".
        foreach (string? name in new[] { "alpha", "Bravo", "charlie" })
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await PatchAsync(Accounts($"stores/{storeId}/secrets/{ids[name]}"), new { value = "touched" });
        }

        ApiResponse response = await GetAsync(Accounts($"stores/{storeId}/secrets?{query}"));

        Assert.That(Names(response), Is.EqualTo(expected));
    }

    [TestCase("search=db", new[] { "DB_PASSWORD", "API_KEY" })]
    [TestCase("search=DB_", new[] { "DB_PASSWORD" })]
    [TestCase("search=PRODUCTION", new[] { "API_KEY" })]
    [TestCase("search=nothing-matches", new string[0])]
    public async Task SearchesNameAndCommentCaseInsensitively(string query, string[] expected)
    {
        string storeId = await CreateStoreAsync();
        await CreateSecretAsync(storeId, "DB_PASSWORD");
        await CreateSecretAsync(storeId, "API_KEY", comment: "production db token");
        await CreateSecretAsync(storeId, "OTHER", comment: "unrelated");

        ApiResponse response = await GetAsync(Accounts($"stores/{storeId}/secrets?{query}&order=name&direction=desc"));

        Assert.That(Names(response), Is.EqualTo(expected));
        Assert.That(response.ResultInfo.GetProperty("total_count").GetInt32(), Is.EqualTo(expected.Length));
    }

    [TestCase("scopes=workers", new[] { "BOTH", "WORKERS_ONLY" })]
    [TestCase("scopes=workers,ai_gateway", new[] { "BOTH" })]
    [TestCase("scopes=workers&scopes=ai_gateway", new[] { "BOTH" })]
    [TestCase("scopes=dex", new string[0])]
    public async Task KeepsSecretsThatHaveEveryRequestedScope(string query, string[] expected)
    {
        string storeId = await CreateStoreAsync();
        await CreateSecretAsync(storeId, "WORKERS_ONLY", scopes: ["workers"]);
        await CreateSecretAsync(storeId, "GATEWAY_ONLY", scopes: ["ai_gateway"]);
        await CreateSecretAsync(storeId, "BOTH", scopes: ["ai_gateway", "workers"]);

        ApiResponse response = await GetAsync(Accounts($"stores/{storeId}/secrets?{query}&order=name&direction=asc"));

        Assert.That(Names(response), Is.EqualTo(expected));
    }

    [Test]
    public async Task CombinesSearchScopesAndPaging()
    {
        string storeId = await CreateStoreAsync();
        await CreateSecretsAsync(
            storeId,
            Enumerable.Range(1, 9).Select(i => Secret($"MATCH_{i}", scopes: i % 2 == 0 ? ["workers", "dex"] : ["workers"])).ToArray());
        await CreateSecretAsync(storeId, "OTHER_DEX", scopes: ["dex"]);

        ApiResponse response = await GetAsync(
            Accounts($"stores/{storeId}/secrets?search=match&scopes=dex&per_page=3&page=2&order=name&direction=asc"));

        Assert.That(Names(response), Is.EqualTo(new[] { "MATCH_8" }));
        Assert.That(response.ResultInfo.GetProperty("total_count").GetInt32(), Is.EqualTo(4));
        Assert.That(response.ResultInfo.GetProperty("total_pages").GetInt32(), Is.EqualTo(2));
    }

    [TestCase("order=size")]
    [TestCase("order=NAME")]
    [TestCase("direction=sideways")]
    [TestCase("per_page=0")]
    [TestCase("per_page=101")]
    [TestCase("per_page=ten")]
    [TestCase("page=-2")]
    [TestCase("page=1.5")]
    [TestCase("page=1&page=2")]
    public async Task RejectsAnInvalidQuery(string query)
    {
        string storeId = await CreateStoreAsync();

        ApiResponse response = await GetAsync(Accounts($"stores/{storeId}/secrets?{query}"));

        AssertFailure(response, HttpStatusCode.BadRequest, EmulatorErrorCodes.ValidationFailed);
        SpecSchema.AssertConforms("secrets-store-secrets-list", response);
    }

    [TestCase("per_page=1")]
    [TestCase("per_page=100")]
    [TestCase("page=0")]
    public async Task AcceptsTheEdgesOfTheAllowedRanges(string query)
    {
        string storeId = await CreateStoreAsync();

        ApiResponse response = await GetAsync(Accounts($"stores/{storeId}/secrets?{query}"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString);
    }

    [Test]
    public async Task AnswersNotFoundForAnUnknownStore()
    {
        ApiResponse response = await GetAsync(Accounts("stores/023e105f4ecef8ad9ca31a8372d0c353/secrets"));

        AssertKnown(response, SecretsStoreKnownErrors.StoreNotFound);
    }

    private static string[] Names(ApiResponse response) =>
        response.Result.EnumerateArray().Select(secret => secret.GetProperty("name").GetString()!).ToArray();
}
