using CloudflareSecrets.Cli.Hosting;
using CloudflareSecrets.Cli.Values;

namespace CloudflareSecrets.Cli.Tests;

/// <summary>
/// The tool states no rule of its own: names, values and scopes are checked by the library's
/// <see cref="SecretsStoreRules"/>, settings are read by <see cref="SecretsStoreClientOptions.FromEnvironment(Func{string, string?})"/>
/// from the tool's environment, and a settings problem is classified by its property, never by its words.
/// </summary>
public sealed class LibraryRulesTests
{
    private const string Sentinel = "SENTINEL-cli-rules-41d9";

    private static readonly string[] Names = ["API_KEY", "", "MY KEY", "MY\u0007", "NBSP\u00a0", "Ünïcödé"];

    private static readonly string[] Values =
    [
        "v",
        "",
        Sentinel + "\0",
        new string('x', SecretsStoreLimits.MaxValueBytes),
        Sentinel + new string('x', SecretsStoreLimits.MaxValueBytes),
    ];

    private static readonly string[] Scopes = [SecretScopes.Workers, "future_service", "", "a,b", "ai gateway", "w\u0001"];

    [TestCaseSource(nameof(Names))]
    public void TheNameRuleIsTheLibrarys(string name) =>
        AssertSameRule(SecretsStoreRules.CheckSecretName(name), () => InputRules.Name(name, "NAME"), "NAME");

    [TestCaseSource(nameof(Values))]
    public void TheValueRuleIsTheLibrarys(string value)
    {
        AssertSameRule(SecretsStoreRules.CheckSecretValue(value), () => InputRules.Value(value, "The value for K"), "The value for K");
        Assert.That(SecretsStoreRules.CheckSecretValue(value) ?? string.Empty, Does.Not.Contain(Sentinel));
    }

    [TestCaseSource(nameof(Scopes))]
    public void TheScopeRuleIsTheLibrarys(string scope) =>
        AssertSameRule(SecretsStoreRules.CheckScope(scope), () => InputRules.Scope(scope, "--scopes"), "--scopes");

    [Test]
    public async Task SettingsAreReadThroughTheToolsEnvironmentWithWranglersBaseUrlName()
    {
        var asked = new List<string>();
        var variables = new Dictionary<string, string>
        {
            ["CLOUDFLARE_API_TOKEN"] = " a-token ",
            ["CLOUDFLARE_ACCOUNT_ID"] = "0123456789abcdef0123456789abcdef",
            ["CLOUDFLARE_API_BASE_URL"] = "http://127.0.0.1:8787/client/v4",
        };
        CliHost host = Host(name =>
        {
            asked.Add(name);
            return variables.GetValueOrDefault(name);
        });

        ClientSettings settings = await ClientSettings.ResolveAsync(host, null, null, null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(settings.ApiToken, Is.EqualTo("a-token"));
            Assert.That(settings.AccountId, Is.EqualTo("0123456789abcdef0123456789abcdef"));
            Assert.That(settings.BaseUrl, Is.EqualTo(new Uri("http://127.0.0.1:8787/client/v4")));
            Assert.That(asked, Does.Contain("CLOUDFLARE_BASE_URL").And.Contain("CLOUDFLARE_API_BASE_URL"));
            Assert.That(asked, Is.SubsetOf(new[]
            {
                "CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_KEY", "CLOUDFLARE_EMAIL", "CLOUDFLARE_ACCOUNT_ID", "CLOUDFLARE_BASE_URL",
                "CLOUDFLARE_API_BASE_URL",
            }));
        });
    }

    [Test]
    public async Task TheFlagsWinOverTheEnvironment()
    {
        CliHost host = Host(name => name switch
        {
            "CLOUDFLARE_API_TOKEN" => "a-token",
            "CLOUDFLARE_ACCOUNT_ID" => "from-the-environment",
            "CLOUDFLARE_BASE_URL" => "http://127.0.0.1:1/client/v4/",
            _ => null,
        });

        ClientSettings settings = await ClientSettings.ResolveAsync(
            host, "from-the-flag", "http://127.0.0.1:2/client/v4/", null, CancellationToken.None);

        Assert.That(settings.AccountId, Is.EqualTo("from-the-flag"));
        Assert.That(settings.BaseUrl.Port, Is.EqualTo(2));
    }

    public static IEnumerable<TestCaseData> Problems()
    {
        yield return Case("a token with a space", o => o.ApiToken = "a b", ExitCodes.Authentication);
        yield return Case("an email without its key", o => { o.ApiToken = null; o.Email = "me@example.com"; }, ExitCodes.Authentication);
        yield return Case("a key without its email", o => { o.ApiToken = null; o.ApiKey = "k"; }, ExitCodes.Authentication);
        yield return Case("plain http off loopback", o => o.BaseUrl = new Uri("http://api.example.com/client/v4/"), ExitCodes.Usage);
        yield return Case("an account id with a slash", o => o.AccountId = "a/b", ExitCodes.Usage);
        yield return Case(
            "a batch size past the limit", o => o.CreateBatchSize = SecretsStoreLimits.MaxSecretsPerCreate + 1, ExitCodes.Usage);
    }

    [TestCaseSource(nameof(Problems))]
    public void AProblemIsClassifiedByItsProperty(Action<SecretsStoreClientOptions> configure, int exitCode)
    {
        var options = new SecretsStoreClientOptions { ApiToken = "a-token", AccountId = "0123456789abcdef0123456789abcdef" };
        configure(options);
        SecretsStoreOptionsProblem problem = options.GetProblems().Single();

        Assert.That(() => ClientSettings.Check(options), Throws.TypeOf<CliException>()
            .With.Property(nameof(CliException.ExitCode)).EqualTo(exitCode)
            .And.Message.EqualTo(problem.Message));
    }

    private static void AssertSameRule(string? problem, Func<string> check, string where)
    {
        if (problem is null)
        {
            Assert.That(check, Throws.Nothing);
        }
        else
        {
            Assert.That(check, Throws.TypeOf<CliException>().With.Message.EqualTo($"{where}: {problem}"));
        }
    }

    private static CliHost Host(Func<string, string?> environment) => new()
    {
        Input = TextReader.Null,
        Output = TextWriter.Null,
        Error = TextWriter.Null,
        Environment = environment,
    };

    private static TestCaseData Case(string name, Action<SecretsStoreClientOptions> configure, int exitCode) =>
        new TestCaseData(configure, exitCode).SetArgDisplayNames(name);
}
