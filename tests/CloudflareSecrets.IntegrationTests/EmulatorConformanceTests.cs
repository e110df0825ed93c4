using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>
/// The emulator's answers checked against <c>spec/secrets-store.openapi.json</c>: Prism runs as a validating proxy
/// between the client and the emulator (<c>prism proxy ... --errors</c>), refuses any request the spec does not allow,
/// and marks any answer that breaks the spec with an <c>sl-violations</c> header. Every operation is driven to its
/// successes and to its main failures (400, 401, 404, 409: the table of known errors among them); the last test sums up
/// and expects no violation.
/// Where Prism cannot start, these tests are ignored with the reason, except on CI (<c>CI=true</c>), where that fails.
/// </summary>
public sealed class EmulatorConformanceTests
{
    private const string UnknownId = "ffffffffffffffffffffffffffffffff";
    private const int MaxSecrets = 10;

    private readonly List<Exchange> _ledger = [];
    private readonly HashSet<string> _scenariosRun = [];
    private SecretsStoreEmulator? _emulator;
    private PrismServer? _prism;
    private ExchangeRecorder? _recorder;
    private string _accountId = string.Empty;
    private bool _recordExchanges;

    private static readonly string[] Scenarios = ["successes", "not found", "conflicts", "authentication", "quota", "validation"];

    private PrismServer Prism => _prism ?? throw new InvalidOperationException("Prism is not running.");

    private SecretsStoreEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator is not running.");

    private ExchangeRecorder Recorder => _recorder ?? throw new InvalidOperationException("No test is running.");

    [OneTimeSetUp]
    public async Task StartEmulatorAndPrismAsync()
    {
        SecretsStoreEmulator emulator = _emulator = await SecretsStoreEmulator.StartAsync(
            new EmulatorOptions { MaxSecretsPerAccount = MaxSecrets });
        _prism = await PrismAvailability.StartOrStopAsync(
            "The emulator conformance tests",
            () => PrismServer.StartProxyAsync(emulator.BaseAddress, TestContext.Progress, CancellationToken.None));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _prism?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    [SetUp]
    public void NewAccountAndRecorder()
    {
        _accountId = Guid.NewGuid().ToString("N");
        _recorder = new ExchangeRecorder();
        _recordExchanges = true;
    }

    [TearDown]
    public void KeepTheExchanges()
    {
        IReadOnlyList<Exchange> exchanges = Recorder.Exchanges;
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, exchanges));
        if (_recordExchanges)
        {
            _ledger.AddRange(exchanges);
        }

