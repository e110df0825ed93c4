using System.Globalization;
using System.Text.Json;

namespace CloudflareSecrets.Conformance;

/// <summary>Everything the run created, so that the cleanup deletes exactly that (and a sweep by prefix catches the rest).</summary>
internal sealed class Ledger
{
    private readonly Lock gate = new();
    private readonly List<string> secrets = [];
    private readonly List<string> stores = [];

    public IReadOnlyList<string> Secrets
    {
        get
        {
            lock (gate)
            {
                return [.. secrets];
            }
        }
    }

    public IReadOnlyList<string> Stores
    {
        get
        {
            lock (gate)
            {
                return [.. stores];
            }
        }
    }

    /// <summary>Records the secrets a create answer says it created.</summary>
    public void TrackCreated(Answer answer)
    {
        if (answer.Succeeded && answer.Result is { ValueKind: JsonValueKind.Array } items)
        {
            lock (gate)
            {
                secrets.AddRange(items.EnumerateArray().Select(item => item.GetProperty("id").GetString()!));
            }
        }
    }

    /// <summary>Records a store a create answer says it created.</summary>
    public void TrackCreatedStore(Answer answer)
    {
        if (answer.Succeeded && answer.Result is { ValueKind: JsonValueKind.Object } store
            && store.TryGetProperty("id", out JsonElement id))
        {
            AddStore(id.GetString()!);
        }
    }

    public void AddStore(string id)
    {
        lock (gate)
        {
            stores.Add(id);
        }
    }

    /// <summary>A secret whose delete was confirmed.</summary>
    public void Forget(string id)
    {
        lock (gate)
        {
            secrets.Remove(id);
        }
    }
}

/// <summary>
/// One run of the script against one endpoint: checks first (the account's one store, room in the quota), the fixtures,
/// every probe in order, and the cleanup, which runs whatever happened before it (an interruption included) on a token
/// of its own.
/// </summary>
internal static class KitRun
{
    /// <summary>How long the cleanup may take, interruption or not.</summary>
    public static readonly TimeSpan CleanupBudget = TimeSpan.FromMinutes(3);

