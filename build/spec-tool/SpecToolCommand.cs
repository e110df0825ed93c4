namespace CloudflareSecrets.SpecTool;

/// <summary>The command line of the spec tool.</summary>
public static class SpecToolCommand
{
    private static readonly string Usage =
        "usage: CloudflareSecrets.SpecTool --input <document.json[.gz]> [--overlay spec/overlay.json] " +
        "[--output spec/secrets-store.openapi.json] [--source spec/source.json] [--date YYYY-MM-DD]\n" +
        "   or: " + Diff.DiffCommand.Usage["usage: ".Length..];

    /// <summary>Runs the tool; returns 0 on success, 2 on bad input (after printing why). Nothing is written on failure.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["diff", .. var rest])
        {
            return Diff.DiffCommand.Run(rest, stdout, stderr);
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--overlay"] = Path.Combine("spec", "overlay.json"),
            ["--output"] = Path.Combine("spec", "secrets-store.openapi.json"),
            ["--source"] = Path.Combine("spec", "source.json"),
        };
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                stdout.WriteLine(Usage);
                return 0;
            }

            if (args[i] is not ("--input" or "--overlay" or "--output" or "--source" or "--date") || i + 1 >= args.Length)
            {
                stderr.WriteLine($"error: unexpected argument '{args[i]}'.");
                stderr.WriteLine(Usage);
                return 2;
            }

            options[args[i]] = args[++i];
        }

        if (!options.TryGetValue("--input", out string? input))
        {
            stderr.WriteLine("error: --input is required.");
            stderr.WriteLine(Usage);
            return 2;
        }

        try
        {
            ExtractionResult result = SpecExtractor.Extract(input, options["--overlay"], options.GetValueOrDefault("--date"));
            string spec = JsonFiles.ToCanonicalString(result.Document);
            string source = JsonFiles.ToCanonicalString(result.Source);
            JsonFiles.WriteAllAtomically([(options["--output"], spec), (options["--source"], source)]);
            stdout.WriteLine(
                $"wrote {options["--output"]}: {result.OperationCount} operations, {result.ComponentCount} components " +
                $"(from {Path.GetFileName(input)}).");
            return 0;
        }
        catch (SpecToolException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
