using System.Collections.Concurrent;

namespace CloudflareSecrets.ContractTests.Support;

/// <summary>Every exchange of the facade contract cases, with the credential kind it used, for the closing summary.</summary>
internal static class ContractLedger
{
    private static readonly ConcurrentQueue<(AuthScheme Auth, Exchange Exchange)> s_exchanges = new();
    private static int s_casesStarted;

    public static int CasesStarted => Volatile.Read(ref s_casesStarted);

    public static IReadOnlyList<(AuthScheme Auth, Exchange Exchange)> Exchanges => s_exchanges.ToArray();

    public static void CaseStarted() => Interlocked.Increment(ref s_casesStarted);

    public static void Record(AuthScheme auth, IEnumerable<Exchange> exchanges)
    {
        foreach (Exchange exchange in exchanges)
        {
            s_exchanges.Enqueue((auth, exchange));
        }
    }
}