    public static async Task<Report> RunAsync(
        KitSettings settings,
        HttpMessageHandler? transport,
        TextWriter log,
        CancellationToken cancellationToken)
    {
        HttpMessageHandler inner = transport
            ?? new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        using var pacing = new PacingHandler(settings.Pace, inner);
        using var raw = new HttpClient(pacing, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(60) };
        using var forClient = new HttpClient(pacing, disposeHandler: false)
        {
            BaseAddress = settings.BaseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var client = new SecretsStoreClient(settings.ToClientOptions(), forClient);
        var ledger = new Ledger();
        var context = new RunContext(settings, new ApiCaller(raw, settings), ledger);
        var results = new List<ProbeResult>();
        bool interrupted = false;
        string? refused = null;
        string store = "none (the run stopped before choosing one)";
        CleanupSummary? cleanup = null;

        try
        {
            List<SecretStore> stores = await client.ListStoresAsync(cancellationToken: cancellationToken)
                .Take(2)
                .ToListAsync(cancellationToken);
            SecretsQuota quota = await client.GetQuotaAsync(cancellationToken: cancellationToken);
            if (stores.Count > 1)
            {
                refused = "the account holds more than one store: the kit runs only in the account's one store";
            }
            else if (quota.Remaining < Script.NeededRoom)
            {
                refused = string.Create(
                    CultureInfo.InvariantCulture,
                    $"the account uses {quota.Usage} of its {quota.Quota} secrets: the run needs room for {Script.NeededRoom}");
            }
            else
            {
                if (stores.Count == 0)
                {
                    SecretStore created = await client.CreateStoreAsync(context.Name("store"), cancellationToken: cancellationToken);
                    ledger.AddStore(created.Id);
                    context.StoreId = created.Id;
                    context.StoreCreatedForRun = true;
                    store = "created for the run (the account had none) and deleted after";
                }
                else
                {
                    context.StoreId = stores[0].Id;
                    store = "the account's own store (left in place; only the run's secrets are deleted)";
                }

                log.WriteLine($"Store: {store}.");
                await Script.CreateFixturesAsync(context, cancellationToken);
                foreach (ProbeSpec probe in Script.Probes)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    ProbeResult result = await RunProbeAsync(probe, context, cancellationToken);
                    results.Add(result);
                    log.WriteLine($"{Report.VerdictText(result.Verdict).Trim('*'),-15} {probe.Id}");
                    if (probe.Id == "known-error/maximum_secrets_exceeded")
                    {
                        // Whatever the quota probe created (all of it, if the API is not all or nothing) goes at once,
                        // so the probes after it have room again.
                        await SweepAsync(client, context, settings.Prefix + "quota-", cancellationToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            interrupted = true;
            log.WriteLine("Interrupted: deleting what the run created.");
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever stopped the run (an error answer, a timeout, an answer of an unexpected shape) ends it with a
            // report, never a stack trace; what it says is the kind of failure, never the server's words.
            refused = "stopped: " + Describe(error);
        }
        finally
        {
            // The cleanup runs whatever happened before, an exception this method does not catch included.
            cleanup = await CleanupAsync(client, context, log);
        }

        if (refused is not null)
        {
            log.WriteLine($"Refused: {refused}.");
        }

        return new Report(
            Report.FormatName,
            settings.Target,
            settings.Endpoint,
            DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            store,
            interrupted,
            refused,
            results,
            cleanup);
    }

    private static async Task<ProbeResult> RunProbeAsync(ProbeSpec probe, RunContext context, CancellationToken cancellationToken)
    {
        Outcome outcome;
        try
        {
            outcome = await probe.Run(context, cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException or JsonException or KeyNotFoundException
            or InvalidOperationException or TimeoutException or TaskCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            outcome = new Outcome(Observation.Nothing("no usable answer: " + error.GetType().Name), Verdict.Differs);
        }

        return new ProbeResult(
            probe.Id,
            probe.Kind,
            probe.Title,
            probe.Request,
            probe.Expected,
            outcome.Observed,
            outcome.Verdict,
            probe.Inferred,
            outcome.Note);
    }

    /// <summary>
    /// Deletes the secrets in the run's store whose names start with <paramref name="prefix"/>; returns how many.
    /// </summary>
    private static async Task<int> SweepAsync(
        SecretsStoreClient client,
        RunContext context,
        string prefix,
        CancellationToken cancellationToken)
    {
        List<string> ids = await client
            .ListSecretsAsync(context.StoreId, new ListSecretsOptions { Search = prefix }, cancellationToken: cancellationToken)
            .Where(secret => secret.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(secret => secret.Id)
            .Take(1000)
            .ToListAsync(cancellationToken);
        foreach (string[] chunk in ids.Chunk(100))
        {
            await client.DeleteSecretsAsync(context.StoreId, chunk, cancellationToken: cancellationToken);
        }

        foreach (string id in ids)
        {
            context.Ledger.Forget(id);
        }

        return ids.Count;
    }

    /// <summary>
    /// Deletes every secret the run created (by its ledger and by a sweep of its prefix), then every store it created,
    /// then checks that nothing is left. Runs on its own token: an interrupted run still cleans up.
    /// </summary>
    private static async Task<CleanupSummary> CleanupAsync(SecretsStoreClient client, RunContext context, TextWriter log)
    {
        using var budget = new CancellationTokenSource(CleanupBudget);
        CancellationToken token = budget.Token;
        int secretsDeleted = 0, storesDeleted = 0, leftBehind = 0;
        var problems = new List<string>();
        try
        {
            // A store the run created whose answer was lost (an interruption right after the API acted) is found by its
            // name: the run's prefix is random, so no other store has it.
            List<string> named = await client.ListStoresAsync(cancellationToken: token)
                .Where(store => store.Name.StartsWith(context.Settings.Prefix, StringComparison.Ordinal))
                .Select(store => store.Id)
                .Take(10)
                .ToListAsync(token);
            foreach (string? id in named.Except(context.Ledger.Stores))
            {
                context.Ledger.AddStore(id);
            }

            if (context.StoreId.Length > 0 && await StoreExistsAsync(client, context.StoreId, token))
            {
                secretsDeleted += await SweepAsync(client, context, context.Settings.Prefix, token);
                foreach (string id in context.Ledger.Secrets)
                {
                    // Created but not listed (a list that lags): deleted one by one, an already deleted one is fine.
                    try
                    {
                        await client.DeleteSecretAsync(context.StoreId, id, cancellationToken: token);
                        secretsDeleted++;
                    }
                    catch (CloudflareNotFoundException)
                    {
                    }

                    context.Ledger.Forget(id);
                }
            }

            foreach (string? storeId in context.Ledger.Stores.Reverse())
            {
                try
                {
                    await client.DeleteStoreAsync(storeId, force: true, cancellationToken: token);
                    storesDeleted++;
                }
                catch (CloudflareNotFoundException)
                {
                }
            }

            foreach (string storeId in context.Ledger.Stores)
            {
                if (await StoreExistsAsync(client, storeId, token))
                {
                    leftBehind++;
                    problems.Add("a store the run created is still there");
                }
            }

            if (context.StoreId.Length > 0 && !context.StoreCreatedForRun && await StoreExistsAsync(client, context.StoreId, token))
            {
                int left = await client
                    .ListSecretsAsync(
                        context.StoreId,
                        new ListSecretsOptions { Search = context.Settings.Prefix },
                        cancellationToken: token)
                    .Where(secret => secret.Name.StartsWith(context.Settings.Prefix, StringComparison.Ordinal))
                    .Take(1000)
                    .CountAsync(token);
                leftBehind += left;
                if (left > 0)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{left} of the run's secrets are still listed"));
                }
            }
        }
        catch (Exception error)
        {
            // The report holds no name: the prefix goes to the console, the report says where to find it.
            leftBehind++;
            problems.Add(
                "the cleanup failed: " + Describe(error)
                + " (delete the secrets named {prefix}* by hand; the run printed the prefix)");
            log.WriteLine($"Cleanup failed: delete the secrets named {context.Settings.Prefix}* by hand.");
        }

        return new CleanupSummary(
            secretsDeleted,
            storesDeleted,
            leftBehind,
            problems.Count == 0 ? "checked: nothing the run created is left" : string.Join("; ", problems));
    }

    /// <summary>
    /// A failure as the report may hold it: the status, codes and token of an API error, else the exception's type. Never
    /// a message: a server's can quote the account's path, a name or anything else.
    /// </summary>
    internal static string Describe(Exception error) => error switch
    {
        KitException kit => kit.Message, // the kit's own words: a status, code and token at most
        CloudflareApiException api =>
            string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)api.StatusCode}")
            + (api.Errors.Count > 0 ? ", " + string.Join(", ", api.Errors.Select(CodeAndToken)) : string.Empty),
        TimeoutException => "no answer in time (TimeoutException)",
        HttpRequestException http => http.StatusCode is { } status
            ? string.Create(CultureInfo.InvariantCulture, $"{error.GetType().Name}, HTTP {(int)status}")
            : $"the endpoint cannot be reached ({error.GetType().Name})",
        OperationCanceledException => "no answer in time (" + error.GetType().Name + ")",
        _ => "no usable answer (" + error.GetType().Name + ")",
    };

    private static string CodeAndToken(CloudflareError error) =>
        $"{error.Code} {SecretsStoreKnownErrors.TokenOf(error.Message) ?? "(no token)"}";

    private static async Task<bool> StoreExistsAsync(SecretsStoreClient client, string storeId, CancellationToken cancellationToken)
    {
        try
        {
            await client.GetStoreAsync(storeId, cancellationToken: cancellationToken);
            return true;
        }
        catch (CloudflareNotFoundException)
        {
            return false;
        }
    }
}
