// A fresh application that uses the packed packages exactly as a user would: the client registered with dependency
// injection, the emulator started in process, a secret created, listed and duplicated. Exit code 0 only when every
// check holds. Secret values are compared, never printed.
using CloudflareSecrets;
using CloudflareSecrets.Emulator;
using Microsoft.Extensions.DependencyInjection;

const string Account = "0123456789abcdef0123456789abcdef";
var value = "smoke-" + Guid.NewGuid().ToString("N");
var failures = new List<string>();

await using var emulator = await SecretsStoreEmulator.StartAsync();
Console.WriteLine($"emulator started in process at {emulator.BaseAddress}");

var services = new ServiceCollection();
services.AddCloudflareSecretsStore(options =>
{
    options.BaseUrl = emulator.BaseAddress;
    options.ApiToken = EmulatorOptions.DefaultApiToken;
    options.AccountId = Account;
});
await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
var client = provider.GetRequiredService<ISecretsStoreClient>();
Console.WriteLine($"ISecretsStoreClient resolved from dependency injection: {client.GetType().FullName}");

var store = await client.CreateStoreAsync("smoke_store");
var secret = await client.CreateSecretAsync(store.Id, "SMOKE_KEY", value, [SecretScopes.Workers], comment: "consumer smoke test");
Console.WriteLine($"created store {store.Name} and secret {secret.Name} ({secret.Id})");
Expect(await ListNamesAsync(store.Id), ["SMOKE_KEY"], "the list after the create");

var copy = await client.DuplicateSecretAsync(store.Id, secret.Id, "SMOKE_KEY_COPY", [SecretScopes.Workers]);
Console.WriteLine($"duplicated {secret.Name} as {copy.Name} ({copy.Id})");
Expect(await ListNamesAsync(store.Id), ["SMOKE_KEY", "SMOKE_KEY_COPY"], "the list after the duplicate");

var sameValue = emulator.TryGetSecretValue(Account, store.Id, copy.Id, out var stored) && stored == value;
Console.WriteLine($"the duplicate holds the original value: {(sameValue ? "yes" : "no")}");
if (!sameValue)
{
    failures.Add("the duplicate does not hold the original value");
}

failures.AddRange(DebugInformation.Check(typeof(ISecretsStoreClient).Assembly));
failures.AddRange(DebugInformation.Check(typeof(SecretsStoreEmulator).Assembly));

foreach (var failure in failures)
{
    Console.Error.WriteLine($"FAILED: {failure}");
}

Console.WriteLine(failures.Count == 0 ? "consumer: every check passed" : $"consumer: {failures.Count} check(s) failed");
return failures.Count == 0 ? 0 : 1;

async Task<List<string>> ListNamesAsync(string storeId)
{
    var names = new List<string>();
    await foreach (var item in client.ListSecretsAsync(storeId))
    {
        names.Add(item.Name);
    }

    names.Sort(StringComparer.Ordinal);
    return names;
}

void Expect(List<string> actual, string[] expected, string what)
{
    Console.WriteLine($"{what}: {string.Join(", ", actual)}");
    if (!actual.SequenceEqual(expected))
    {
        failures.Add($"{what} was [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}]");
    }
}
