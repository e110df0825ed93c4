using System.Diagnostics.CodeAnalysis;
using CloudflareSecrets.Emulator.Hosting;
using CloudflareSecrets.Emulator.Http;

namespace CloudflareSecrets.Emulator.Model;

/// <summary>
/// The emulator's data: accounts, their stores and secrets. One lock guards everything; the emulator serves a handful
/// of test clients, so simplicity and atomic all-or-nothing batches matter more than concurrency.
/// Every method that answers returns views (immutable copies), never the records themselves.
/// </summary>
internal sealed partial class SecretsStoreState
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, AccountRecord> accounts = new(StringComparer.Ordinal);

    /// <summary>Account ids, oldest first: past <see cref="EmulatorOptions.MaxAccounts"/> the oldest account is dropped.</summary>
    private readonly Queue<string> accountOrder = new();
    private readonly EmulatorSettings settings;
    private long sequence;

    /// <summary>Secrets that are pending or being deleted: while there are none, <see cref="Advance"/> costs nothing.</summary>
    private int changing;

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
            accountOrder.Clear();
            changing = 0;
            sequence = 0;
            foreach (SeedStore seed in settings.Seed)
            {
                StoreRecord store = AddStore(seed.AccountId, seed.Name, seed.Id);
                SecretDraft[] secrets = seed.Secrets
                    .Select(s => new SecretDraft(s.Name, s.Value, SecretRules.NormalizeScopes(s.Scopes), s.Comment, s.Id))
                    .ToArray();
                AddSecrets(seed.AccountId, store.Id, secrets, pending: false);
            }
        }
    }

    public QuotaView GetQuota(string accountId)
    {
        lock (gate)
        {
            Advance();
            int usage = accounts.TryGetValue(accountId, out AccountRecord? account) ? account.SecretCount : 0;
            return new QuotaView(new SecretsUsageView(settings.MaxSecretsPerAccount, usage));
        }
    }

    public StoreView CreateStore(string accountId, string name)
    {
        lock (gate)
        {
            Advance();
            return AddStore(accountId, name, id: null).ToView();
        }
    }

    /// <summary>Throws <c>store_not_found</c> unless the store exists (checked before a request's body is read).</summary>
    public void RequireStore(string accountId, string storeId)
    {
        lock (gate)
        {
            FindStore(accountId, storeId);
        }
    }

    public StoreView GetStore(string accountId, string storeId)
    {
        lock (gate)
        {
            Advance();
            return FindStore(accountId, storeId).ToView();
        }
    }

    public PageView<StoreView> ListStores(string accountId, ListQuery query)
    {
        lock (gate)
        {
            Advance();
            IEnumerable<StoreRecord> stores = accounts.TryGetValue(accountId, out AccountRecord? account) ? account.Stores.Values : [];
            IEnumerable<StoreRecord> ordered = Sorting.Order(stores, query.Order, query.Descending);
            return Sorting.Page(ordered, query, store => store.ToView());
        }
    }

    public void DeleteStore(string accountId, string storeId, bool force)
    {
        lock (gate)
        {
            Advance();
            StoreRecord store = FindStore(accountId, storeId);
            if (store.Secrets.Count > 0 && !force)
            {
                throw ApiErrorException.Known(SecretsStoreKnownErrors.StoreNotEmpty);
            }

            changing -= store.Secrets.Values.Count(secret => secret.Status != SecretRecord.ActiveStatus);
            accounts[accountId].Stores.Remove(storeId);
        }
    }

    public IReadOnlyList<SecretView> CreateSecrets(string accountId, string storeId, IReadOnlyList<SecretDraft> secrets)
    {
        lock (gate)
        {
            Advance();
            return AddSecrets(accountId, storeId, secrets).Select(secret => secret.ToView()).ToArray();
        }
    }

    public SecretView GetSecret(string accountId, string storeId, string secretId)
    {
        lock (gate)
        {
            Advance();
            return FindSecret(accountId, storeId, secretId).ToView();
        }
    }

    public PageView<SecretView> ListSecrets(string accountId, string storeId, ListQuery query, SecretFilter filter)
    {
        lock (gate)
        {
            Advance();
            StoreRecord store = FindStore(accountId, storeId);
            IEnumerable<SecretRecord> matching = store.Secrets.Values.Where(secret => Sorting.Matches(secret, filter));
            IEnumerable<SecretRecord> ordered = Sorting.Order(matching, query.Order, query.Descending);
            return Sorting.Page(ordered, query, secret => secret.ToView());
        }
    }

    public SecretView PatchSecret(string accountId, string storeId, string secretId, SecretPatch patch)
    {
        lock (gate)
        {
            Advance();
            SecretRecord secret = FindSecret(accountId, storeId, secretId);
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

    public bool TryGetSecretValue(string accountId, string storeId, string secretId, [NotNullWhen(true)] out string? value)
    {
        lock (gate)
        {
            Advance();
            value = accounts.TryGetValue(accountId, out AccountRecord? account) &&
                    account.Stores.TryGetValue(storeId, out StoreRecord? store) &&
                    store.Secrets.TryGetValue(secretId, out SecretRecord? secret)
                ? secret.Value
                : null;
            return value is not null;
        }
    }

    private StoreRecord AddStore(string accountId, string name, string? id)
    {
        AccountRecord account = GetOrCreateAccount(accountId);
        if (account.Stores.Count >= settings.MaxStoresPerAccount)
        {
            throw ApiErrorException.Known(SecretsStoreKnownErrors.MaximumStoresExceeded);
        }

        id ??= NewId();
        if (account.Stores.ContainsKey(id))
        {
            throw new InvalidOperationException($"Seed data names store {id} twice in account {accountId}.");
        }

        DateTimeOffset now = settings.TimeProvider.GetUtcNow();
        var store = new StoreRecord { Id = id, AccountId = accountId, Name = name, Created = now, Modified = now, Sequence = ++sequence };
        account.Stores.Add(id, store);
        return store;
    }

    private AccountRecord GetOrCreateAccount(string accountId)
    {
        if (!accounts.TryGetValue(accountId, out AccountRecord? account))
        {
            // Bounded memory for a long-running emulator that sees ever new account ids: the oldest account goes, with its
            // stores and secrets.
            if (accounts.Count >= EmulatorOptions.MaxAccounts
                && accountOrder.TryDequeue(out string? oldest)
                && accounts.Remove(oldest, out AccountRecord? dropped))
            {
                changing -= dropped.Stores.Values
                    .Sum(store => store.Secrets.Values.Count(secret => secret.Status != SecretRecord.ActiveStatus));
            }

            account = new AccountRecord(accountId);
            accounts.Add(accountId, account);
            accountOrder.Enqueue(accountId);
        }

        return account;
    }

    private StoreRecord FindStore(string accountId, string storeId)
    {
        if (accounts.TryGetValue(accountId, out AccountRecord? account) && account.Stores.TryGetValue(storeId, out StoreRecord? store))
        {
            return store;
        }

        throw ApiErrorException.Known(SecretsStoreKnownErrors.StoreNotFound);
    }

    private SecretRecord FindSecret(string accountId, string storeId, string secretId)
    {
        StoreRecord store = FindStore(accountId, storeId);
        return store.Secrets.TryGetValue(secretId, out SecretRecord? secret)
            ? secret
            : throw ApiErrorException.Known(SecretsStoreKnownErrors.SecretNotFound);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");
}
