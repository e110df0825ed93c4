namespace CloudflareSecrets.Testing;

/// <summary>
/// What a suite does where Prism cannot be installed or started: it is ignored with the reason, except on CI
/// (<c>CI=true</c>), where that fails the run, because CI must judge what the suite checks.
/// </summary>
public static class PrismAvailability
{
    /// <summary>Starts Prism with <paramref name="start"/>, or ends the calling set-up by failing (CI) or ignoring (elsewhere).</summary>
    /// <param name="suite">The suite's name for the messages, such as "The contract tests".</param>
    /// <param name="start">Starts Prism.</param>
    public static async Task<PrismServer> StartOrStopAsync(string suite, Func<Task<PrismServer>> start)
    {
        try
        {
            return await start().ConfigureAwait(false);
        }
        catch (PrismUnavailableException e)
        {
            ChildProcess.Unavailable(
                onCi: $"{suite} need Prism, and CI=true: {e.Message}",
                elsewhere: $"{suite} not run: {e.Message} "
                    + "(Node.js 20+ and 'npm ci' in tests/contract make them run; with CI=true this fails instead.)");
            throw; // Assert.Fail or Assert.Ignore has thrown already.
        }
    }
}