        _recorder?.Dispose();
        _recorder = null;
    }

    [Test]
    [Order(1)]
    public async Task Successes_OfEveryOperation_Conform()
    {
        ISecretsStoreClient client = CreateClient(o => o.CreateBatchSize = 2);

        await client.GetQuotaAsync();
        SecretStore store = await client.CreateStoreAsync("service_x_keys");
        await client.ListStoresAsync().ToListAsync();
        await client.ListStoresAsync(new ListStoresOptions { Order = StoreOrder.Name, Direction = SortDirection.Ascending, PageSize = 1 })
            .ToListAsync();
        await client.GetStoreAsync(store.Id);
        Secret secret = await client.CreateSecretAsync(
            store.Id, "MY_API_KEY", "api-token-secret-123", [SecretScopes.Workers, SecretScopes.AiGateway], "info about my secret");
        IReadOnlyList<Secret> created = await client.CreateSecretsAsync(store.Id,
            [.. Enumerable.Range(1, 5).Select(i => new NewSecret($"BATCH_{i}", $"value-{i}", [SecretScopes.Workers]))]);
        await client.ListSecretsAsync(store.Id).ToListAsync();
        await client.ListSecretsAsync(store.Id, new ListSecretsOptions
        {
            Search = "batch", Scopes = [SecretScopes.Workers], Order = SecretOrder.Name, Direction = SortDirection.Descending, PageSize = 2,
        }).ToListAsync();
        await client.ListSecretsAsync(store.Id, new ListSecretsOptions { Search = "nothing matches" }).ToListAsync();
        await client.FindSecretByNameAsync(store.Id, "MY_API_KEY");
        await client.GetSecretAsync(store.Id, secret.Id);
        await client.UpdateSecretAsync(store.Id, secret.Id, new SecretUpdate { Value = "rotated", Comment = "rotated" });
        await client.UpdateSecretAsync(store.Id, secret.Id, new SecretUpdate { Scopes = [SecretScopes.Workers] });
        Secret copy = await client.DuplicateSecretAsync(store.Id, secret.Id, "MY_API_KEY_COPY", [SecretScopes.Workers], "a copy");
        await client.DeleteSecretAsync(store.Id, copy.Id);
        await client.DeleteSecretsAsync(store.Id, [.. created.Select(s => s.Id), secret.Id]);
        await client.DeleteStoreAsync(store.Id);
        SecretStore second = await client.CreateStoreAsync("second");
        await client.CreateSecretAsync(second.Id, "CASCADED", "value", [SecretScopes.Workers]);
        await client.DeleteStoreAsync(second.Id, force: true);
        await client.GetQuotaAsync();

        AssertConformingAnswers(HttpStatusCode.OK, HttpStatusCode.Accepted);
        Assert.That(Recorder.Exchanges.Select(e => e.OperationId).Distinct().Count(), Is.EqualTo(12), "every operation");
        _scenariosRun.Add("successes");
    }

    [Test]
    [Order(2)]
    public async Task NotFoundAnswers_Conform()
    {
        ISecretsStoreClient client = CreateClient();
        SecretStore store = await client.CreateStoreAsync("service_x_keys");
        Func<Task>[] calls =
        [
            () => client.GetStoreAsync(UnknownId),
            () => client.DeleteStoreAsync(UnknownId),
            async () => await client.ListSecretsAsync(UnknownId).ToListAsync(),
            () => client.CreateSecretAsync(UnknownId, "NAME", "value", [SecretScopes.Workers]),
            () => client.GetSecretAsync(store.Id, UnknownId),
            () => client.UpdateSecretAsync(store.Id, UnknownId, new SecretUpdate { Comment = "x" }),
            () => client.DuplicateSecretAsync(store.Id, UnknownId, "COPY", [SecretScopes.Workers]),
            () => client.DeleteSecretAsync(store.Id, UnknownId),
            () => client.DeleteSecretsAsync(store.Id, [UnknownId]),
        ];

        foreach (Func<Task> call in calls)
        {
            Assert.ThrowsAsync<CloudflareNotFoundException>(() => call());
        }

        AssertConformingAnswers(HttpStatusCode.OK, HttpStatusCode.NotFound);
        Assert.That(Recorder.Exchanges.Count(e => e.Status == HttpStatusCode.NotFound), Is.EqualTo(calls.Length));
        _scenariosRun.Add("not found");
    }

    [Test]
    [Order(3)]
    public async Task ConflictAnswers_Conform()
    {
        ISecretsStoreClient client = CreateClient();
        SecretStore store = await client.CreateStoreAsync("service_x_keys");
        Secret secret = await client.CreateSecretAsync(store.Id, "TAKEN", "value", [SecretScopes.Workers]);
        await client.CreateSecretAsync(store.Id, "ALSO_TAKEN", "value", [SecretScopes.Workers]);

        CloudflareConflictException? name = Assert.ThrowsAsync<CloudflareConflictException>(
            () => client.CreateSecretAsync(store.Id, "TAKEN", "value", [SecretScopes.Workers]));
        CloudflareConflictException? duplicate = Assert.ThrowsAsync<CloudflareConflictException>(
            () => client.DuplicateSecretAsync(store.Id, secret.Id, "ALSO_TAKEN", [SecretScopes.Workers]));
        CloudflareConflictException? notEmpty = Assert.ThrowsAsync<CloudflareConflictException>(() => client.DeleteStoreAsync(store.Id));

        Assert.That(
            (
                name.Is(SecretsStoreKnownErrors.SecretNameAlreadyExists),
                duplicate.Is(SecretsStoreKnownErrors.SecretNameAlreadyExists),
                notEmpty.Is(SecretsStoreKnownErrors.StoreNotEmpty)),
            Is.EqualTo((true, true, true)));
        Assert.That(
            (name.StatusCode, duplicate.StatusCode),
            Is.EqualTo((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest)),
            "a taken name is 400/1003, as the real API answers");
        AssertConformingAnswers(HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Conflict);
        _scenariosRun.Add("conflicts");
    }

    [Test]
    [Order(4)]
    public void AuthenticationFailures_Conform()
    {
        ISecretsStoreClient wrongToken = CreateClient(o => o.ApiToken = "not-the-emulator-token");
        ISecretsStoreClient wrongKey = CreateClient(o =>
        {
            o.ApiToken = null;
            o.Email = EmulatorOptions.DefaultEmail;
            o.ApiKey = "not-the-emulator-key";
        });

        Assert.ThrowsAsync<CloudflareAuthenticationException>(() => wrongToken.GetQuotaAsync());
        Assert.ThrowsAsync<CloudflareAuthenticationException>(() => wrongToken.CreateStoreAsync("never_created"));
        Assert.ThrowsAsync<CloudflareAuthenticationException>(() => wrongToken.GetSecretAsync(UnknownId, UnknownId));
        Assert.ThrowsAsync<CloudflareAuthenticationException>(async () => await wrongKey.ListStoresAsync().ToListAsync());
        Assert.ThrowsAsync<CloudflareAuthenticationException>(() => wrongKey.DeleteSecretsAsync(UnknownId, [UnknownId]));

        AssertConformingAnswers(HttpStatusCode.Unauthorized);
        _scenariosRun.Add("authentication");
    }

    [Test]
    [Order(5)]
    public async Task QuotaRefusals_Conform()
    {
        ISecretsStoreClient client = CreateClient();
        SecretStore store = await client.CreateStoreAsync("the_only_one");
        IReadOnlyList<Secret> created = await client.CreateSecretsAsync(store.Id,
            [.. Enumerable.Range(1, MaxSecrets).Select(i => new NewSecret($"FILL_{i}", "value", [SecretScopes.Workers]))]);

        CloudflareValidationException? stores = Assert.ThrowsAsync<CloudflareValidationException>(
            () => client.CreateStoreAsync("one_store_too_many"));
        CloudflareValidationException? secrets = Assert.ThrowsAsync<CloudflareValidationException>(
            () => client.CreateSecretAsync(store.Id, "ONE_TOO_MANY", "value", [SecretScopes.Workers]));
        CloudflareValidationException? copies = Assert.ThrowsAsync<CloudflareValidationException>(
            () => client.DuplicateSecretAsync(store.Id, created[0].Id, "ONE_TOO_MANY", [SecretScopes.Workers]));

        Assert.That(
            (
                stores.Is(SecretsStoreKnownErrors.MaximumStoresExceeded),
                secrets.Is(SecretsStoreKnownErrors.MaximumSecretsExceeded),
                copies.Is(SecretsStoreKnownErrors.MaximumSecretsExceeded)),
            Is.EqualTo((true, true, true)));
        AssertConformingAnswers(HttpStatusCode.OK, HttpStatusCode.BadRequest);
        _scenariosRun.Add("quota");
    }

    /// <summary>
    /// The client checks its arguments before sending, so it never sends what the emulator answers 400 to: these
    /// requests are sent with a plain HttpClient, through the same proxy. Each is one the spec allows (Prism forwards
    /// it) and the emulator refuses by the rules the spec leaves unsaid (value size in bytes, names without spaces...).
    /// </summary>
    [Test]
    [Order(6)]
    public async Task ValidationFailures_Conform()
    {
        ISecretsStoreClient client = CreateClient();
        SecretStore store = await client.CreateStoreAsync("service_x_keys");
        Secret secret = await client.CreateSecretAsync(store.Id, "EXISTING", "value", [SecretScopes.Workers]);
        string secrets = $"stores/{store.Id}/secrets";
        string one = $"{secrets}/{secret.Id}";

        // 65,536 characters (the spec's maxLength counts characters) that make 65,537 UTF-8 bytes (Cloudflare's limit).
        string tooLarge = new string('x', SecretsStoreLimits.MaxValueBytes - 1) + "é";
        (HttpMethod Method, string Path, string OperationId, string Body)[] requests =
        [
            (HttpMethod.Post, secrets, "secrets-store-secret-create",
                $$"""[{"name":"TOO_LARGE","value":"{{tooLarge}}","scopes":["workers"]}]"""),
            (HttpMethod.Post, secrets, "secrets-store-secret-create", """[{"name":"HAS SPACE","value":"v","scopes":["workers"]}]"""),
            (HttpMethod.Post, secrets, "secrets-store-secret-create", """[{"name":"NO_SCOPES","value":"v","scopes":[]}]"""),
            (HttpMethod.Post, secrets, "secrets-store-secret-create", "[]"),
            (HttpMethod.Post, "stores", "secrets-store-create", """{"name":"   "}"""),
            (HttpMethod.Patch, one, "secrets-store-patch-by-id", """{"scopes":[]}"""),
            (HttpMethod.Post, $"{one}/duplicate", "secrets-store-duplicate-by-id", """{"name":"HAS SPACE","scopes":["workers"]}"""),
            (HttpMethod.Delete, secrets, "secrets-store-delete-bulk", """{"ids":[]}"""),
        ];

        using var http = new HttpClient(Recorder, disposeHandler: false) { BaseAddress = Prism.BaseUrl };
        foreach ((HttpMethod method, string path, string operationId, string body) in requests)
        {
            using var request = new HttpRequestMessage(method, $"accounts/{_accountId}/secrets_store/{path}")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorOptions.DefaultApiToken);
            request.Options.Set(ExchangeRecorder.OperationIdKey, operationId);
            using HttpResponseMessage response = await http.SendAsync(request);
        }

        AssertConformingAnswers(HttpStatusCode.OK, HttpStatusCode.BadRequest);
        Assert.That(Recorder.Exchanges.Count(e => e.Status == HttpStatusCode.BadRequest), Is.EqualTo(requests.Length));
        Assert.That(
            Recorder.Exchanges.Where(e => e.Status == HttpStatusCode.BadRequest).Select(e => e.ResponseBody),
            Has.All.Match("\"code\":100[01],\"message\":\"(validation_error: |secret_)"),
            "the emulator's own 400s (its validation_error or the table's tokens), not Prism's");
        _scenariosRun.Add("validation");
    }

    /// <summary>
    /// The controls: an answer that breaks the spec is flagged, success or failure, so "no violation" above means
    /// something.
    /// </summary>
    [TestCase(
        200,
        """{"success":true,"errors":[],"messages":[],"result":[{"name":"a store without its id","created":"yesterday"}]}""",
        "'id'",
        TestName = "{m}(a store without id, with a bad date)")]
    [TestCase(
        404,
        """{"success":false,"errors":[{"code":7,"message":"a code below 1000"}],"messages":[]}""",
        "'result'",
        TestName = "{m}(a failure without result, with a code below 1000)")]
    [Order(7)]
    public async Task AnAnswerThatBreaksTheSpec_IsFlagged(int status, string body, string named)
    {
        _recordExchanges = false;
        Emulator.Faults.Add(new FaultRule
        {
            Method = "GET",
            PathPattern = $"/accounts/{_accountId}/secrets_store/stores",
            Status = status,
            Body = FaultBody.Custom,
            CustomBody = body,
        });

        try
        {
            await CreateClient().ListStoresAsync().ToListAsync();
        }
        catch (CloudflareApiException)
        {
            // The client refuses the broken answer too; Prism's verdict is what this test checks.
        }

        Exchange exchange = Recorder.Exchanges.Single();
        Assert.That(exchange.Violations, Does.Contain(named), $"Prism let the broken answer through: {exchange}");
    }

    [Test]
    [Order(100)]
    public void AllExchanges_Conform_AcrossEveryOperationAndTheMainFailures()
    {
        if (!Scenarios.All(_scenariosRun.Contains))
        {
            Assert.Inconclusive(
                $"Only the scenarios [{string.Join(", ", _scenariosRun)}] ran (a filtered run, or some failed): "
                + "the summary needs them all.");
        }

        IReadOnlyList<string> operations = RepositoryPaths.SpecOperationIds();
        Exchange[] violations = [.. _ledger.Where(IsViolation)];
        var report = new StringBuilder();
        int exercised = operations.Count(o => _ledger.Any(e => e.OperationId == o));
        report.AppendLine(
            $"Emulator conformance through Prism proxy: {_ledger.Count} exchanges, {exercised} operations, {violations.Length} violations");
        foreach (string operation in operations)
        {
            IEnumerable<string> statuses = _ledger.Where(e => e.OperationId == operation)
                .GroupBy(e => (int)e.Status)
                .OrderBy(g => g.Key)
                .Select(g => $"{g.Key} x{g.Count()}");
            report.AppendLine($"  {operation}: {string.Join(", ", statuses)}");
        }

        TestContext.Out.Write(report.ToString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(operations, Has.Count.EqualTo(12), "the spec's operations");
            Assert.That(
                operations.Where(o => !_ledger.Any(e => e.OperationId == o && e.IsSuccess)), Is.Empty, "operations without a success");
            Assert.That(
                _ledger.Select(e => (int)e.Status).Distinct(), Is.SupersetOf(new[] { 200, 202, 400, 401, 404, 409 }), "statuses seen");
            Assert.That(violations, Is.Empty, "exchanges Prism flagged");
            Assert.That(_ledger.Where(e => e.OperationId is null), Is.Empty, "exchanges without an operationId");
        }
    }

    /// <summary>A client that sends through Prism (and the recorder), for this test's account, without retries.</summary>
    private ISecretsStoreClient CreateClient(Action<SecretsStoreClientOptions>? configure = null)
    {
        var options = new SecretsStoreClientOptions
        {
            BaseUrl = Prism.BaseUrl,
            ApiToken = EmulatorOptions.DefaultApiToken,
            AccountId = _accountId,
            Retry = { MaxAttempts = 1 },
        };
        configure?.Invoke(options);
        return new SecretsStoreClient(options, new HttpClient(Recorder, disposeHandler: false));
    }

    /// <summary>
    /// A violation either way Prism reports one: an answer that breaks the spec comes back as a 500 with the violations
    /// in <c>sl-violations</c> (that is what <c>--errors</c> does in proxy mode), and a request the spec does not allow
    /// is never forwarded but answered by Prism itself (RFC 7807, with its own error types).
    /// </summary>
    private static bool IsViolation(Exchange exchange) =>
        exchange.Violations is not null || exchange.ResponseBody.Contains("stoplight.io/prism/errors", StringComparison.Ordinal);

    private void AssertConformingAnswers(params HttpStatusCode[] statuses)
    {
        IReadOnlyList<Exchange> exchanges = Recorder.Exchanges;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exchanges, Is.Not.Empty);
            foreach (Exchange exchange in exchanges)
            {
                Assert.That(
                    IsViolation(exchange),
                    Is.False,
                    $"{exchange}{Environment.NewLine}{exchange.ResponseBody}{Environment.NewLine}{Prism.RecentOutput()}");
                Assert.That(statuses, Does.Contain(exchange.Status), $"status of {exchange}");
            }
        }
    }
}
