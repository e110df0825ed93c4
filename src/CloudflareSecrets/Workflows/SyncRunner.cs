using System.Runtime.ExceptionServices;
using CloudflareSecrets.Internal;

namespace CloudflareSecrets;

/// <summary>
/// One run of <see cref="SecretsStoreWorkflows.SyncSecretsAsync"/>: list once, plan, check the quota, then the creates
/// (batched by the client), updates in parallel and one bulk delete, recording each change as it is confirmed so a failure can say
/// exactly what was done. It never holds a value longer than the run, and never puts one in a change or a message.
/// </summary>
internal sealed class SyncRunner(
    ISecretsStoreClient client,
    string storeId,
    string? accountId,
    SyncOptions options,
    List<string> scopes,
    CancellationToken cancellationToken)
{
    /// <summary>How many secrets one create request of the client carries, to count the requests a create makes.</summary>
    private readonly int _perCreateRequest =
        client is SecretsStoreClient { CreateBatchSize: > 0 } own ? own.CreateBatchSize : SecretsStoreLimits.MaxSecretsPerCreate;

    private readonly Lock _gate = new();
    private readonly List<(int Rank, SyncChange Change)> _done = [];
    private int _requests;
    private int _total;

    public async Task<SyncResult> RunAsync(IReadOnlyList<KeyValuePair<string, string>> desired)
    {
        // Every value of the sync is masked in every request's errors and logs, not only the value that request carries:
        // a server (or a proxy) that echoes another secret of the same sync must not reveal it either.
        using SensitiveScope.Scope masking = SensitiveScope.Enter(desired.Select(d => d.Value).ToArray());
        Dictionary<string, Secret> existing = await ListAsync().ConfigureAwait(false);
        var creates = new List<Item>();
        var updates = new List<Item>();
        for (int i = 0; i < desired.Count; i++)
        {
            (string name, string value) = desired[i];
            (existing.TryGetValue(name, out Secret? secret) ? updates : creates).Add(new Item(i, name, value, secret?.Id));
        }

        var wanted = desired.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        List<Secret> deletes = options.Prune
            ? [.. existing.Values.Where(s => !wanted.Contains(s.Name)).OrderBy(s => s.Name, StringComparer.Ordinal)]
            : [];
        List<SyncChange> plan =
        [
            .. creates.Select(c => new SyncChange(c.Name, SyncAction.Create, null)),
            .. updates.Select(u => new SyncChange(u.Name, SyncAction.Update, u.Id)),
            .. deletes.Select(d => new SyncChange(d.Name, SyncAction.Delete, d.Id)),
        ];
        _total = plan.Count;

        if (creates.Count > 0)
        {
            Interlocked.Increment(ref _requests);
            SecretsQuota quota = await client.GetQuotaAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (creates.Count > quota.Remaining)
            {
                throw SecretsSyncException.QuotaExceeded(new SyncResult([], options.DryRun, _requests), plan, creates.Count, quota);
            }
        }

        if (options.DryRun)
        {
            return new SyncResult(plan, dryRun: true, _requests);
        }

        options.Progress?.Report(new SyncProgress(0, _total, null));
        try
        {
            await CreateAsync(creates, updates).ConfigureAwait(false);
            List<Item> gone = await UpdateAsync(updates).ConfigureAwait(false);
            await CreateAsync(gone, raced: null).ConfigureAwait(false);
            if (deletes.Count > 0)
            {
                Interlocked.Increment(ref _requests);
                await client.DeleteSecretsAsync(storeId, deletes.Select(d => d.Id), accountId, cancellationToken).ConfigureAwait(false);
                for (int i = 0; i < deletes.Count; i++)
                {
                    Record(2, new SyncChange(deletes[i].Name, SyncAction.Delete, deletes[i].Id), i);
                }
            }
        }
        catch (Exception e)
        {
            SyncResult done = Done();
            var doneNames = done.Changes.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            throw SecretsSyncException.PartWay(done, [.. plan.Where(p => !doneNames.Contains(p.Name))], e);
        }

        return Done();
    }

    private async Task<Dictionary<string, Secret>> ListAsync()
    {
        var byName = new Dictionary<string, Secret>(StringComparer.Ordinal);
        IAsyncEnumerable<Page<Secret>> pages =
            client.ListSecretsAsync(storeId, null, accountId, cancellationToken).AsPages(cancellationToken: cancellationToken);
        await foreach (Page<Secret> page in pages.ConfigureAwait(false))
        {
            Interlocked.Increment(ref _requests);
            foreach (Secret secret in page.Values)
            {
                byName[secret.Name] = secret;
            }
        }

        return byName;
    }

    /// <summary>
    /// Creates <paramref name="items"/> through the client's own batching (<see cref="ISecretsStoreClient.CreateSecretsAsync"/>),
    /// recording every secret created, also those of the client's earlier batches when a later one fails
    /// (<see cref="SecretsPartiallyCreatedException.Created"/>). A batch that meets a name created meanwhile is settled by
    /// listing again: the names that exist now join <paramref name="raced"/> (to be updated), the rest are created in one
    /// more request, and the names never sent go on. With <paramref name="raced"/> null (secrets re-created after vanishing)
    /// a second race is a failure: races end. Each round sends a refused batch at most once more, so the loop ends.
    /// </summary>
    private async Task CreateAsync(List<Item> items, List<Item>? raced)
    {
        List<Item> pending = items;
        while (pending.Count > 0)
        {
            int sentBefore;
            Exception failure;
            try
            {
                IEnumerable<NewSecret> secrets = pending.Select(i => new NewSecret(i.Name, i.Value, scopes, options.Comment));
                IReadOnlyList<Secret> created =
                    await client.CreateSecretsAsync(storeId, secrets, accountId, cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref _requests, Requests(pending.Count));
                RecordCreated(pending, created);
                return;
            }
            catch (SecretsPartiallyCreatedException e) when (e.InnerException is { } cause)
            {
                // A later batch of the client failed: the earlier ones are done, and the failure is that batch's.
                sentBefore = pending.Count - e.NotSent.Count - e.FailedNames.Count;
                RecordCreated(pending.GetRange(0, sentBefore), e.Created);
                failure = cause;
            }
            catch (Exception e)
            {
                sentBefore = 0;
                failure = e;
            }

            Interlocked.Add(ref _requests, Requests(sentBefore) + 1);
            List<Item> refused = pending.GetRange(sentBefore, Math.Min(_perCreateRequest, pending.Count - sentBefore));
            if (raced is null || !WorkflowErrors.IsNameTaken(failure))
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            Dictionary<string, Secret> now = await ListAsync().ConfigureAwait(false);
            var missing = new List<Item>(refused.Count);
            foreach (Item item in refused)
            {
                if (now.TryGetValue(item.Name, out Secret? secret))
                {
                    raced.Add(item with { Id = secret.Id });
                }
                else
                {
                    missing.Add(item);
                }
            }

            await CreateAsync(missing, raced: null).ConfigureAwait(false);
            pending = pending.GetRange(sentBefore + refused.Count, pending.Count - sentBefore - refused.Count);
        }
    }

    /// <summary>The requests the client sends to create <paramref name="count"/> secrets.</summary>
    private int Requests(int count) => (count + _perCreateRequest - 1) / _perCreateRequest;

    /// <summary>Records <paramref name="items"/> as created, with the ids <paramref name="created"/> gives their names.</summary>
    private void RecordCreated(List<Item> items, IReadOnlyList<Secret> created)
    {
        var ids = new Dictionary<string, string>(created.Count, StringComparer.Ordinal);
        foreach (Secret secret in created)
        {
            ids.TryAdd(secret.Name, secret.Id);
        }

        foreach (Item item in items)
        {
            Record(0, new SyncChange(item.Name, SyncAction.Create, ids.GetValueOrDefault(item.Name)), item.Order);
        }
    }

    /// <summary>
    /// One PATCH per item, at most <see cref="SyncOptions.MaxParallelUpdates"/> in flight. After a failure no new update
    /// starts and those in flight finish (they run under the sync's token, not the loop's, which a failure cancels), so
    /// every confirmed update is recorded. Returns the items whose secret vanished.
    /// </summary>
    private async Task<List<Item>> UpdateAsync(List<Item> items)
    {
        var gone = new List<Item>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelUpdates, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(items, parallel, async (item, _) =>
        {
            Interlocked.Increment(ref _requests);
            try
            {
                var update = new SecretUpdate { Value = item.Value };
                Secret updated =
                    await client.UpdateSecretAsync(storeId, item.Id!, update, accountId, cancellationToken).ConfigureAwait(false);
                Record(1, new SyncChange(item.Name, SyncAction.Update, updated.Id), item.Order);
            }
            catch (CloudflareApiException e) when (WorkflowErrors.IsSecretGone(e))
            {
                lock (_gate)
                {
                    gone.Add(item with { Id = null });
                }
            }
        }).ConfigureAwait(false);

        gone.Sort((a, b) => a.Order.CompareTo(b.Order));
        return gone;
    }

    private void Record(int group, SyncChange change, int order)
    {
        lock (_gate)
        {
            _done.Add((group * 1_000_000 + order, change));

            // Reported under the lock so that reports arrive in order even from parallel updates.
            options.Progress?.Report(new SyncProgress(_done.Count, _total, change));
        }
    }

    private SyncResult Done()
    {
        lock (_gate)
        {
            return new SyncResult(_done.OrderBy(d => d.Rank).Select(d => d.Change), dryRun: false, Volatile.Read(ref _requests));
        }
    }

    /// <summary>A desired secret: its position in the input, name, value, and the id of the secret holding the name, if any.</summary>
    private sealed record Item(int Order, string Name, string Value, string? Id)
    {
        // A record's generated ToString would print the value.
        public override string ToString() => $"{Name} ({Id ?? "new"})";
    }
}
