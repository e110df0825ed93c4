namespace CloudflareSecrets.SpecTool.Diff;

/// <summary>The <c>diff</c> command: what changed between two documents, for a client, on stdout.</summary>
public static class DiffCommand
{
    public const string Usage =
        "usage: CloudflareSecrets.SpecTool diff --from <old.json[.gz]> --to <new.json[.gz]> " +
        "[--format markdown|json|summary] [--output <file>]";

    /// <summary>
    /// Returns 0 when the documents were compared (whatever changed), 2 on bad input. Data goes to stdout or --output,
    /// messages to stderr.
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal) { ["--format"] = "markdown" };
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                stdout.WriteLine(Usage);
                return 0;
            }

            if (args[i] is not ("--from" or "--to" or "--format" or "--output") || i + 1 >= args.Length)
            {
                return Fail(stderr, $"unexpected argument '{args[i]}'.");
            }

            options[args[i]] = args[++i];
        }

        if (!options.TryGetValue("--from", out string? from) || !options.TryGetValue("--to", out string? to))
        {
            return Fail(stderr, "--from and --to are required.");
        }

        Func<ApiDiffResult, string>? format = options["--format"] switch
        {
            "markdown" => DiffReport.Markdown,
            "json" => DiffReport.Json,
            "summary" => d => DiffReport.Summary(d) + "\n",
            _ => null,
        };
        if (format is null)
        {
            return Fail(stderr, $"--format must be markdown, json or summary (got '{options["--format"]}').");
        }

        try
        {
            string text = format(ApiDiff.Compare(from, to));
            if (options.TryGetValue("--output", out string? output))
            {
                JsonFiles.WriteAllAtomically([(output, text)]);
            }
            else
            {
                stdout.Write(text);
            }

            return 0;
        }
        catch (Exception e) when (e is SpecToolException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        stderr.WriteLine(Usage);
        return 2;
    }
}
