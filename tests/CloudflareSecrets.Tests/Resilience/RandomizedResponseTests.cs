using System.Diagnostics;
using System.Globalization;
using System.Net;
using CloudflareSecrets.Tests.Resilience.Support;

namespace CloudflareSecrets.Tests.Resilience;

/// <summary>
/// Hostile responses, generated from a seed: whatever the server sends, a call ends in success or in one of the library's
/// typed exceptions (<see cref="CloudflareApiException"/> and its subclasses; <see cref="HttpRequestException"/> or
/// <see cref="TimeoutException"/> for the transport), never in a NullReferenceException, InvalidCastException,
/// FormatException, OverflowException, ArgumentException or a raw Newtonsoft exception from inside the library.
/// </summary>
/// <remarks>
/// The seed is fixed so CI is reproducible, and printed; set CLOUDFLARESECRETS_FUZZ_SEED to explore others (or "random"),
/// and CLOUDFLARESECRETS_FUZZ_CASES for more cases per operation.
/// A failure lists the seed, the case number and the response (status, headers, body) so it can be replayed.
/// </remarks>
// Each case builds its own server, client and credential (so its own rate-limit gate): cases run side by side, their
// waits overlapping, and the suite takes the time of its slowest cases instead of their sum.
[Parallelizable(ParallelScope.All)]
public class RandomizedResponseTests
{
    private const int DefaultSeed = 20_260_814;
    private const string SeedVariable = "CLOUDFLARESECRETS_FUZZ_SEED";
    private const string CasesVariable = "CLOUDFLARESECRETS_FUZZ_CASES";

    /// <summary>500 per operation run in a few seconds; set CLOUDFLARESECRETS_FUZZ_CASES for a longer search.</summary>
    private static readonly int CasesPerOperation =
        int.TryParse(Environment.GetEnvironmentVariable(CasesVariable), NumberStyles.None, CultureInfo.InvariantCulture, out int cases)
            && cases > 0 ? cases : 500;

    /// <summary>One seed for the whole run, so every operation's cases come from the seed printed.</summary>
    private static readonly int RunSeed = Seed();

    private static IEnumerable<TestCaseData> Operations() =>
        Api.All.Select(o => new TestCaseData(o).SetName($"{o.Name}_RandomResponses_EndInSuccessOrTypedExceptions"));

    [TestCaseSource(nameof(Operations))]
    public async Task RandomResponses(ApiOperation operation)
    {
        int seed = RunSeed;
        int index = Api.All.ToList().IndexOf(operation);
        TestContext.Out.WriteLine($"seed {seed} ({SeedVariable}), {CasesPerOperation} cases of {operation.Name}");
        using var server = new ScriptedServer([Reply.Success(operation)]);
        using HttpClient http = server.CreateClient();
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();

        for (int i = 0; i < CasesPerOperation; i++)
        {
            var random = new Random(CaseSeed(seed, index, i));
            MutatedResponse response = ResponseMutator.Create(random, operation);
            server.Script(Reply.Content(response.Status, () => Content(response), $"case {i}", [.. response.Headers]));
            var client = new SecretsStoreClient(Options(response), http);

            Outcome outcome;
            try
            {
                outcome = new Outcome(await operation.Invoke(client, CancellationToken.None), null);
            }
            catch (Exception e)
            {
                outcome = new Outcome(null, e);
            }

            string kind = outcome.Exception?.GetType().Name ?? "success";
            outcomes[kind] = outcomes.GetValueOrDefault(kind) + 1;
            if (Judge(operation, response, outcome, server.Requests.Count) is { } problem)
            {
                failures.Add($"seed {seed}, case {i} of {operation.Name}: {problem}\n  response: {response}\n  outcome: {outcome}");
            }
        }

        TestContext.Out.WriteLine(
            $"{clock.ElapsedMilliseconds} ms; outcomes: "
            + string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}")));
        Assert.That(
            failures,
            Has.Count.Zero,
            () => $"{failures.Count} of {CasesPerOperation} cases failed (seed {seed}; set {SeedVariable}={seed} to replay):\n\n"
                + string.Join("\n\n", failures.Take(5)));
        Assert.That(
            outcomes.Keys,
            Has.Member("success").And.Count.GreaterThan(2),
            "the mutations reach both success and several failure kinds");
    }

