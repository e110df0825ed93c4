using System.Security.Cryptography;

namespace CloudflareSecrets.Demo;

/// <summary>
/// The demo's deploy steps: what a CI job does with the library (plan, deploy, deploy a change, rotate one secret),
/// on a few NAME=value pairs of the demo's own, removed again at the end.
/// </summary>
internal sealed class DeploySteps(ISecretsStoreClient client, string run, bool live, Action<string> step, Action<string> say)
{
    /// <summary>The secrets the deploy steps hold at most at once.</summary>
    public const int SecretCount = 4;

    private readonly string _prefix = $"DEMO_{run}_";

    /// <summary>Runs the deploy steps; on a failure, deletes the secrets of this run before it rethrows.</summary>
    /// <param name="store">The store.</param>
    /// <param name="storeIsOwn">Whether the demo created the store in this run (then nothing in it belongs to anyone else).</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public async Task RunAsync(SecretStore store, bool storeIsOwn, CancellationToken cancellationToken)
    {
        try
        {
            await StepsAsync(store, storeIsOwn, cancellationToken);
        }
        catch
        {
            await CleanUpAsync(store);
            throw;
        }
    }

    private async Task StepsAsync(SecretStore store, bool storeIsOwn, CancellationToken cancellationToken)
    {
        // What a CI job reads from its secret variables; here generated, and never printed.
        var desired = new[] { "DB_PASSWORD", "WEBHOOK_KEY", "API_TOKEN", "SMTP_PASSWORD" }
            .Take(SecretCount).ToDictionary(name => _prefix + name, _ => NewValue());

        // Prune deletes every name of the store that is not in the set: against the real API, only where the store is the demo's own.
        bool prune = !live;
        step($"Plan a deploy of {desired.Count} NAME=value pairs (SyncSecretsAsync, dry run: reads only)");
        SyncResult plan = await client.SyncSecretsAsync(
            store.Id,
            desired,
            new SyncOptions { DryRun = true, Prune = prune, Comment = "deployed by the demo" },
            cancellationToken: cancellationToken);
        Table(plan);
        say(plan.ToString());

        step("Deploy them (SyncSecretsAsync)");
        SyncResult deployed = await client.SyncSecretsAsync(
            store.Id, desired, new SyncOptions { Prune = prune, Comment = "deployed by the demo" }, cancellationToken: cancellationToken);
        say($"{deployed}; the fewest for an empty store: one listing, the quota read, one create batch of up to 100");

        string changed = desired.Keys.First(), removed = desired.Keys.Last();
        desired[changed] = NewValue();
        desired.Remove(removed);
        step("Deploy again with one value changed and one name removed (Prune)");
        if (live)
        {
            prune = await PruneTouchesOnlyOwnAsync(store, desired, cancellationToken) && storeIsOwn;
        }

        SyncResult redeployed = await client.SyncSecretsAsync(
            store.Id, desired, new SyncOptions { Prune = prune }, cancellationToken: cancellationToken);
        Table(redeployed);
        say($"{redeployed}; values are write-only, so every name is written again (unchanged values cannot be skipped)");
        if (!prune)
        {
            // The one name the demo dropped goes by itself, by id; nothing else in the store is touched.
            Secret? gone = await client.FindSecretByNameAsync(store.Id, removed, cancellationToken: cancellationToken);
            if (gone is not null)
            {
                await client.DeleteSecretAsync(store.Id, gone.Id, cancellationToken: cancellationToken);
            }

            say($"against the real API Prune runs only in a store the demo created that holds nothing else; deleted {removed} by itself");
        }

        step("Rotate one value by name (SetSecretAsync)");
        string rotated = desired.Keys.Last();
        SetSecretResult set = await client.SetSecretAsync(store.Id, rotated, NewValue(), cancellationToken: cancellationToken);
        say($"{set.Secret.Name} {set.Action}, modified {set.Secret.Modified:u} (two requests: a search by name, then one write)");

        step("Remove the deployed secrets in one bulk request");
        string[] ids =
            [.. redeployed.Changes.Where(c => c.Action is not SyncAction.Delete && c.SecretId is not null).Select(c => c.SecretId!)];
        await client.DeleteSecretsAsync(store.Id, ids, cancellationToken: cancellationToken);
        say($"deleted {ids.Length} secrets");
    }

    // A dry run with Prune lists what Prune would delete; only the demo's own names may be among them.
    private async Task<bool> PruneTouchesOnlyOwnAsync(
        SecretStore store, Dictionary<string, string> desired, CancellationToken cancellationToken)
    {
        SyncResult check = await client.SyncSecretsAsync(
            store.Id, desired, new SyncOptions { DryRun = true, Prune = true }, cancellationToken: cancellationToken);
        int others = check.Changes.Count(c => c.Action is SyncAction.Delete && !c.Name.StartsWith(_prefix, StringComparison.Ordinal));
        if (others > 0)
        {
            say($"the store holds {others} secret(s) that are not the demo's: Prune would delete them, so this deploy runs without Prune");
        }

        return others == 0;
    }

    private async Task CleanUpAsync(SecretStore store)
    {
        // Only names of this run: found by their unique prefix, whatever step failed.
        List<string> ids = [];
        var ofThisRun = new ListSecretsOptions { Search = _prefix };
        await foreach (Secret secret in client.ListSecretsAsync(store.Id, ofThisRun, cancellationToken: CancellationToken.None))
        {
            if (secret.Name.StartsWith(_prefix, StringComparison.Ordinal))
            {
                ids.Add(secret.Id);
            }
        }

        if (ids.Count > 0)
        {
            say($"cleaning up {ids.Count} deployed demo secrets after the failure");
            await client.DeleteSecretsAsync(store.Id, ids, cancellationToken: CancellationToken.None);
        }
    }

    // The plan as two aligned columns, NAME and ACTION: names and actions only, never values.
    private void Table(SyncResult result)
    {
        int width = Math.Max("NAME".Length, result.Changes.Count == 0 ? 0 : result.Changes.Max(c => c.Name.Length));
        say($"{"NAME".PadRight(width)}  ACTION");
        foreach (SyncChange change in result.Changes)
        {
            say($"{change.Name.PadRight(width)}  {change.Action.ToString().ToLowerInvariant()}");
        }
    }

    // A fresh random value per secret; the demo never prints one.
    private static string NewValue() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
}
