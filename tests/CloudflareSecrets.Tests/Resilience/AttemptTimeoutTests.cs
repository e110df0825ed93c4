using CloudflareSecrets.Internal;

namespace CloudflareSecrets.Tests.Resilience;

/// <summary>
/// The per-attempt clock (<see cref="SecretsStoreRetryOptions.AttemptTimeout"/>): none for an infinite or zero timeout,
/// the caller's cancellation passed through, and one token source reused from attempt to attempt on a thread without
/// one attempt's timeout or caller reaching another. Each test starts and stops its clocks on one thread, as an attempt does.
/// </summary>
public class AttemptTimeoutTests
{
    [TestCase(-1, TestName = "An infinite attempt timeout starts no clock")]
    [TestCase(0, TestName = "A zero attempt timeout starts no clock")]
    [TestCase(-5, TestName = "A negative attempt timeout starts no clock")]
    public void ATimeoutThatIsNoneStartsNoClock(int milliseconds)
    {
        using var caller = new CancellationTokenSource();
        TimeSpan timeout = milliseconds == -1 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(milliseconds);

        using (var attempt = AttemptTimeout.Start(timeout, caller.Token))
        {
            Assert.That(attempt.Token, Is.EqualTo(caller.Token), "the attempt runs under the caller's own token");
            Assert.That(attempt.Token.IsCancellationRequested, Is.False);
            Assert.That(attempt.HasElapsed, Is.False);
        }

        using (var attempt = AttemptTimeout.Start(timeout, CancellationToken.None))
        {
            Assert.That(attempt.Token.CanBeCanceled, Is.False, "nothing can cancel an attempt without a timeout or a caller's token");
        }
    }

    [Test]
    public void ATimeoutThatElapsesCancelsTheAttemptsTokenOnly()
    {
        using var caller = new CancellationTokenSource();
        using var attempt = AttemptTimeout.Start(TimeSpan.FromMilliseconds(1), caller.Token);

        Assert.That(
            attempt.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)),
            Is.True,
            "the attempt's token is cancelled when its timeout elapses");
        Assert.That(attempt.HasElapsed, Is.True);
        Assert.That(caller.IsCancellationRequested, Is.False, "the timeout never cancels the caller");
    }

    [Test]
    public void TheCallersCancellationCancelsTheAttempt()
    {
        using var caller = new CancellationTokenSource();
        using var attempt = AttemptTimeout.Start(TimeSpan.FromMinutes(5), caller.Token);
        Assert.That(attempt.Token.IsCancellationRequested, Is.False);

        caller.Cancel();

        Assert.That(attempt.Token.IsCancellationRequested, Is.True);
        Assert.That(attempt.HasElapsed, Is.True, "cancelled: the caller's token tells the two causes apart");
    }

    [Test]
    public void AnAttemptThatEndsInTimeHandsItsSourceToTheNextAttempt()
    {
        CancellationToken first;
        using (var attempt = AttemptTimeout.Start(TimeSpan.FromMinutes(5), CancellationToken.None))
        {
            first = attempt.Token;
        }

        using var next = AttemptTimeout.Start(TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.That(next.Token, Is.EqualTo(first), "the same source, reset");
        Assert.That(next.Token.IsCancellationRequested, Is.False);
    }

    [Test]
    public void TwoAttemptsUnderWayAtOnceHaveSourcesOfTheirOwn()
    {
        using (var spare = AttemptTimeout.Start(TimeSpan.FromMinutes(5), CancellationToken.None))
        {
            // Leaves a spare source on this thread.
        }

        using var caller = new CancellationTokenSource();
        using var first = AttemptTimeout.Start(TimeSpan.FromMinutes(5), caller.Token);
        using var second = AttemptTimeout.Start(TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.That(second.Token, Is.Not.EqualTo(first.Token));
        caller.Cancel();
        Assert.That(first.Token.IsCancellationRequested, Is.True);
        Assert.That(second.Token.IsCancellationRequested, Is.False, "one attempt's cancellation never reaches another");
    }

    [Test]
    public void AnElapsedAttemptsSourceIsNotReused()
    {
        CancellationToken elapsed;
        using (var attempt = AttemptTimeout.Start(TimeSpan.FromMilliseconds(1), CancellationToken.None))
        {
            Assert.That(attempt.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)), Is.True);
            elapsed = attempt.Token;
        }

        using var next = AttemptTimeout.Start(TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.That(
            () => elapsed.WaitHandle,
            Throws.TypeOf<ObjectDisposedException>(),
            "the elapsed attempt's source was disposed, not left to the garbage collector");
        Assert.That(next.Token, Is.Not.EqualTo(elapsed));
        Assert.That(next.Token.IsCancellationRequested, Is.False, "the next attempt starts with time left");
        Assert.That(next.HasElapsed, Is.False);
    }

    [Test]
    public void AFinishedAttemptsCallerCannotCancelTheNextAttempt()
    {
        using var earlierCaller = new CancellationTokenSource();
        using (var attempt = AttemptTimeout.Start(TimeSpan.FromMinutes(5), earlierCaller.Token))
        {
            // Ends in time: its source becomes the thread's spare.
        }

        using var next = AttemptTimeout.Start(TimeSpan.FromMinutes(5), CancellationToken.None);
        earlierCaller.Cancel();

        Assert.That(next.Token.IsCancellationRequested, Is.False, "the earlier attempt's link to its caller was removed when it ended");
    }

    [Test]
    public void StoppingAClockThatNeverStartedDoesNothing()
    {
        var attempt = AttemptTimeout.Start(Timeout.InfiniteTimeSpan, CancellationToken.None);

        Assert.DoesNotThrow(attempt.Dispose);
        Assert.DoesNotThrow(default(AttemptTimeout).Dispose);
    }
}
