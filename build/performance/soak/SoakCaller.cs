using System.Security.Cryptography;
using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Soak;

/// <summary>
/// One of the concurrent callers: its own account and store (so its faults and its model are its own), a model of
/// what exists according to the answers it got, and a check of every answer against that model. After a failure the
/// caller looks (by name, by id) rather than guess, as an application must; a value it cannot read back through the
/// API is read from the emulator, the harness's oracle.
/// </summary>
internal sealed class SoakCaller(ISecretsStoreClient client, SecretsStoreEmulator emulator, int index, FaultPlan plan, Tally tally)
{
    private const int ReconcileAttempts = 5;
    private readonly Dictionary<string, (string Id, string Value)> live = new(StringComparer.Ordinal);
    private int nextName;

    public string AccountId { get; } = index.ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + new string('0', 30);

    public string StoreId { get; private set; } = string.Empty;

    public IReadOnlyDictionary<string, (string Id, string Value)> Live => live;

    /// <summary>Creates the caller's store, through a patient client: setting up is not part of the soak.</summary>
    public async Task PrepareAsync(ISecretsStoreClient setup, CancellationToken cancellationToken) =>
        StoreId = (await setup.CreateStoreAsync("soak", AccountId, cancellationToken)).Id;

    public async Task RunAsync(int calls, CancellationToken cancellationToken)
    {
        for (int i = 0; i < calls; i++)
        {
            FaultKind? fault = plan.Next();
            if (fault is { } kind)
            {
                tally.Fault(kind);
                emulator.Faults.Add(plan.Rule(kind, AccountId));
            }

            tally.Call();
            touched.Clear();
            try
            {
                await NextCallAsync(cancellationToken);
                tally.Success();
            }
            catch (DuplicateWriteException)
            {
                await ReconcileAsync(cancellationToken);
            }
            catch (Exception e) when (IsFaultShaped(e) && fault is not null)
            {
                tally.FailureUnderFault();
                await ReconcileAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                tally.Wrong($"caller {index} call {i} ({(fault?.ToString() ?? "no fault")}): {e.GetType().Name}: {e.Message}");
                await ReconcileAsync(cancellationToken);
            }
        }
    }

    /// <summary>Failures a fault explains: a server error, a rate limit past the retries, a timeout, a lost connection.</summary>
    public static bool IsFaultShaped(Exception e) =>
        e is CloudflareServerException or CloudflareRateLimitException or TimeoutException or HttpRequestException;

    private Task NextCallAsync(CancellationToken cancellationToken)
    {
        int roll = live.Count < 5 ? 0 : plan.NextInt(100);
        return roll switch
        {
            < 25 => CreateAsync(cancellationToken),
            < 50 => GetAsync(cancellationToken),
            < 70 => UpdateAsync(cancellationToken),
            < 85 => DeleteAsync(cancellationToken),
            < 90 => BulkDeleteAsync(cancellationToken),
            _ => ListAsync(cancellationToken),
        };
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        string name = $"S{nextName++:D6}";
        string value = NewValue();
        pending = (name, value);
        try
        {
            Secret secret = await client.CreateSecretAsync(
                StoreId,
                name,
                value,
                [SecretScopes.Workers],
                accountId: AccountId,
                cancellationToken: cancellationToken);
            Expect(secret.Name == name, $"create {name} answered {secret.Name}");
            live[name] = (secret.Id, value);
            pending = null;
        }
        catch (CloudflareConflictException e) when (e.Is(SecretsStoreKnownErrors.SecretNameAlreadyExists))
        {
            // A name this caller never sent before: an earlier attempt of this very call created it.
            tally.Duplicate($"caller {index}: create {name} was sent twice (the second attempt met the first's secret)");
            throw new DuplicateWriteException(e);
        }
    }

    private (string Name, string Value)? pending;

    /// <summary>The secrets the current call acts on: after a failure, only these need looking at.</summary>
    private readonly List<string> touched = [];

    private async Task GetAsync(CancellationToken cancellationToken)
    {
        (string? name, (string? id, string _)) = Pick();
        Secret secret = await client.GetSecretAsync(StoreId, id, AccountId, cancellationToken);
        Expect(secret.Name == name && secret.Id == id, $"get {id} answered {secret.Name}");
    }

    private async Task UpdateAsync(CancellationToken cancellationToken)
    {
        (string? name, (string? id, string _)) = Pick();
        string value = NewValue();
        Secret secret = await client.UpdateSecretAsync(StoreId, id, new SecretUpdate { Value = value }, AccountId, cancellationToken);
        Expect(secret.Id == id, $"update {id} answered {secret.Id}");
        live[name] = (id, value);
    }

    private async Task DeleteAsync(CancellationToken cancellationToken)
    {
        (string? name, (string? id, string _)) = Pick();
        await client.DeleteSecretAsync(StoreId, id, AccountId, cancellationToken);
        live.Remove(name);
    }

    private async Task BulkDeleteAsync(CancellationToken cancellationToken)
    {
        KeyValuePair<string, (string Id, string Value)>[] picked = live.Take(2 + plan.NextInt(2)).ToArray();
        touched.AddRange(picked.Select(p => p.Key));
        await client.DeleteSecretsAsync(StoreId, picked.Select(p => p.Value.Id), AccountId, cancellationToken);
        foreach ((string? name, (string Id, string Value) _) in picked)
        {
            live.Remove(name);
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var options = new ListSecretsOptions { PageSize = 100 };
        await foreach (Secret secret in client.ListSecretsAsync(StoreId, options, AccountId, cancellationToken))
        {
            names.Add(secret.Name);
        }

        Expect(
            names.Order(StringComparer.Ordinal).SequenceEqual(live.Keys.Order(StringComparer.Ordinal)),
            $"list showed {names.Count} secrets, the model holds {live.Count}");
    }

    /// <summary>After a failed call: learn what exists by looking, by name for a create and by id for the rest.</summary>
    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        tally.Reconciliation();
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                if (pending is { } created)
                {
                    Secret? found = await client.FindSecretByNameAsync(StoreId, created.Name, AccountId, cancellationToken);
                    if (found is not null)
                    {
                        live[created.Name] = (found.Id, created.Value);
                    }

                    pending = null;
                }

                foreach (string name in touched)
                {
                    if (!live.TryGetValue(name, out (string Id, string Value) known))
                    {
                        continue;
                    }

                    (string? id, string? value) = known;
                    try
                    {
                        await client.GetSecretAsync(StoreId, id, AccountId, cancellationToken);
                        live[name] = (id, emulator.TryGetSecretValue(AccountId, StoreId, id, out string? stored) ? stored : value);
                    }
                    catch (CloudflareNotFoundException)
                    {
                        live.Remove(name);
                    }
                }

                touched.Clear();
                return;
            }
            catch (Exception e) when (IsFaultShaped(e) && attempt < ReconcileAttempts)
            {
                // A fault rule the failed call left unused: look again.
            }
        }
    }

    private KeyValuePair<string, (string Id, string Value)> Pick()
    {
        KeyValuePair<string, (string Id, string Value)> picked = live.ElementAt(plan.NextInt(live.Count));
        touched.Add(picked.Key);
        return picked;
    }

    private void Expect(bool condition, string what)
    {
        if (!condition)
        {
            tally.Wrong($"caller {index}: {what}");
        }
    }

    private static string NewValue() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
}

/// <summary>A create met a secret of its own name that no earlier call made: the client sent it twice.</summary>
internal sealed class DuplicateWriteException(Exception inner) : Exception("duplicate write", inner);
