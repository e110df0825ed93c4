
namespace CloudflareSecrets.ContractTests;

/// <summary>
/// Starts one Prism for every contract test and stops it at the end. Where Prism cannot be installed or started, the
/// tests are ignored with the reason, except on CI (<c>CI=true</c>), where that fails the run: CI must judge the contract.
/// </summary>
[SetUpFixture]
public sealed class PrismFixture
{
    private static PrismServer? s_server;

    /// <summary>The base URL to give the client: Prism's root.</summary>
    internal static Uri BaseUrl =>
        (s_server ?? throw new InvalidOperationException("Prism is not running: the PrismFixture set-up has not run.")).BaseUrl;

    /// <summary>Prism's recent request log, for failure messages.</summary>
    internal static string RecentPrismOutput() => s_server?.RecentOutput() ?? string.Empty;

    [OneTimeSetUp]
    public async Task StartPrismAsync()
    {
        s_server = await PrismAvailability.StartOrStopAsync(
            "The contract tests", () => PrismServer.StartAsync(TestContext.Progress, CancellationToken.None));
    }

    [OneTimeTearDown]
    public void StopPrism()
    {
        s_server?.Dispose();
        s_server = null;
    }
}
