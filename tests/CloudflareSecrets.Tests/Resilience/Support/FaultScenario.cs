using Microsoft.Extensions.Logging;

namespace CloudflareSecrets.Tests.Resilience.Support;

/// <summary>One row of the fault table: what the server does, and exactly what the caller must see.</summary>
public sealed record FaultScenario
{
    /// <summary>The test name: operation, fault, expected behaviour.</summary>
    public required string Name { get; init; }

    public required ApiOperation Operation { get; init; }

    /// <summary>The server's replies in order; the last one repeats.</summary>
    public IReadOnlyList<Reply> Replies { get; init; } = [];

    /// <summary>The exact exception type the call ends with, or <see langword="null"/> for success.</summary>
    public Type? Throws { get; init; }

    /// <summary>How many requests reach the server (or the network).</summary>
    public required int Requests { get; init; }

    /// <summary>Changes to the suite's default options (small delays, three attempts).</summary>
    public Action<SecretsStoreClientOptions>? Configure { get; init; }

    /// <summary>What the caller does, when it is more than one call of the operation.</summary>
    public Func<ScenarioRun, Task<Outcome>>? Act { get; init; }

    /// <summary>Whether a success returns the operation's documented result (false when the scenario's body differs).</summary>
    public bool ReturnsDocumentedResult { get; init; } = true;

    /// <summary>Further assertions on the run and its outcome.</summary>
    public Action<ScenarioRun, Outcome>? Then { get; init; }

    public override string ToString() => Name;
}

/// <summary>How a call ended: its result, or the exception it threw.</summary>
public sealed record Outcome(object? Result, Exception? Exception)
{
    public override string ToString() => Exception is null ? $"success: {Result}" : Exception.ToString();
}

/// <summary>One scenario's fake server, client and captured logs.</summary>
public sealed class ScenarioRun : IDisposable
{
    private readonly List<int> _callStarts = [];

    public ScenarioRun(FaultScenario scenario)
    {
        Scenario = scenario;
        Server = new ScriptedServer(scenario.Replies);
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        Options = new SecretsStoreClientOptions
        {
            // Rate-limit state is shared per credential in the process: a token of its own isolates the scenario.
            ApiToken = "token-" + Guid.NewGuid().ToString("N"),
            AccountId = Api.Account,
            Retry =
            {
                MaxAttempts = 3,
                BaseDelay = TimeSpan.FromMilliseconds(10),
                MaxDelay = TimeSpan.FromMilliseconds(50),
                AttemptTimeout = TimeSpan.FromSeconds(5),
            },
        };
        scenario.Configure?.Invoke(Options);
        Http = Server.CreateClient();
        Client = new SecretsStoreClient(Options, Http, LoggerFactory);
    }

    public FaultScenario Scenario { get; }

    public ScriptedServer Server { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public ILoggerFactory LoggerFactory { get; }

    public SecretsStoreClientOptions Options { get; }

    public HttpClient Http { get; }

    public SecretsStoreClient Client { get; }

    /// <summary>Counts requests some other way than the fake server (e.g. connection attempts of a real handler).</summary>
    public Func<int>? CountRequests { get; set; }

    public int RequestCount => CountRequests?.Invoke() ?? Server.Requests.Count;

    /// <summary>How long the call took to end once its token was cancelled, when the scenario cancels.</summary>
    public TimeSpan? EndedAfterCancel { get; set; }

    /// <summary>The delays of the client's "will retry" events, in milliseconds.</summary>
    public IReadOnlyList<double> RetryDelays =>
        Logs.Entries.Where(e => e.EventId.Id == 3)
            .Select(e => Convert.ToDouble(e["DelayMs"], System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();

    public Task<Outcome> InvokeAsync(CancellationToken cancellationToken = default) => InvokeAsync(Client, cancellationToken);

    /// <summary>The requests each call sent, call by call (a scenario may call more than once).</summary>
    public IReadOnlyList<IReadOnlyList<ScriptedRequest>> RequestsByCall
    {
        get
        {
            IReadOnlyList<ScriptedRequest> all = Server.Requests;
            int[] bounds = [.. _callStarts, all.Count];
            return [.. Enumerable.Range(0, _callStarts.Count).Select(i => all.Skip(bounds[i]).Take(bounds[i + 1] - bounds[i]).ToArray())];
        }
    }

    public async Task<Outcome> InvokeAsync(ISecretsStoreClient client, CancellationToken cancellationToken = default)
    {
        _callStarts.Add(Server.Requests.Count);
        try
        {
            return new Outcome(await Scenario.Operation.Invoke(client, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception e)
        {
            return new Outcome(null, e);
        }
    }

    public void Dispose()
    {
        Http.Dispose();
        Server.Dispose();
        LoggerFactory.Dispose();
    }
}
