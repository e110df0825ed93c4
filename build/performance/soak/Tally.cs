using System.Collections.Concurrent;

namespace CloudflareSecrets.Soak;

/// <summary>What the callers saw, summed over all of them.</summary>
internal sealed class Tally
{
    private int calls, succeeded, failedUnderFault, wrongOutcomes, duplicateWrites, reconciliations;

    public ConcurrentDictionary<FaultKind, int> Injected { get; } = new();

    public ConcurrentQueue<string> Problems { get; } = new();

    public int Calls => calls;

    public int Succeeded => succeeded;

    public int FailedUnderFault => failedUnderFault;

    public int WrongOutcomes => wrongOutcomes;

    public int DuplicateWrites => duplicateWrites;

    public int Reconciliations => reconciliations;

    public void Call() => Interlocked.Increment(ref calls);

    public void Success() => Interlocked.Increment(ref succeeded);

    public void FailureUnderFault() => Interlocked.Increment(ref failedUnderFault);

    public void Reconciliation() => Interlocked.Increment(ref reconciliations);

    public void Fault(FaultKind kind) => Injected.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public void Wrong(string what)
    {
        Interlocked.Increment(ref wrongOutcomes);
        Keep(what);
    }

    public void Duplicate(string what)
    {
        Interlocked.Increment(ref duplicateWrites);
        Keep(what);
    }

    private void Keep(string what)
    {
        if (Problems.Count < 50)
        {
            Problems.Enqueue(what);
        }
    }
}
