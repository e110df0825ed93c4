using CloudflareSecrets.Cli.Hosting;
using CloudflareSecrets.Cli.Output;
using CloudflareSecrets.Cli.Wrangler;

namespace CloudflareSecrets.Cli.Commands;

/// <summary>
/// <c>bindings --check FILE</c>: every <c>secrets_store_secrets</c> entry of a wrangler configuration (the top level's
/// and every environment's, or one environment's with <c>--env</c>) against the account: its store exists, its secret
/// exists in that store, and the secret has the <c>workers</c> scope. Every entry is reported; the exit code is 4
/// (not found) when a store or secret is missing, else 1 when a secret lacks the scope, else 0. One request lists the
/// stores and one listing per store named finds the secrets.
/// </summary>
internal static class BindingsCheck
{
    private const string Ok = "ok";
    private const string StoreNotFound = "store_not_found";
    private const string SecretNotFound = "secret_not_found";
    private const string NoWorkersScope = "missing_workers_scope";

    public static async Task<int> RunAsync(CliSession session, string path, string? environment, CancellationToken cancellationToken)
    {
        WranglerConfig config = await WranglerConfig.ReadAsync(session.Host, path, cancellationToken);
        IReadOnlyList<ConfiguredBinding> entries = environment is null ? config.AllBindings() : config.Bindings(environment);

        var stores = new HashSet<string>(StringComparer.Ordinal);
        if (entries.Count > 0)
        {
            await foreach (SecretStore store in session.Client.ListStoresAsync(cancellationToken: cancellationToken))
            {
                stores.Add(store.Id);
            }
        }

        var secretsByStore = new Dictionary<string, Dictionary<string, Secret>>(StringComparer.Ordinal);
        foreach (string storeId in entries.Select(e => e.Binding.StoreId).Distinct(StringComparer.Ordinal).Where(stores.Contains))
        {
            var byName = new Dictionary<string, Secret>(StringComparer.Ordinal);
            await foreach (Secret secret in session.Client.ListSecretsAsync(storeId, cancellationToken: cancellationToken))
            {
                byName.TryAdd(secret.Name, secret);
            }

            secretsByStore[storeId] = byName;
        }

        var results = entries.Select(e => (Entry: e, Status: Status(e.Binding, stores, secretsByStore))).ToList();
        Write(session, path, results);

        int missing = results.Count(r => r.Status is StoreNotFound or SecretNotFound);
        int unscoped = results.Count(r => r.Status == NoWorkersScope);
        if (missing + unscoped == 0)
        {
            return ExitCodes.Success;
        }

        var problems = new List<string>();
        if (missing > 0)
        {
            problems.Add($"{missing} point at a store or secret that does not exist");
        }

        if (unscoped > 0)
        {
            problems.Add($"{unscoped} at a secret without the workers scope");
        }

        session.Host.Error.WriteLine(
            $"error: {missing + unscoped} of {results.Count} binding(s) in {path} would fail in the Worker: "
            + $"{string.Join("; ", problems)}.");
        session.Host.Error.Flush();
        return missing > 0 ? ExitCodes.NotFound : ExitCodes.Failure;
    }

    private static string Status(
        SecretsStoreBinding binding, HashSet<string> stores, Dictionary<string, Dictionary<string, Secret>> secretsByStore)
    {
        if (!stores.Contains(binding.StoreId))
        {
            return StoreNotFound;
        }

        if (!secretsByStore[binding.StoreId].TryGetValue(binding.SecretName, out Secret? secret))
        {
            return SecretNotFound;
        }

        return BindingsCommand.HasWorkersScope(secret) ? Ok : NoWorkersScope;
    }

    private static string Describe(string status) => status switch
    {
        StoreNotFound => "no such store in the account",
        SecretNotFound => "no such secret in the store",
        NoWorkersScope => "the secret lacks the workers scope",
        _ => "ok",
    };

    private static void Write(CliSession session, string path, List<(ConfiguredBinding Entry, string Status)> results)
    {
        if (session.Json)
        {
            JsonOutput.Write(session.Host.Output, w =>
            {
                w.WriteStartObject();
                w.WriteString("file", path);
                w.WriteStartArray("entries");
                foreach ((ConfiguredBinding entry, string status) in results)
                {
                    w.WriteStartObject();
                    if (entry.Environment is null)
                    {
                        w.WriteNull("env");
                    }
                    else
                    {
                        w.WriteString("env", entry.Environment);
                    }

                    w.WriteString("binding", entry.Binding.Binding);
                    w.WriteString("store_id", entry.Binding.StoreId);
                    w.WriteString("secret_name", entry.Binding.SecretName);
                    w.WriteString("status", status);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteNumber("problems", results.Count(r => r.Status != Ok));
                w.WriteEndObject();
            });
            return;
        }

        if (results.Count == 0)
        {
            Tables.Line(session.Out, $"{path} binds no Secrets Store secret.");
            return;
        }

        Tables.Rows(session.Out, ["WHERE", "BINDING", "STORE", "SECRET", "STATUS"],
            results.Select(r => new[]
            {
                r.Entry.Location, r.Entry.Binding.Binding, r.Entry.Binding.StoreId, r.Entry.Binding.SecretName, Describe(r.Status),
            }));
    }
}
