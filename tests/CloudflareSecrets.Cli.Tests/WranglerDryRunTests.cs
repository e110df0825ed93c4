using System.Text.RegularExpressions;
using CloudflareSecrets.Cli.Tests.Support;

namespace CloudflareSecrets.Cli.Tests;

/// <summary>
/// The real client judges what <c>bindings --update</c> writes: wrangler 4.80.0 (pinned in tests/wrangler) reads the
/// updated configuration in <c>wrangler deploy --dry-run</c>, which needs no account, and lists every binding as a
/// "Secrets Store Secret".
/// </summary>
public sealed partial class WranglerDryRunTests : CliEmulatorTests
{
    private string _dir = "";

    [SetUp]
    public void NewWorker()
    {
        WranglerProcess.RequireInstalled();
        _dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "worker-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_dir, "src"));
        File.WriteAllText(
            Path.Combine(_dir, "src", "index.js"),
            "export default { async fetch(request, env) { return new Response(\"ok\"); } };\n");
    }

    [TearDown]
    public void DeleteWorker()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [TestCase("wrangler.jsonc", null)]
    [TestCase("wrangler.jsonc", "staging")]
    [TestCase("wrangler.jsonc", "production")]
    [TestCase("wrangler.toml", null)]
    [TestCase("wrangler.toml", "staging")]
    [TestCase("wrangler.toml", "production")]
    public async Task WranglerListsEveryBindingTheUpdateWrote(string name, string? env)
    {
        SecretStore store = await NewStoreAsync();
        await NewSecretAsync(store, "DB_PASSWORD", Sentinel);
        await NewSecretAsync(store, "webhook-key", Sentinel);
        await NewSecretAsync(store, "apiToken", Sentinel);
        string config = Path.Combine(_dir, name);
        File.Copy(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "Wrangler", name), config);

        string[] envArgs = env is null ? [] : ["--env", env];
        CliResult update = await RunAsync(["bindings", "--update", config, "--binding-name-rule", "upper-snake", .. envArgs]);
        Assert.That(update.ExitCode, Is.EqualTo(0), update.ToString());

        CliResult deploy = await WranglerProcess.RunAsync(
            _dir, ["deploy", "--dry-run", "--outdir", Path.Combine(_dir, "dist"), "--env", env ?? ""]);

        Assert.That(deploy.ExitCode, Is.EqualTo(0), deploy.ToString());
        string[] listed =
        [
            .. SecretsStoreLine().Matches(deploy.Stdout)
                .Select(m => $"{m.Groups["binding"].Value} {m.Groups["store"].Value}/{m.Groups["secret"].Value}"),
        ];
        Assert.That(listed, Is.EquivalentTo(new[]
        {
            $"API_TOKEN {store.Id}/apiToken",
            $"DB_PASSWORD {store.Id}/DB_PASSWORD",
            $"WEBHOOK_KEY {store.Id}/webhook-key",
        }), deploy.Stdout);
        Assert.That(update.AllOutput + deploy.AllOutput + File.ReadAllText(config), Does.Not.Contain(Sentinel));
    }

    // wrangler 4.80.0's dry-run table: "env.BINDING (STORE_ID/SECRET_NAME)   Secrets Store Secret".
    [GeneratedRegex(@"env\.(?<binding>\S+) \((?<store>[0-9a-f]{32})/(?<secret>[^)]+)\)\s+Secrets Store Secret")]
    private static partial Regex SecretsStoreLine();
}
