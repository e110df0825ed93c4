namespace CloudflareSecrets.Tests.Facade.Support;

/// <summary>Options the client must refuse, and ones it must accept, shared by the constructor and the startup validation tests.</summary>
internal static class OptionsCases
{
    /// <summary>(settings on top of empty options, a fragment of the message that names the rule).</summary>
    public static IEnumerable<TestCaseData> Invalid()
    {
        yield return Case("no credentials", _ => { }, "No credentials: set ApiToken");
        yield return Case(
            "token and global key",
            o => { o.ApiToken = "t"; o.Email = "me@example.com"; o.ApiKey = "k"; },
            "Both an API token and an email/global API key are set");
        yield return Case(
            "token and email",
            o => { o.ApiToken = "t"; o.Email = "me@example.com"; },
            "Both an API token and an email/global API key are set");
        yield return Case("email without key", o => o.Email = "me@example.com", "Email is set without ApiKey");
        yield return Case("key without email", o => o.ApiKey = "k", "ApiKey is set without Email");
        yield return Case("token with white space", o => o.ApiToken = "abc def", "ApiToken contains white space");
        yield return Case(
            "http base URL, remote host",
            o => { o.ApiToken = "t"; o.BaseUrl = new Uri("http://api.cloudflare.com/client/v4/"); },
            "BaseUrl must use https unless its host is loopback");
        yield return Case(
            "ftp base URL",
            o => { o.ApiToken = "t"; o.BaseUrl = new Uri("ftp://api.cloudflare.com/client/v4/"); },
            "BaseUrl must be an absolute http(s) URL");
        yield return Case(
            "base URL with a query",
            o => { o.ApiToken = "t"; o.BaseUrl = new Uri("https://api.cloudflare.com/client/v4/?x=1"); },
            "BaseUrl must not have a query");
        yield return Case(
            "account id of 33 characters",
            o => { o.ApiToken = "t"; o.AccountId = new string('a', 33); },
            "AccountId must be 1 to 32 characters");
        yield return Case(
            "account id with a slash",
            o => { o.ApiToken = "t"; o.AccountId = "a/b"; },
            "AccountId must be 1 to 32 characters without '/'");
        yield return Case(
            "batch size 0",
            o => { o.ApiToken = "t"; o.CreateBatchSize = 0; },
            "CreateBatchSize must be from 1 to 100; it is 0");
        yield return Case(
            "batch size 101",
            o => { o.ApiToken = "t"; o.CreateBatchSize = 101; },
            "CreateBatchSize must be from 1 to 100; it is 101");
    }

    /// <summary>Base URLs of a local emulator: plain http is fine on loopback.</summary>
    public static IEnumerable<TestCaseData> LoopbackBaseUrls()
    {
        yield return new TestCaseData("http://127.0.0.1:8787/client/v4/").SetArgDisplayNames("127.0.0.1");
        yield return new TestCaseData("http://localhost:8787/client/v4/").SetArgDisplayNames("localhost");
        yield return new TestCaseData("http://[::1]:8787/client/v4/").SetArgDisplayNames("::1");
    }

    private static TestCaseData Case(string name, Action<SecretsStoreClientOptions> configure, string rule) =>
        new TestCaseData(configure, rule).SetArgDisplayNames(name);
}
