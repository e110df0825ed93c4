namespace CloudflareSecrets.Benchmarks.Support;

/// <summary>What the benchmark commands (peer, warmup, interleaved) share: their <c>--name value</c> options and medians.</summary>
internal static class CommandArgs
{
    /// <summary>Reads <c>--name value</c> pairs; anything else is an error that names the argument.</summary>
    public static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            options[args[i][2..]] = args[++i];
        }

        return options;
    }

    /// <summary>The median (NaN for no values).</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