    /// <summary>Returns what is wrong with an outcome, or <see langword="null"/>.</summary>
    private static string? Judge(ApiOperation operation, MutatedResponse response, Outcome outcome, int requests)
    {
        if (requests > 3)
        {
            return $"{requests} requests for one call with MaxAttempts 1 (paging ran away)";
        }

        if (outcome.Exception is null)
        {
            // Deletes accept any 2xx with a success envelope (Cloudflare's 200-vs-202 is not worth failing a delete for);
            // every other operation succeeds only on its documented status.
            bool acceptedDelete = operation.Method == HttpMethod.Delete && response.Status is >= 200 and < 300;
            if (response.Status != (int)operation.SuccessStatus && !acceptedDelete)
            {
                return $"succeeded on HTTP {response.Status}";
            }

            return CheckModels(outcome.Result);
        }

        for (Exception? e = outcome.Exception; e is not null; e = e.InnerException)
        {
            if (e.GetType().Namespace?.StartsWith("Newtonsoft", StringComparison.Ordinal) == true)
            {
                return $"a raw Newtonsoft exception escaped ({e.GetType().Name})";
            }
        }

        switch (outcome.Exception)
        {
            case CloudflareRateLimitException { StatusCode: HttpStatusCode.TooManyRequests }
                when outcome.Exception.Message.Contains("was not sent", StringComparison.Ordinal):
                return null; // The budget a header reported is spent: a later page is refused before sending.
            case CloudflareApiException api when (int)api.StatusCode != response.Status:
                return $"the exception reports HTTP {(int)api.StatusCode}, the response was {response.Status}";
            case CloudflareApiException api when api.Message.Length > 3000:
                return $"the message is {api.Message.Length:N0} characters long (it must not hold the body)";
            case CloudflareApiException:
            case HttpRequestException:
            case TimeoutException:
                return null;
            default:
                return $"{outcome.Exception.GetType().FullName} is not one of the library's exceptions";
        }
    }

    /// <summary>What the public models promise even for strange input: identity present, no null in a list.</summary>
    private static string? CheckModels(object? result) => result switch
    {
        Secret s when string.IsNullOrEmpty(s.Id) || string.IsNullOrEmpty(s.Name) || string.IsNullOrEmpty(s.StoreId)
            || s.Status is null || s.Scopes is null || s.Scopes.Any(x => x is null) =>
            $"an incomplete secret: {s}",
        SecretStore store when string.IsNullOrEmpty(store.Id) || store.Name is null => $"an incomplete store: {store}",
        System.Collections.IEnumerable items when result is not string =>
            items.Cast<object?>().Select(i => i is null ? "a null item" : CheckModels(i)).FirstOrDefault(p => p is not null),
        _ => null,
    };

    private static SecretsStoreClientOptions Options(MutatedResponse response)
    {
        var options = new SecretsStoreClientOptions
        {
            // A credential per case: the rate-limit state a header reports stays with its case.
            ApiToken = "fuzz-" + Guid.NewGuid().ToString("N"),
            AccountId = Api.Account,
            Retry =
            {
                MaxAttempts = 1,
                MaxRetryAfter = TimeSpan.Zero,
                AttemptTimeout = TimeSpan.FromSeconds(30),
            },
        };
        if (response.MaxResponseBytes is { } max)
        {
            options.MaxResponseBytes = max;
        }

        return options;
    }

    private static ByteArrayContent Content(MutatedResponse response)
    {
        var content = new ByteArrayContent(response.Body);
        if (!response.Headers.Any(h => string.Equals(h.Name, "Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            content.Headers.ContentType = new("application/json");
        }

        return content;
    }

    private static int Seed()
    {
        string? configured = Environment.GetEnvironmentVariable(SeedVariable);
        if (string.Equals(configured, "random", StringComparison.OrdinalIgnoreCase))
        {
            return Random.Shared.Next();
        }

        return int.TryParse(configured, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed) ? seed : DefaultSeed;
    }

    /// <summary>
    /// Each case its own generator, so one case replays without the others (string hash codes vary per process: not
    /// used).
    /// </summary>
    private static int CaseSeed(int seed, int operation, int index) => unchecked((seed * 1_000_003) + (operation * 10_007) + index);
}
