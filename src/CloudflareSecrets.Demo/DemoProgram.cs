using System.Diagnostics;
using System.Security.Cryptography;
using CloudflareSecrets.Emulator;
using Microsoft.Extensions.DependencyInjection;

namespace CloudflareSecrets.Demo;

/// <summary>Runs the demo: each step uses the library as an application would, and prints what happened.</summary>
public static class DemoProgram
{
    private const string EmulatorToken = "emulator-token";
    private const string EmulatorAccount = "0123456789abcdef0123456789abcdef";

    /// <summary>Runs the demo and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        bool live = args.Contains("--live");
        if (args.Any(a => a is not "--live"))
        {
            output.WriteLine("usage: CloudflareSecrets.Demo [--live]");
            return 2;
        }

        SecretsStoreEmulator? emulator = null;
        try
        {
            var services = new ServiceCollection();
            if (live)
            {
                // Options come from CLOUDFLARE_API_TOKEN (or CLOUDFLARE_EMAIL + CLOUDFLARE_API_KEY) and CLOUDFLARE_ACCOUNT_ID.
                services.AddCloudflareSecretsStore();
                output.WriteLine(
                    "Running against the Cloudflare API (--live): only secrets named DEMO_<run>_* are created, "
                    + "and they are deleted at the end.");
            }
            else
            {
                emulator = await SecretsStoreEmulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                output.WriteLine($"Started the local Secrets Store emulator at {emulator.BaseAddress}");
                services.AddCloudflareSecretsStore(o =>
                {
                    o.BaseUrl = emulator.BaseAddress;
                    o.ApiToken = EmulatorToken;
                    o.AccountId = EmulatorAccount;
                });
            }

            await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
            ISecretsStoreClient client;
            try
            {
                client = provider.GetRequiredService<ISecretsStoreClient>();
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException e)
            {
                output.WriteLine($"The client is not configured: {string.Join(" ", e.Failures)}");
                return 2;
            }

            await new Demo(client, output, live).RunAsync(cancellationToken).ConfigureAwait(false);
            output.WriteLine();
            output.WriteLine("Done: every step succeeded.");
            return 0;
        }
        catch (CloudflareApiException e)
        {
            string code = e.ErrorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
            output.WriteLine($"Cloudflare answered with a failure ({e.GetType().Name}, code {code}): {e.Message}");
            return 1;
        }
        finally
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class Demo(ISecretsStoreClient client, TextWriter output, bool live)
    {
        private readonly string _run =
            DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss") + "_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(2));
        private readonly List<string> _cleanup = [];
        private int _step;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            Step("Read the account's secrets quota");
            SecretsQuota quota = await client.GetQuotaAsync(cancellationToken: cancellationToken);
            Say($"{quota.Usage} of {quota.Quota} secrets used ({quota.Remaining} left)");

            Step("Find or create a store");
            (SecretStore store, bool createdStore) = await StoreAsync(cancellationToken);
            try
            {
                await SecretsAsync(store, createdStore, quota, cancellationToken);
            }
            catch when (createdStore)
            {
                // The store is the demo's own: leave nothing behind when a step failed (force: its secrets go too).
                output.WriteLine($"    deleting the demo store {store.Name} after the failure");
                await client.DeleteStoreAsync(store.Id, force: true, cancellationToken: CancellationToken.None);
                throw;
            }

