namespace CloudflareSecrets.Tests.Facade;

/// <summary>
/// <see cref="SecretsStoreClientOptions.GetProblems"/> rule by rule: each limit accepted at its edge and refused one step
/// past it, with the exact message (the constructor and the startup validation show these texts).
/// </summary>
public class OptionsValidationTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    public static IEnumerable<TestCaseData> AcceptedEdges()
    {
        yield return Case("defaults", _ => { });
        yield return Case("one attempt", o => o.Retry.MaxAttempts = 1);
        yield return Case("ten attempts", o => o.Retry.MaxAttempts = 10);
        yield return Case("an attempt timeout of one tick", o => o.Retry.AttemptTimeout = Tick);
        yield return Case("an attempt timeout of one hour", o => o.Retry.AttemptTimeout = Hour);
        yield return Case("no Retry-After accepted", o => o.Retry.MaxRetryAfter = TimeSpan.Zero);
        yield return Case("a Retry-After of up to one hour", o => o.Retry.MaxRetryAfter = Hour);
        yield return Case("a base delay of one tick", o => o.Retry.BaseDelay = Tick);
        yield return Case(
            "the longest delay equal to the base delay",
            o => { o.Retry.BaseDelay = TimeSpan.FromSeconds(5); o.Retry.MaxDelay = TimeSpan.FromSeconds(5); });
        yield return Case("the longest delay one hour", o => o.Retry.MaxDelay = Hour);
        yield return Case("no request budget", o => o.RateLimit.RequestBudget = 0);
        yield return Case("a budget of one request", o => o.RateLimit.RequestBudget = 1);
        yield return Case("a budget window of one second", o => o.RateLimit.BudgetWindow = TimeSpan.FromSeconds(1));
        yield return Case("a budget window of one hour", o => o.RateLimit.BudgetWindow = Hour);
        yield return Case("a batch of one", o => o.CreateBatchSize = 1);
        yield return Case("a batch of 100", o => o.CreateBatchSize = 100);
        yield return Case("a 1 KiB response limit", o => o.MaxResponseBytes = 1024);
        yield return Case(
            "a token with every printable ASCII character",
            o => o.ApiToken = new string(Enumerable.Range(33, 94).Select(c => (char)c).ToArray()));
        yield return Case("an email and global key", o => { o.ApiToken = null; o.Email = "me@example.com"; o.ApiKey = "k"; });
        yield return Case("empty strings for the global key kind", o => { o.Email = ""; o.ApiKey = ""; });
        yield return Case("https on a loopback host", o => o.BaseUrl = new Uri("https://127.0.0.1:8443/client/v4/"));
        yield return Case("http on another loopback address", o => o.BaseUrl = new Uri("http://127.0.0.2:8787/client/v4/"));
        yield return Case("an account id of 32 characters", o => o.AccountId = new string('a', 32));
    }

    public static IEnumerable<TestCaseData> RefusedEdges()
    {
        yield return Case("no attempt", o => o.Retry.MaxAttempts = 0, "Retry.MaxAttempts must be from 1 to 10; it is 0.");
        yield return Case("eleven attempts", o => o.Retry.MaxAttempts = 11, "Retry.MaxAttempts must be from 1 to 10; it is 11.");
        yield return Case(
            "an attempt timeout of zero",
            o => o.Retry.AttemptTimeout = TimeSpan.Zero,
            "Retry.AttemptTimeout must be more than zero and at most one hour; it is 00:00:00.");
        yield return Case(
            "a negative attempt timeout",
            o => o.Retry.AttemptTimeout = -Tick,
            "Retry.AttemptTimeout must be more than zero and at most one hour; it is -00:00:00.0000001.");
        yield return Case(
            "an attempt timeout past one hour",
            o => o.Retry.AttemptTimeout = Hour + Tick,
            "Retry.AttemptTimeout must be more than zero and at most one hour; it is 01:00:00.0000001.");
        yield return Case(
            "an infinite attempt timeout",
            o => o.Retry.AttemptTimeout = Timeout.InfiniteTimeSpan,
            "Retry.AttemptTimeout must be more than zero and at most one hour; it is -00:00:00.0010000.");
        yield return Case(
            "a negative Retry-After ceiling",
            o => o.Retry.MaxRetryAfter = -Tick,
            "Retry.MaxRetryAfter must be from zero to one hour; it is -00:00:00.0000001.");
        yield return Case(
            "a Retry-After ceiling past one hour",
            o => o.Retry.MaxRetryAfter = Hour + Tick,
            "Retry.MaxRetryAfter must be from zero to one hour; it is 01:00:00.0000001.");
        yield return Case(
            "a base delay of zero",
            o => o.Retry.BaseDelay = TimeSpan.Zero,
            "Retry.BaseDelay must be more than zero and Retry.MaxDelay at least BaseDelay and at most one hour; "
            + "they are 00:00:00 and 00:00:30.");
        yield return Case(
            "the longest delay below the base delay",
            o => { o.Retry.BaseDelay = TimeSpan.FromSeconds(5); o.Retry.MaxDelay = TimeSpan.FromSeconds(5) - Tick; },
            "Retry.BaseDelay must be more than zero and Retry.MaxDelay at least BaseDelay and at most one hour; "
            + "they are 00:00:05 and 00:00:04.9999999.");
        yield return Case(
            "the longest delay past one hour",
            o => o.Retry.MaxDelay = Hour + Tick,
            "Retry.BaseDelay must be more than zero and Retry.MaxDelay at least BaseDelay and at most one hour; "
            + "they are 00:00:01 and 01:00:00.0000001.");
        yield return Case(
            "a negative request budget",
            o => o.RateLimit.RequestBudget = -1,
            "RateLimit.RequestBudget must be 0 (off) or more; it is -1.");
        yield return Case(
            "a budget window under one second",
            o => o.RateLimit.BudgetWindow = TimeSpan.FromSeconds(1) - Tick,
            "RateLimit.BudgetWindow must be from one second to one hour; it is 00:00:00.9999999.");
        yield return Case(
            "a budget window past one hour",
            o => o.RateLimit.BudgetWindow = Hour + Tick,
            "RateLimit.BudgetWindow must be from one second to one hour; it is 01:00:00.0000001.");
        yield return Case(
            "a response limit under 1 KiB",
            o => o.MaxResponseBytes = 1023,
            "MaxResponseBytes must be at least 1024; it is 1023.");
        yield return Case("no retry options", o => o.Retry = null!, "Retry and RateLimit must not be null.");
        yield return Case("no rate-limit options", o => o.RateLimit = null!, "Retry and RateLimit must not be null.");
        yield return Case(
            "no base URL",
            o => o.BaseUrl = null!,
            "BaseUrl must be an absolute http(s) URL such as https://api.cloudflare.com/client/v4/.");
        yield return Case(
            "a relative base URL",
            o => o.BaseUrl = new Uri("client/v4/", UriKind.Relative),
            "BaseUrl must be an absolute http(s) URL such as https://api.cloudflare.com/client/v4/.");
        yield return Case(
            "a base URL with a fragment",
            o => o.BaseUrl = new Uri("https://api.cloudflare.com/client/v4/#top"),
            "BaseUrl must not have a query, a fragment or user information.");
        yield return Case(
            "a base URL with user information",
            o => o.BaseUrl = new Uri("https://me:pw@api.cloudflare.com/client/v4/"),
            "BaseUrl must not have a query, a fragment or user information.");
        yield return Case(
            "http to a remote host",
            o => o.BaseUrl = new Uri("http://10.0.0.1:8787/client/v4/"),
            "BaseUrl must use https unless its host is loopback (credentials would travel in clear text); the host is '10.0.0.1'.");
        yield return Case("a token with a tab", o => o.ApiToken = "abc\tdef", "ApiToken contains white space or control characters.");
        yield return Case(
            "a token with a control character",
            o => o.ApiToken = "abc\u0007",
            "ApiToken contains white space or control characters.");
        yield return Case(
            "a token with a no-break space",
            o => o.ApiToken = "abc\u00a0",
            "ApiToken contains white space or control characters.");
        yield return Case(
            "a global key with a line break",
            o => { o.ApiToken = null; o.Email = "me@example.com"; o.ApiKey = "k\r\nX-Injected: 1"; },
            "ApiKey contains white space or control characters.");
        yield return Case(
            "an email with a space",
            o => { o.ApiToken = null; o.Email = "me @example.com"; o.ApiKey = "k"; },
            "Email contains white space or control characters.");
        yield return Case(
            "an empty account id",
            o => o.AccountId = "",
            "AccountId must be 1 to 32 characters without '/', '?', '#', '%', '\\', white space or control characters, "
            + "and not '.' or '..'. An identifier must not be empty.");
    }

    [TestCaseSource(nameof(AcceptedEdges))]
    public void AcceptsEachLimitAtItsEdge(Action<SecretsStoreClientOptions> configure)
    {
        SecretsStoreClientOptions options = Valid();
        configure(options);

        Assert.That(options.ProblemMessages(), Is.Empty);
        Assert.That(() => new SecretsStoreClient(options), Throws.Nothing);
    }

    [TestCaseSource(nameof(RefusedEdges))]
    public void RefusesOneStepPastEachLimitWithItsOwnMessage(Action<SecretsStoreClientOptions> configure, string message)
    {
        SecretsStoreClientOptions options = Valid();
        configure(options);

        Assert.That(options.ProblemMessages(), Is.EqualTo(new[] { message }));
    }

    [Test]
    public void ListsEveryProblemOnceInTheOrderOfTheSettings()
    {
        var options = new SecretsStoreClientOptions
        {
            ApiToken = "a b",
            Email = "me@example.com",
            BaseUrl = new Uri("https://api.cloudflare.com/client/v4/?x=1"),
            CreateBatchSize = 0,
            MaxResponseBytes = 0,
            Retry = { MaxAttempts = 0, MaxRetryAfter = -Tick },
            RateLimit = { RequestBudget = -1 },
        };

        Assert.That(options.ProblemMessages(), Is.EqualTo(new[]
        {
            "Both an API token and an email/global API key are set: use one kind of credential (prefer ApiToken).",
            "ApiToken contains white space or control characters.",
            "BaseUrl must not have a query, a fragment or user information.",
            "CreateBatchSize must be from 1 to 100; it is 0.",
            "MaxResponseBytes must be at least 1024; it is 0.",
            "Retry.MaxAttempts must be from 1 to 10; it is 0.",
            "Retry.MaxRetryAfter must be from zero to one hour; it is -00:00:00.0000001.",
            "RateLimit.RequestBudget must be 0 (off) or more; it is -1.",
        }));
    }

    [Test]
    public void ShowsTheKindOfCredentialsButNeverOne()
    {
        const string Token = "token-sentinel-0123456789";
        const string Key = "key-sentinel-0123456789";

        Assert.That(
            new SecretsStoreClientOptions().ToString(),
            Is.EqualTo("SecretsStoreClientOptions { BaseUrl = https://api.cloudflare.com/client/v4/, AccountId = , Credentials = none }"));
        Assert.That(
            new SecretsStoreClientOptions { ApiToken = Token, AccountId = "acc" }.ToString(),
            Is.EqualTo(
                "SecretsStoreClientOptions { BaseUrl = https://api.cloudflare.com/client/v4/, AccountId = acc, "
                + "Credentials = API token (***) }"));
        Assert.That(
            new SecretsStoreClientOptions { Email = "me@example.com", ApiKey = Key }.ToString(),
            Is.EqualTo(
                "SecretsStoreClientOptions { BaseUrl = https://api.cloudflare.com/client/v4/, AccountId = , "
                + "Credentials = email + global API key (***) }"));
    }

    [Test]
    public void TheDefaultsAreTheDocumentedOnes()
    {
        var options = new SecretsStoreClientOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.BaseUrl, Is.EqualTo(new Uri(SecretsStoreClientOptions.DefaultBaseUrl)));
            Assert.That(options.CreateBatchSize, Is.EqualTo(100));
            Assert.That(options.MaxResponseBytes, Is.EqualTo(4 * 1024 * 1024));
            Assert.That(options.Retry.MaxAttempts, Is.EqualTo(3));
            Assert.That(options.Retry.AttemptTimeout, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(options.Retry.MaxRetryAfter, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(options.Retry.BaseDelay, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(options.Retry.MaxDelay, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(options.RateLimit.RespectServerHeaders, Is.True);
            Assert.That(options.RateLimit.RequestBudget, Is.Zero);
            Assert.That(options.RateLimit.BudgetWindow, Is.EqualTo(TimeSpan.FromMinutes(5)));
        });
    }

    public class TheEnvironment
    {
        private static SecretsStoreClientOptions Apply(SecretsStoreClientOptions options, params (string Name, string Value)[] variables)
        {
            Dictionary<string, string> environment = variables.ToDictionary(v => v.Name, v => v.Value);
            options.ApplyEnvironment(name => environment.GetValueOrDefault(name));
            return options;
        }

        [Test]
        public void FillsOnlyWhatIsNotSetAndTrimsWhatItReads()
        {
            SecretsStoreClientOptions options = Apply(
                new SecretsStoreClientOptions { AccountId = "explicit" },
                ("CLOUDFLARE_API_TOKEN", "  env-token \t"),
                ("CLOUDFLARE_ACCOUNT_ID", "env-account"),
                ("CLOUDFLARE_BASE_URL", " http://127.0.0.1:8787/client/v4 "));

            Assert.That(options.ApiToken, Is.EqualTo("env-token"));
            Assert.That(options.AccountId, Is.EqualTo("explicit"));
            Assert.That(options.BaseUrl, Is.EqualTo(new Uri("http://127.0.0.1:8787/client/v4")));
            Assert.That(options.NormalizedBaseUrl, Is.EqualTo("http://127.0.0.1:8787/client/v4/"));
        }

        [Test]
        public void ReadsBlankVariablesAsUnset()
        {
            SecretsStoreClientOptions options = Apply(
                new SecretsStoreClientOptions(),
                ("CLOUDFLARE_API_TOKEN", "   "),
                ("CLOUDFLARE_EMAIL", ""),
                ("CLOUDFLARE_API_KEY", "\t"),
                ("CLOUDFLARE_ACCOUNT_ID", " "),
                ("CLOUDFLARE_BASE_URL", " "));

            Assert.That(new[] { options.ApiToken, options.Email, options.ApiKey, options.AccountId }, Is.All.Null);
            Assert.That(options.BaseUrl, Is.EqualTo(new Uri(SecretsStoreClientOptions.DefaultBaseUrl)));
        }

        [Test]
        public void ABaseUrlSetEvenToTheDefaultIsKept()
        {
            SecretsStoreClientOptions options = Apply(
                new SecretsStoreClientOptions { BaseUrl = new Uri(SecretsStoreClientOptions.DefaultBaseUrl) },
                ("CLOUDFLARE_BASE_URL", "http://127.0.0.1:8787/client/v4/"));

            Assert.That(options.BaseUrl, Is.EqualTo(new Uri(SecretsStoreClientOptions.DefaultBaseUrl)));
        }

        [Test]
        public void AnExplicitKindOfCredentialsIsNotJoinedByTheOther()
        {
            (string, string)[] both =
                [("CLOUDFLARE_API_TOKEN", "env-token"), ("CLOUDFLARE_EMAIL", "env@example.com"), ("CLOUDFLARE_API_KEY", "env-key")];

            SecretsStoreClientOptions token = Apply(new SecretsStoreClientOptions { ApiToken = "mine" }, both);
            SecretsStoreClientOptions key = Apply(new SecretsStoreClientOptions { ApiKey = "my-key" }, both);
            SecretsStoreClientOptions email = Apply(new SecretsStoreClientOptions { Email = "me@example.com" }, both);

            Assert.That((token.ApiToken, token.Email, token.ApiKey), Is.EqualTo(("mine", (string?)null, (string?)null)));
            Assert.That((key.ApiToken, key.Email, key.ApiKey), Is.EqualTo(((string?)null, "env@example.com", "my-key")));
            Assert.That((email.ApiToken, email.Email, email.ApiKey), Is.EqualTo(((string?)null, "me@example.com", "env-key")));
            Assert.That(token.GetProblems().Concat(key.GetProblems()).Concat(email.GetProblems()), Is.Empty);
        }

        [Test]
        public void BothKindsInTheEnvironmentAloneAreRefusedAsBoth()
        {
            SecretsStoreClientOptions options = Apply(
                new SecretsStoreClientOptions(),
                ("CLOUDFLARE_API_TOKEN", "env-token"),
                ("CLOUDFLARE_EMAIL", "env@example.com"),
                ("CLOUDFLARE_API_KEY", "env-key"));

            Assert.That(
                options.ProblemMessages(),
                Is.EqualTo(new[]
                {
                    "Both an API token and an email/global API key are set: use one kind of credential (prefer ApiToken).",
                }));
        }

        [Test]
        public void AnUnreadableBaseUrlIsRefusedWithoutBeingLost()
        {
            SecretsStoreClientOptions options =
                Apply(new SecretsStoreClientOptions { ApiToken = "t" }, ("CLOUDFLARE_BASE_URL", "not a url"));

            Assert.That(options.BaseUrl.AbsoluteUri, Is.EqualTo("invalid:not%20a%20url"));
            Assert.That(
                options.ProblemMessages(),
                Is.EqualTo(new[] { "BaseUrl must be an absolute http(s) URL such as https://api.cloudflare.com/client/v4/." }));
        }
    }

    private static SecretsStoreClientOptions Valid() => new() { ApiToken = "token", AccountId = "985e105f4ecef8ad9ca31a8372d0c353" };

    private static TestCaseData Case(string name, Action<SecretsStoreClientOptions> configure, params string[] message) =>
        (message.Length == 0 ? new TestCaseData(configure) : new TestCaseData(configure, message[0])).SetArgDisplayNames(name);
}
