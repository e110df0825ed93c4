using CloudflareSecrets.Internal;
using Polly;

namespace CloudflareSecrets.Tests.Resilience;

/// <summary>
/// The retry pipeline itself, on a clock that runs every wait at once: it waits on the clock it is given, spreads its
/// waits with jitter (many clients retrying in step would hit the server together), and reports each retry with the
/// operation's name and the number of the attempt about to start.
/// </summary>
public class RetryPipelineTests
{
    private static readonly SecretsStoreRetryOptions Options = new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(30),
    };

    [Test]
    public async Task WaitsOnTheGivenClockWithJitterAndReportsEachRetry()
    {
        var clock = new ImmediateClock();
        var retries = new List<(string Operation, TimeSpan Delay, int Attempt)>();
        ResiliencePipeline pipeline = RetryPolicy.CreateRetry(
            Options,
            forWrites: false,
            (operation, delay, attempt) => retries.Add((operation, delay, attempt)),
            clock);

        int calls = await FailEveryAttemptAsync(pipeline, ResilienceContextPool.Shared.Get("GetSecret", CancellationToken.None));

        Assert.That(calls, Is.EqualTo(4));
        Assert.That(retries.Select(r => r.Operation), Is.EqualTo(new[] { "GetSecret", "GetSecret", "GetSecret" }));
        Assert.That(retries.Select(r => r.Attempt), Is.EqualTo(new[] { 2, 3, 4 }));
        Assert.That(
            clock.Waits,
            Is.EqualTo(retries.Select(r => r.Delay)).Within(TimeSpan.FromMilliseconds(1)),
            "every wait runs on the given clock (whole milliseconds)");
        Assert.That(retries.Select(r => r.Delay), Has.All.GreaterThan(TimeSpan.Zero).And.All.LessThanOrEqualTo(Options.MaxDelay));
        Assert.That(
            retries.Select(r => r.Delay),
            Is.Not.EqualTo(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4) }),
            "the plain exponential waits: no jitter");
    }

    [Test]
    public async Task ReportsAnEmptyOperationNameWhenTheContextHasNone()
    {
        var retries = new List<string>();
        ResiliencePipeline pipeline = RetryPolicy.CreateRetry(
            Options,
            forWrites: false,
            (operation, _, _) => retries.Add(operation),
            new ImmediateClock());

        await FailEveryAttemptAsync(pipeline, ResilienceContextPool.Shared.Get(CancellationToken.None));

        Assert.That(retries, Is.EqualTo(new[] { string.Empty, string.Empty, string.Empty }));
    }

    [Test]
    public async Task OneAttemptMeansNoRetries()
    {
        var retries = new List<string>();
        ResiliencePipeline pipeline = RetryPolicy.CreateRetry(
            new SecretsStoreRetryOptions { MaxAttempts = 1 },
            forWrites: false,
            (operation, _, _) => retries.Add(operation),
            new ImmediateClock());

        int calls = await FailEveryAttemptAsync(pipeline, ResilienceContextPool.Shared.Get("GetSecret", CancellationToken.None));

        Assert.That(calls, Is.EqualTo(1));
        Assert.That(retries, Is.Empty);
    }

    /// <summary>
    /// Runs <paramref name="pipeline"/> over a call whose every attempt times out (a failure reads repeat); returns the
    /// attempts made.
    /// </summary>
    private static async Task<int> FailEveryAttemptAsync(ResiliencePipeline pipeline, ResilienceContext context)
    {
        int calls = 0;
        try
        {
            await pipeline.ExecuteAsync(
                _ =>
                {
                    calls++;
                    throw new TimeoutException();
                },
                context);
        }
        catch (TimeoutException)
        {
            // Expected: the last attempt's failure comes out.
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        return calls;
    }

    /// <summary>Records each wait and ends it at once (timers fire immediately on the system's timer).</summary>
    private sealed class ImmediateClock : TimeProvider
    {
        private readonly List<TimeSpan> _waits = [];

        public IReadOnlyList<TimeSpan> Waits
        {
            get
            {
                lock (_waits)
                {
                    return [.. _waits];
                }
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (_waits)
            {
                _waits.Add(dueTime);
            }

            return base.CreateTimer(callback, state, TimeSpan.Zero, period);
        }
    }
}