            if (createdStore)
            {
                Step($"Delete the store {store.Name} (force: its remaining secrets go too)");
                await client.DeleteStoreAsync(store.Id, force: true, cancellationToken: cancellationToken);
                Say("deleted");
            }
        }

        private async Task SecretsAsync(SecretStore store, bool createdStore, SecretsQuota quota, CancellationToken cancellationToken)
        {
            // The deploy's secrets are deleted before the bulk create, but the real API may count them a little longer.
            int count = (int)Math.Min(live ? 5 : 60, Math.Max(0, quota.Remaining - 2 - DeploySteps.SecretCount));
            if (count < 2)
            {
                Say("Not enough quota left to run the secret steps; skipping them.");
                return;
            }

            await new DeploySteps(client, _run, live, Step, Say).RunAsync(store, createdStore, cancellationToken);

            Step($"Create {count} secrets in one call (CreateSecretsAsync sends them in batches)");
            var watch = Stopwatch.StartNew();
            IReadOnlyList<Secret> created;
            try
            {
                created = await client.CreateSecretsAsync(
                    store.Id,
                    Enumerable.Range(1, count).Select(i =>
                        new NewSecret($"DEMO_{_run}_{i:000}", NewValue(), [SecretScopes.Workers], $"demo secret {i}")),
                    cancellationToken: cancellationToken);
            }
            catch (CloudflareApiException e) when (e.Is(SecretsStoreKnownErrors.MaximumSecretsExceeded))
            {
                // Another process took the last slots since the quota was read: nothing of this batch was created.
                Say($"the account's secrets quota is used up (HTTP {(int)e.StatusCode}, "
                    + $"{SecretsStoreKnownErrors.MaximumSecretsExceeded.Token}); skipping the secret steps");
                return;
            }

            Say($"created {created.Count} secrets in {watch.ElapsedMilliseconds} ms; "
                + $"first: {created[0].Name} ({created[0].Id}, {created[0].Status})");
            try
            {
                await SecretStepsAsync(store, created, cancellationToken);
            }
            catch when (_cleanup.Count > 0)
            {
                // Leave nothing of this run behind, even when a step failed; then report the failure.
                output.WriteLine($"    cleaning up {_cleanup.Count} demo secrets after the failure");
                await client.DeleteSecretsAsync(store.Id, _cleanup, cancellationToken: CancellationToken.None);
                throw;
            }
        }

        private async Task SecretStepsAsync(SecretStore store, IReadOnlyList<Secret> created, CancellationToken cancellationToken)
        {
            _cleanup.AddRange(created.Select(s => s.Id));

            Step("List them with auto-paging (25 per page to show several pages)");
            int pages = 0, listed = 0;
            var byName = new ListSecretsOptions
            {
                Search = $"DEMO_{_run}_",
                PageSize = 25,
                Order = SecretOrder.Name,
                Direction = SortDirection.Ascending,
            };
            await foreach (Page<Secret> page in client.ListSecretsAsync(store.Id, byName).AsPages(cancellationToken: cancellationToken))
            {
                pages++;
                listed += page.Values.Count;
                Say($"page {page.Info?.Page} of {page.Info?.TotalPages}: {page.Values.Count} secrets, "
                    + $"{page.Values[0].Name} .. {page.Values[^1].Name}");
            }

            Say($"{listed} secrets in {pages} pages");

            Secret first = created[0];
            Step($"Update {first.Name}: a new value and a comment");
            Secret updated = await client.UpdateSecretAsync(
                store.Id,
                first.Id,
                new SecretUpdate { Value = NewValue(), Comment = "rotated by the demo" },
                cancellationToken: cancellationToken);
            Say($"{updated.Name}: comment '{updated.Comment}', modified {updated.Modified:u} (the value is write-only: never returned)");

            Step($"Duplicate {first.Name} under a new name, scoped to Workers");
            Secret copy = await client.DuplicateSecretAsync(
                store.Id, first.Id, $"{first.Name}_COPY", [SecretScopes.Workers], cancellationToken: cancellationToken);
            _cleanup.Add(copy.Id);
            Say($"{copy.Name} ({copy.Id}) has the same value, scopes [{string.Join(", ", copy.Scopes)}]");

            Step($"Find {copy.Name} by its exact name");
            Secret? found = await client.FindSecretByNameAsync(store.Id, copy.Name, cancellationToken: cancellationToken);
            Say(found is null ? "not found" : $"found {found.Name} ({found.Id})");

            Step("Show how failures surface");
            try
            {
                await client.CreateSecretAsync(
                    store.Id, first.Name, NewValue(), [SecretScopes.Workers], cancellationToken: cancellationToken);
            }
            catch (CloudflareConflictException e) when (e.Is(SecretsStoreKnownErrors.SecretNameAlreadyExists))
            {
                // Cloudflare answers a taken name with 400 and code 1003 (not 409): the client classifies it by its token.
                Say($"creating {first.Name} again: {e.GetType().Name} (HTTP {(int)e.StatusCode}, code {e.ErrorCode}), "
                    + $"Is(SecretNameAlreadyExists) = {e.Is(SecretsStoreKnownErrors.SecretNameAlreadyExists)}, CF-Ray {e.RayId}");
            }

            try
            {
                await client.CreateSecretAsync(
                    store.Id,
                    "TOO_LARGE",
                    new string('x', SecretsStoreLimits.MaxValueBytes + 1),
                    [SecretScopes.Workers],
                    cancellationToken: cancellationToken);
            }
            catch (ArgumentException e)
            {
                Say($"a 65,537-byte value is refused before sending: {e.Message}");
            }

            Step("Delete one secret, then the rest in one bulk request");
            await client.DeleteSecretAsync(store.Id, copy.Id, cancellationToken: cancellationToken);
            _cleanup.Remove(copy.Id);
            await client.DeleteSecretsAsync(store.Id, created.Select(s => s.Id), cancellationToken: cancellationToken);
            _cleanup.Clear();
            Say($"deleted {created.Count + 1} secrets (deletes are accepted with HTTP 202 and complete shortly after)");

            Step("Read the quota again");
            SecretsQuota after = await client.GetQuotaAsync(cancellationToken: cancellationToken);
            Say($"{after.Usage} of {after.Quota} secrets used");
        }

        private async Task<(SecretStore Store, bool Created)> StoreAsync(CancellationToken cancellationToken)
        {
            await foreach (SecretStore existing in client.ListStoresAsync(cancellationToken: cancellationToken))
            {
                Say($"using the existing store {existing.Name} ({existing.Id})");
                return (existing, false);
            }

            try
            {
                SecretStore store = await client.CreateStoreAsync($"demo_{_run}", cancellationToken: cancellationToken);
                Say($"created store {store.Name} ({store.Id})");
                return (store, true);
            }
            catch (CloudflareApiException e) when (e.Is(SecretsStoreKnownErrors.MaximumStoresExceeded))
            {
                // One store per account: a store created (or still being deleted) since the list was read holds the slot.
                Say($"the account already holds its one store (HTTP {(int)e.StatusCode}, "
                    + $"{SecretsStoreKnownErrors.MaximumStoresExceeded.Token}); run the demo again to use it");
                throw;
            }
        }

        // A fresh random value per secret; the demo never prints one.
        private static string NewValue() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

        private void Step(string title)
        {
            output.WriteLine();
            output.WriteLine($"[{++_step}] {title}");
        }

        private void Say(string line) => output.WriteLine("    " + line);
    }
}
