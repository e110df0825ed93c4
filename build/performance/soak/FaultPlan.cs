using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Soak;

/// <summary>The kinds of fault the soak injects, each as likely as the others.</summary>
internal enum FaultKind
{
    ServerError,
    RateLimited,
    Stall,
    Dropped,
    ServerErrorAfterActing,
    DroppedAfterActing,
}

/// <summary>
/// Chooses, for one caller's next call, whether its first request meets a fault and which. A rule matches only the
/// caller's own account, so concurrent callers never take each other's faults.
/// </summary>
internal sealed class FaultPlan(double rate, int seed, TimeSpan stall)
{
    private readonly Random random = new(seed);

    public static readonly FaultKind[] Kinds = Enum.GetValues<FaultKind>();

    public FaultKind? Next() => random.NextDouble() < rate ? Kinds[random.Next(Kinds.Length)] : null;

    public int NextInt(int max) => random.Next(max);

    public FaultRule Rule(FaultKind kind, string accountId)
    {
        string path = $"/accounts/{accountId}/";
        return kind switch
        {
            FaultKind.ServerError => new FaultRule { PathPattern = path, Status = 503 },
            FaultKind.RateLimited => Limited(path),
            // Longer than the client's attempt timeout: the attempt times out, and the request is then handled anyway.
            FaultKind.Stall => new FaultRule { PathPattern = path, Delay = stall },
            // Count 2: SocketsHttpHandler silently resends once when a pooled connection drops before any byte.
            FaultKind.Dropped => new FaultRule { PathPattern = path, AbortConnection = true, Count = 2 },
            FaultKind.ServerErrorAfterActing => new FaultRule { PathPattern = path, AfterProcessing = true, Status = 502 },
            FaultKind.DroppedAfterActing => new FaultRule { PathPattern = path, AfterProcessing = true, AbortConnection = true },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static FaultRule Limited(string path)
    {
        var rule = new FaultRule { PathPattern = path, Status = 429, ErrorCode = EmulatorErrorCodes.RateLimited };
        rule.Headers["Retry-After"] = "1";
        return rule;
    }
}
