using System.Diagnostics;

namespace CloudflareSecrets.Testing;

/// <summary>What a child process wrote and how it ended.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Stdout">Everything it wrote to standard output.</param>
/// <param name="Stderr">Everything it wrote to standard error.</param>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs a child process to its end, bounded in time: on time-out its whole process tree is killed.</summary>
public static class ChildProcess
{
    /// <summary>
    /// Starts <paramref name="start"/> (its output redirected here), writes <paramref name="stdin"/> when given and closes
    /// standard input, and waits up to <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="OperationCanceledException">The process did not end in time (it has been killed).</exception>
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, string? stdin, TimeSpan timeout)
    {
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
        }

        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ProcessResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>
    /// Where a tool a suite needs is missing: fails the test on CI (<c>CI=true</c>), where the suite must run, and
    /// ignores it elsewhere with the reason.
    /// </summary>
    /// <param name="onCi">The failure message on CI.</param>
    /// <param name="elsewhere">The reason the test is ignored elsewhere.</param>
    public static void Unavailable(string onCi, string elsewhere)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(onCi);
        }

        Assert.Ignore(elsewhere);
    }
}
