using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace CloudflareSecrets.Emulator.Tests;

public class EmulatorLifecycleTests
{
    [Test]
    public async Task ListensOnLoopbackWithTheApiRootAsBaseAddress()
    {
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync();

        Assert.Multiple(() =>
        {
            Assert.That(emulator.BaseAddress.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(emulator.BaseAddress.Port, Is.GreaterThan(0));
            Assert.That(emulator.BaseAddress.AbsolutePath, Is.EqualTo("/client/v4/"));
        });
    }

    [Test]
    public async Task RunsSeveralEmulatorsSideBySide()
    {
        await using SecretsStoreEmulator first = await SecretsStoreEmulator.StartAsync();
        await using SecretsStoreEmulator second = await SecretsStoreEmulator.StartAsync();

        Assert.That(first.BaseAddress, Is.Not.EqualTo(second.BaseAddress));
    }

    [Test]
    public async Task ReleasesThePortWhenDisposed()
    {
        SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync();
        int port = emulator.BaseAddress.Port;
        await emulator.DisposeAsync();
        await emulator.DisposeAsync();

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.That(async () => await socket.ConnectAsync(IPAddress.Loopback, port), Throws.InstanceOf<SocketException>());
    }

    [Test]
    public async Task CreatesTheSeedAndRestoresItOnReset()
    {
        var options = new EmulatorOptions { MaxStoresPerAccount = 2 };
        var store = new SeedStore { AccountId = "acc", Name = "seeded", Id = "023e105f4ecef8ad9ca31a8372d0c353" };
        store.Secrets.Add(
            new SeedSecret { Name = "SEEDED_KEY", Value = "seed-value", Scopes = ["workers"], Id = "3fd85f74b32742f1bff64a85009dda07" });
        options.Seed.Add(store);
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync(options);
        using HttpClient http = Client(emulator);

        string secretPath = "accounts/acc/secrets_store/stores/023e105f4ecef8ad9ca31a8372d0c353/secrets/3fd85f74b32742f1bff64a85009dda07";
        using (await http.DeleteAsync(secretPath))
        {
        }

        await http.PostAsync("accounts/acc/secrets_store/stores", Json(new { name = "extra" }));

        emulator.Reset();

        using HttpResponseMessage get = await http.GetAsync(secretPath);
        using HttpResponseMessage list = await http.GetAsync("accounts/acc/secrets_store/stores");
        JsonElement stores = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("result");
        Assert.Multiple(() =>
        {
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(stores.GetArrayLength(), Is.EqualTo(1));
            Assert.That(
                emulator.TryGetSecretValue("acc", "023e105f4ecef8ad9ca31a8372d0c353", "3fd85f74b32742f1bff64a85009dda07", out string? value)
                    ? value
                    : null,
                Is.EqualTo("seed-value"));
        });
    }

    [Test]
    public void RejectsInvalidOptionsBeforeStarting()
    {
        var badSeed = new EmulatorOptions();
        badSeed.Seed.Add(new SeedStore { AccountId = new string('a', 33), Name = "x" });
        var overQuota = new EmulatorOptions { MaxSecretsPerAccount = 0 };
        var seeded = new SeedStore { AccountId = "acc", Name = "x" };
        seeded.Secrets.Add(new SeedSecret { Name = "A", Value = "v", Scopes = ["workers"] });
        overQuota.Seed.Add(seeded);
        var blankToken = new EmulatorOptions();
        blankToken.ApiTokens.Add(" ");

        Assert.Multiple(() =>
        {
            Assert.That(
                async () => await SecretsStoreEmulator.StartAsync(new EmulatorOptions { MaxStoresPerAccount = -1 }),
                Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(
                async () => await SecretsStoreEmulator.StartAsync(new EmulatorOptions { RequestBudget = new RequestBudget { Limit = 0 } }),
                Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(async () => await SecretsStoreEmulator.StartAsync(badSeed), Throws.InstanceOf<ArgumentException>());
            Assert.That(
                async () => await SecretsStoreEmulator.StartAsync(overQuota),
                Throws.InstanceOf<ArgumentException>().With.Message.Contains("maximum_secrets_exceeded"));
            Assert.That(async () => await SecretsStoreEmulator.StartAsync(blankToken), Throws.InstanceOf<ArgumentException>());
        });
    }

    [Test]
    public async Task IgnoresChangesToTheOptionsAfterStart()
    {
        var options = new EmulatorOptions();
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync(options);
        options.ApiTokens.Clear();
        using HttpClient http = Client(emulator);

        using HttpResponseMessage response = await http.GetAsync("accounts/acc/secrets_store/quota");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task KeepsQuotaAndNamesConsistentUnderConcurrentCreates()
    {
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync(
            new EmulatorOptions { MaxSecretsPerAccount = 30 });
        using HttpClient http = Client(emulator);
        using HttpResponseMessage created = await http.PostAsync("accounts/acc/secrets_store/stores", Json(new { name = "s" }));
        string? storeId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement
            .GetProperty("result").GetProperty("id").GetString();

        // 40 creates of 20 distinct names: exactly 20 succeed (one per name), the rest conflict; none over the quota.
        HttpStatusCode[] statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using HttpResponseMessage response = await http.PostAsync(
                $"accounts/acc/secrets_store/stores/{storeId}/secrets",
                Json(new[] { new { name = $"KEY_{i % 20}", value = "v", scopes = new[] { "workers" } } }));
            return response.StatusCode;
        }));

        using HttpResponseMessage quota = await http.GetAsync("accounts/acc/secrets_store/quota");
        int usage = JsonDocument.Parse(await quota.Content.ReadAsStringAsync()).RootElement
            .GetProperty("result").GetProperty("secrets").GetProperty("usage").GetInt32();
        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(20));
        Assert.That(statuses.Count(s => s == SecretsStoreKnownErrors.SecretNameAlreadyExists.Status), Is.EqualTo(20));
        Assert.That(usage, Is.EqualTo(20));
    }

    private static HttpClient Client(SecretsStoreEmulator emulator)
    {
        var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", EmulatorOptions.DefaultApiToken);
        return http;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
