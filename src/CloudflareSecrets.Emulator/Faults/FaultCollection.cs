namespace CloudflareSecrets.Emulator;

/// <summary>
/// The emulator's pending faults. Rules are tried in the order they were added; the first that matches a request
/// answers it and uses up one of its <see cref="FaultRule.Count"/>. Thread-safe.
/// </summary>
public sealed class FaultCollection
{
    private readonly Lock gate = new();
    private readonly List<Entry> entries = [];

    internal FaultCollection()
    {
    }

    /// <summary>The number of rules that still have requests left to answer.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>Adds a rule after the existing ones.</summary>
    /// <param name="rule">The fault to inject.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The rule is inconsistent (count below 1, negative delay, status outside 100-599, custom body missing).
    /// </exception>
    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        lock (gate)
        {
            entries.Add(new Entry(rule, rule.Count));
        }
    }

    /// <summary>Removes every rule, including those with requests left.</summary>
    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }

    internal FaultRule? TryTake(string method, string path)
    {
        lock (gate)
        {
            for (int i = 0; i < entries.Count; i++)
            {
                Entry entry = entries[i];
                if (!entry.Rule.Matches(method, path))
                {
                    continue;
                }

                if (--entry.Remaining == 0)
                {
                    entries.RemoveAt(i);
                }

                return entry.Rule;
            }

            return null;
        }
    }

    private sealed class Entry(FaultRule rule, int remaining)
    {
        public FaultRule Rule { get; } = rule;

        public int Remaining { get; set; } = remaining;
    }
}
