using System.Diagnostics.CodeAnalysis;
using CloudflareSecrets.Emulator.Hosting;
using CloudflareSecrets.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace CloudflareSecrets.Emulator.Model;

/// <summary>
/// The emulator's data: accounts, their stores and secrets. One lock guards everything; the emulator serves a handful
/// of test clients, so simplicity and atomic all-or-nothing batches matter more than concurrency.
/// Every method that answers returns views (immutable copies), never the records themselves.
/// </summary>
internal sealed class SecretsStoreState
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, AccountRecord> accounts = new(StringComparer.Ordinal);
    private readonly EmulatorSettings settings;
    private long sequence;

    public SecretsStoreState(EmulatorSettings settings)
    {
        this.settings = settings;
        Reset();
    }

    /// <summary>Drops all data and recreates the seed.</summary>
    public void Reset()
    {
        lock (gate)
        {
            accounts.Clear();
            sequence = 0;
            foreach (var seed in settings.Seed)
            {
                var store = AddStore(seed.AccountId, seed.Name, seed.Id);
                var secrets = seed.Secrets.Select(s => new NewSecret(s.Name, s.Value, SecretRules.NormalizeScopes(s.Scopes), s.Comment, s.Id)).ToArray();
                AddSecrets(seed.AccountId, store.Id, secrets);
            }
        }
    }

    public QuotaView GetQuota(string accountId)
    {
        lock (gate)
        {
            var usage = accounts.TryGetValue(accountId, out var account) ? account.SecretCount : 0;
            return new QuotaView(new SecretsUsageView(settings.MaxSecretsPerAccount, usage));
        }
    }

    public StoreView CreateStore(string accountId, string name)
    {
        lock (gate)
        {
            return AddStore(accountId, name, id: null).ToView();
        }
    }

    public StoreView GetStore(string accountId, string storeId)
    {
        lock (gate)
        {
            return FindStore(accountId, storeId).ToView();
        }
    }

    public PageView<StoreView> ListStores(string accountId, ListQuery query)
    {
        lock (gate)
        {
            IEnumerable<StoreRecord> stores = accounts.TryGetValue(accountId, out var account) ? account.Stores.Values : [];
            var ordered = Sorting.Order(stores, query.Order, query.Descending);
            return Sorting.Page(ordered, query, store => store.ToView());
        }
    }

    public void DeleteStore(string accountId, string storeId, bool force)
    {
        lock (gate)
        {
            var store = FindStore(accountId, storeId);
            if (store.Secrets.Count > 0 && !force)
            {
                throw ApiErrorException.Single(
                    StatusCodes.Status409Conflict,
                    EmulatorErrorCodes.StoreNotEmpty,
                    $"store_not_empty: store {storeId} still holds {store.Secrets.Count} secret(s); delete them first or pass force=true to delete them with the store");
            }

            accounts[accountId].Stores.Remove(storeId);
        }
    }

    public IReadOnlyList<SecretView> CreateSecrets(string accountId, string storeId, IReadOnlyList<NewSecret> secrets)
    {
        lock (gate)
        {
            return AddSecrets(accountId, storeId, secrets).Select(secret => secret.ToView()).ToArray();
        }
    }

    public SecretView GetSecret(string accountId, string storeId, string secretId)
    {
        lock (gate)
        {
            return FindSecret(accountId, storeId, secretId).ToView();
        }
    }

    public PageView<SecretView> ListSecrets(string accountId, string storeId, ListQuery query, SecretFilter filter)
    {
        lock (gate)
        {
            var store = FindStore(accountId, storeId);
            var matching = store.Secrets.Values.Where(secret => Sorting.Matches(secret, filter));
            var ordered = Sorting.Order(matching, query.Order, query.Descending);
            return Sorting.Page(ordered, query, secret => secret.ToView());
        }
    }

    public SecretView PatchSecret(string accountId, string storeId, string secretId, SecretPatch patch)
    {
        lock (gate)
        {
            var secret = FindSecret(accountId, storeId, secretId);
            if (patch.Value is null && patch.Scopes is null && patch.Comment is null)
            {
                return secret.ToView();
            }

            secret.Value = patch.Value ?? secret.Value;
            secret.Scopes = patch.Scopes ?? secret.Scopes;
            secret.Comment = patch.Comment ?? secret.Comment;
            secret.Modified = settings.TimeProvider.GetUtcNow();
            return secret.ToView();
        }
    }

    public SecretView DuplicateSecret(string accountId, string storeId, string secretId, string name, IReadOnlyList<string> scopes, string? comment)
    {
        lock (gate)
        {
            var source = FindSecret(accountId, storeId, secretId);
            return AddSecrets(accountId, storeId, [new NewSecret(name, source.Value, scopes, comment)])[0].ToView();
        }
    }

    public void DeleteSecret(string accountId, string storeId, string secretId)
    {
        lock (gate)
        {
            FindSecret(accountId, storeId, secretId);
            FindStore(accountId, storeId).Secrets.Remove(secretId);
        }
    }

    public void DeleteSecrets(string accountId, string storeId, IReadOnlyCollection<string> secretIds)
    {
        lock (gate)
        {
            var store = FindStore(accountId, storeId);

            // All or nothing: one unknown id fails the whole request before anything is removed.
            var unknown = secretIds.Where(id => !store.Secrets.ContainsKey(id)).ToArray();
            if (unknown.Length > 0)
            {
                var errors = unknown.Select(id => new ApiMessage(
                    EmulatorErrorCodes.SecretNotFound,
                    $"secret_not_found: no secret {id} in store {storeId}; nothing was deleted")).ToArray();
                throw new ApiErrorException(StatusCodes.Status404NotFound, errors);
            }

            foreach (var id in secretIds)
            {
                store.Secrets.Remove(id);
            }
        }
    }

    public bool TryGetSecretValue(string accountId, string storeId, string secretId, [NotNullWhen(true)] out string? value)
    {
        lock (gate)
        {
            value = accounts.TryGetValue(accountId, out var account) &&
                    account.Stores.TryGetValue(storeId, out var store) &&
                    store.Secrets.TryGetValue(secretId, out var secret)
                ? secret.Value
                : null;
            return value is not null;
        }
    }

    private StoreRecord AddStore(string accountId, string name, string? id)
    {
        var account = GetOrCreateAccount(accountId);
        if (account.Stores.Count >= settings.MaxStoresPerAccount)
        {
            throw ApiErrorException.Single(
                StatusCodes.Status403Forbidden,
                EmulatorErrorCodes.StoreQuotaExceeded,
                $"quota_exceeded: the account already has {account.Stores.Count} of {settings.MaxStoresPerAccount} allowed store(s)");
        }

        id ??= NewId();
        if (account.Stores.ContainsKey(id))
        {
            throw new InvalidOperationException($"Seed data names store {id} twice in account {accountId}.");
        }

        var now = settings.TimeProvider.GetUtcNow();
        var store = new StoreRecord { Id = id, AccountId = accountId, Name = name, Created = now, Modified = now, Sequence = ++sequence };
        account.Stores.Add(id, store);
        return store;
    }

    private List<SecretRecord> AddSecrets(string accountId, string storeId, IReadOnlyList<NewSecret> secrets)
    {
        var store = FindStore(accountId, storeId);

        // Conflicts first, then quota: both are checked for the whole batch before anything is written.
        var conflicts = new List<ApiMessage>();
        var batchNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < secrets.Count; i++)
        {
            var name = secrets[i].Name;
            if (store.Secrets.Values.Any(existing => existing.Name == name))
            {
                conflicts.Add(new ApiMessage(EmulatorErrorCodes.SecretNameConflict, $"secret_name_conflict: a secret named {name} already exists in store {storeId}")
                {
                    Source = new ApiMessageSource($"/{i}/name"),
                });
            }
            else if (!batchNames.Add(name))
            {
                conflicts.Add(new ApiMessage(EmulatorErrorCodes.SecretNameConflict, $"secret_name_conflict: the request names {name} more than once")
                {
                    Source = new ApiMessageSource($"/{i}/name"),
                });
            }
        }

        if (conflicts.Count > 0)
        {
            throw new ApiErrorException(StatusCodes.Status409Conflict, conflicts);
        }

        var usage = accounts[accountId].SecretCount;
        if (usage + secrets.Count > settings.MaxSecretsPerAccount)
        {
            throw ApiErrorException.Single(
                StatusCodes.Status403Forbidden,
                EmulatorErrorCodes.SecretQuotaExceeded,
                $"quota_exceeded: the account uses {usage} of {settings.MaxSecretsPerAccount} secrets; {secrets.Count} more would exceed the quota");
        }

        var now = settings.TimeProvider.GetUtcNow();
        var created = new List<SecretRecord>(secrets.Count);
        foreach (var secret in secrets)
        {
            var id = secret.Id ?? NewId();
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
            };
            if (!store.Secrets.TryAdd(id, record))
            {
                throw new InvalidOperationException($"Seed data names secret {id} twice in store {storeId}.");
            }

            created.Add(record);
        }

        return created;
    }

    private AccountRecord GetOrCreateAccount(string accountId)
    {
        if (!accounts.TryGetValue(accountId, out var account))
        {
            account = new AccountRecord(accountId);
            accounts.Add(accountId, account);
        }

        return account;
    }

    private StoreRecord FindStore(string accountId, string storeId)
    {
        if (accounts.TryGetValue(accountId, out var account) && account.Stores.TryGetValue(storeId, out var store))
        {
            return store;
        }

        throw ApiErrorException.Single(StatusCodes.Status404NotFound, EmulatorErrorCodes.StoreNotFound, $"store_not_found: no store {storeId} in account {accountId}");
    }

    private SecretRecord FindSecret(string accountId, string storeId, string secretId)
    {
        var store = FindStore(accountId, storeId);
        return store.Secrets.TryGetValue(secretId, out var secret)
            ? secret
            : throw ApiErrorException.Single(StatusCodes.Status404NotFound, EmulatorErrorCodes.SecretNotFound, $"secret_not_found: no secret {secretId} in store {storeId}");
    }

    private static string NewId() => Guid.NewGuid().ToString("N");
}
