using CloudflareSecrets.Emulator.Http;

namespace CloudflareSecrets.Emulator.Model;

/// <summary>Secret writes and their lifecycle: pending before active, and deletes that take effect after a delay.</summary>
internal sealed partial class SecretsStoreState
{
    public SecretView DuplicateSecret(
        string accountId, string storeId, string secretId, string name, IReadOnlyList<string> scopes, string? comment)
    {
        lock (gate)
        {
            Advance();
            SecretRecord source = FindSecret(accountId, storeId, secretId);
            return AddSecrets(accountId, storeId, [new SecretDraft(name, source.Value, scopes, comment)])[0].ToView();
        }
    }

    public void DeleteSecret(string accountId, string storeId, string secretId)
    {
        lock (gate)
        {
            Advance();
            StoreRecord store = FindStore(accountId, storeId);
            Delete(store, FindSecret(accountId, storeId, secretId));
        }
    }

    public void DeleteSecrets(string accountId, string storeId, IReadOnlyList<string> secretIds)
    {
        lock (gate)
        {
            Advance();
            StoreRecord store = FindStore(accountId, storeId);

            // All or nothing: one unknown id fails the whole request before anything is removed. Each unknown id is
            // one secret_not_found whose source.pointer is its place in the request's ids.
            var unknown = new List<ApiMessage>();
            for (int i = 0; i < secretIds.Count; i++)
            {
                if (!store.Secrets.ContainsKey(secretIds[i]))
                {
                    unknown.Add(Problem.Known(SecretsStoreKnownErrors.SecretNotFound).ToMessage($"/ids/{i}"));
                }
            }

            if (unknown.Count > 0)
            {
                throw new ApiErrorException((int)SecretsStoreKnownErrors.SecretNotFound.Status, unknown);
            }

            foreach (string? id in secretIds.Distinct(StringComparer.Ordinal))
            {
                Delete(store, store.Secrets[id]);
            }
        }
    }

    private void Delete(StoreRecord store, SecretRecord secret)
    {
        if (settings.DeleteDelay <= TimeSpan.Zero)
        {
            changing -= secret.Status == SecretRecord.ActiveStatus ? 0 : 1;
            store.Secrets.Remove(secret.Id);
            return;
        }

        // Accepted (202) but not yet done: the secret stays, reading "deleted", until the delay has passed. A repeated
        // delete is accepted again and does not extend the delay.
        if (secret.DeleteAt is null)
        {
            changing += secret.Status == SecretRecord.ActiveStatus ? 1 : 0;
            secret.DeleteAt = settings.TimeProvider.GetUtcNow() + settings.DeleteDelay;
            secret.Status = SecretRecord.DeletedStatus;
        }
    }

    /// <summary>Turns pending secrets active and removes deleted ones whose time has come. Called under the lock.</summary>
    private void Advance()
    {
        if (changing == 0)
        {
            return;
        }

        DateTimeOffset now = settings.TimeProvider.GetUtcNow();
        foreach (StoreRecord? store in accounts.Values.SelectMany(account => account.Stores.Values))
        {
            foreach (SecretRecord? secret in store.Secrets.Values.ToArray())
            {
                if (secret.DeleteAt is { } deleteAt && deleteAt <= now)
                {
                    store.Secrets.Remove(secret.Id);
                    changing--;
                }
                else if (secret.Status == SecretRecord.PendingStatus && secret.ActiveAt <= now)
                {
                    secret.Status = SecretRecord.ActiveStatus;
                    changing--;
                }
            }
        }
    }

    private List<SecretRecord> AddSecrets(string accountId, string storeId, IReadOnlyList<SecretDraft> secrets, bool pending = true)
    {
        StoreRecord store = FindStore(accountId, storeId);

        // Conflicts first, then quota: both are checked for the whole batch before anything is written.
        var conflicts = new List<ApiMessage>();
        var batchNames = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < secrets.Count; i++)
        {
            string name = secrets[i].Name;
            if (store.Secrets.Values.Any(existing => existing.Name == name) || !batchNames.Add(name))
            {
                // Cloudflare's message goes on with the name (a name is not secret; a value never appears).
                conflicts.Add(Problem.Known(SecretsStoreKnownErrors.SecretNameAlreadyExists, name).ToMessage($"/{i}/name"));
            }
        }

        if (conflicts.Count > 0)
        {
            throw new ApiErrorException((int)SecretsStoreKnownErrors.SecretNameAlreadyExists.Status, conflicts);
        }

        int usage = accounts[accountId].SecretCount;
        if (usage + secrets.Count > settings.MaxSecretsPerAccount)
        {
            // The observed message: "maximum_secrets_exceeded: max 100".
            throw ApiErrorException.Known(SecretsStoreKnownErrors.MaximumSecretsExceeded, $"max {settings.MaxSecretsPerAccount}");
        }

        DateTimeOffset now = settings.TimeProvider.GetUtcNow();
        bool isPending = pending && settings.PendingDuration > TimeSpan.Zero;
        var created = new List<SecretRecord>(secrets.Count);
        foreach (SecretDraft secret in secrets)
        {
            string id = secret.Id ?? NewId();
            var record = new SecretRecord
            {
                Id = id,
                StoreId = storeId,
                Name = secret.Name,
                Value = secret.Value,
                Scopes = secret.Scopes,
                Comment = secret.Comment,
                Created = now,
                Modified = now,
                Sequence = ++sequence,
                Status = isPending ? SecretRecord.PendingStatus : SecretRecord.ActiveStatus,
                ActiveAt = isPending ? now + settings.PendingDuration : now,
            };
            if (!store.Secrets.TryAdd(id, record))
            {
                throw new InvalidOperationException($"Seed data names secret {id} twice in store {storeId}.");
            }

            changing += isPending ? 1 : 0;
            created.Add(record);
        }

        return created;
    }
}
