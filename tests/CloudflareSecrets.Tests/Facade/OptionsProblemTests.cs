namespace CloudflareSecrets.Tests.Facade;

/// <summary>
/// <see cref="SecretsStoreClientOptions.GetProblems"/> names the setting of each problem, so a tool words problems its
/// own way by the property, never by the message; and <see cref="SecretsStoreClientOptions.FromEnvironment(Func{string, string?})"/>
/// reads every variable through the function it is given.
/// </summary>
public class OptionsProblemTests
{
    public static IEnumerable<TestCaseData> Problems()
    {
        yield return Case("no credentials", _ => { }, "ApiToken");
        yield return Case("token and global key", o => { o.ApiToken = "t"; o.Email = "me@example.com"; o.ApiKey = "k"; }, "ApiToken");
        yield return Case("email without key", o => o.Email = "me@example.com", "ApiKey");
        yield return Case("key without email", o => o.ApiKey = "k", "Email");
        yield return Case("token with white space", o => o.ApiToken = "abc def", "ApiToken");
        yield return Case("email over the length limit", o => { o.Email = new string('e', 1025); o.ApiKey = "k"; }, "Email");
        yield return Case("key with a control character", o => { o.Email = "me@example.com"; o.ApiKey = "k\u0001"; }, "ApiKey");
        yield return Case(
            "http base URL, remote host",
            o => { o.ApiToken = "t"; o.BaseUrl = new Uri("http://api.cloudflare.com/client/v4/"); },
            "BaseUrl");
        yield return Case("account id with a slash", o => { o.ApiToken = "t"; o.AccountId = "a/b"; }, "AccountId");
        yield return Case(
            "batch size past the per-create limit",
            o => { o.ApiToken = "t"; o.CreateBatchSize = SecretsStoreLimits.MaxSecretsPerCreate + 1; },
            "CreateBatchSize");
        yield return Case("response limit under 1 KiB", o => { o.ApiToken = "t"; o.MaxResponseBytes = 1023; }, "MaxResponseBytes");
        yield return Case("no retry options", o => { o.ApiToken = "t"; o.Retry = null!; }, "Retry");
        yield return Case("eleven attempts", o => { o.ApiToken = "t"; o.Retry.MaxAttempts = 11; }, "Retry.MaxAttempts");
        yield return Case(
            "a zero attempt timeout",
            o => { o.ApiToken = "t"; o.Retry.AttemptTimeout = TimeSpan.Zero; },
            "Retry.AttemptTimeout");
        yield return Case("a negative budget", o => { o.ApiToken = "t"; o.RateLimit.RequestBudget = -1; }, "RateLimit.RequestBudget");
        yield return Case(
            "a budget window of two hours",
            o => { o.ApiToken = "t"; o.RateLimit.BudgetWindow = TimeSpan.FromHours(2); },
            "RateLimit.BudgetWindow");
    }

    [TestCaseSource(nameof(Problems))]
    public void EachProblemNamesTheSettingItIsAbout(Action<SecretsStoreClientOptions> configure, string property)
    {
        var options = new SecretsStoreClientOptions();
        configure(options);

        IReadOnlyList<SecretsStoreOptionsProblem> problems = options.GetProblems();

        Assert.That(problems.Select(p => p.Property), Is.EqualTo(new[] { property }));
        Assert.That(problems[0].ToString(), Is.EqualTo(problems[0].Message));
    }

    [Test]
    public void ValidOptionsHaveNoProblems()
    {
        var options = new SecretsStoreClientOptions { ApiToken = "t", CreateBatchSize = SecretsStoreLimits.MaxSecretsPerCreate };

        Assert.That(options.GetProblems(), Is.Empty);
    }

    [Test]
    public void AProblemNeverShowsTheCredential()
    {
        const string Sentinel = "SENTINEL-credential-7f3a";
        var options = new SecretsStoreClientOptions { ApiToken = Sentinel + " x", Email = Sentinel, ApiKey = Sentinel + "\n" };

        Assert.That(options.GetProblems().Select(p => p.Message + p.Property), Has.None.Contains(Sentinel));
    }

    [Test]
    public void TheEnvironmentIsReadThroughTheGivenFunction()
    {
        var asked = new List<string>();
        var variables = new Dictionary<string, string>
        {
            ["CLOUDFLARE_API_TOKEN"] = " token-from-the-function ",
            ["CLOUDFLARE_ACCOUNT_ID"] = "0123456789abcdef0123456789abcdef",
            ["CLOUDFLARE_BASE_URL"] = "http://127.0.0.1:8787/client/v4/",
            ["CLOUDFLARE_EMAIL"] = "   ",
        };

        var options = SecretsStoreClientOptions.FromEnvironment(name =>
        {
            asked.Add(name);
            return variables.GetValueOrDefault(name);
        });

        Assert.Multiple(() =>
        {
            Assert.That(
                asked,
                Is.EquivalentTo(new[]
                {
                    "CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_KEY", "CLOUDFLARE_EMAIL", "CLOUDFLARE_ACCOUNT_ID", "CLOUDFLARE_BASE_URL",
                }));
            Assert.That(options.ApiToken, Is.EqualTo("token-from-the-function"), "trimmed");
            Assert.That(options.Email, Is.Null, "white space counts as unset");
            Assert.That(options.ApiKey, Is.Null);
            Assert.That(options.AccountId, Is.EqualTo("0123456789abcdef0123456789abcdef"));
            Assert.That(options.BaseUrl, Is.EqualTo(new Uri("http://127.0.0.1:8787/client/v4/")));
            Assert.That(options.GetProblems(), Is.Empty);
        });
    }

    [Test]
    public void AnUnreadableBaseUrlFromTheFunctionIsAProblemOfBaseUrl()
    {
        var options = SecretsStoreClientOptions.FromEnvironment(name => name switch
        {
            "CLOUDFLARE_API_TOKEN" => "t",
            "CLOUDFLARE_BASE_URL" => "not a url",
            _ => null,
        });

        Assert.That(options.GetProblems().Select(p => p.Property), Is.EqualTo(new[] { "BaseUrl" }));
    }

    [Test]
    public void TheFunctionIsRequired() =>
        Assert.That(
            () => SecretsStoreClientOptions.FromEnvironment(null!),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("read"));

    private static TestCaseData Case(string name, Action<SecretsStoreClientOptions> configure, string property) =>
        new TestCaseData(configure, property).SetArgDisplayNames(name);
}
