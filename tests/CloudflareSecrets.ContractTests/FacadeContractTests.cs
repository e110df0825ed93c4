using System.Runtime.ExceptionServices;
using System.Text;
using CloudflareSecrets.ContractTests.Support;

namespace CloudflareSecrets.ContractTests;

/// <summary>
/// Every operation through <see cref="SecretsStoreClient"/>, with each kind of credential, against Prism mocking the
/// spec: every request must be one the spec allows (2xx, no <c>sl-violations</c>), and the facade must return the
/// spec's example answer. The last test sums up: every spec operation exercised, no violation.
/// </summary>
[Order(1)]
public sealed class FacadeContractTests
{
    private const string ApiToken = "contract-test-api-token";
    private const string Email = "contract-tests@example.com";
    private const string GlobalKey = "contract-test-global-api-key";

    public static IEnumerable<TestCaseData> Cases() =>
        from auth in Enum.GetValues<AuthScheme>()
        from contractCase in ContractCases.All
        select new TestCaseData(auth, contractCase).SetName($"{contractCase.OperationId} ({SchemeName(auth)}): {contractCase.Description}");

    [Order(1)]
    [TestCaseSource(nameof(Cases))]
    public async Task Operation(AuthScheme auth, ContractCase contractCase)
    {
        ContractLedger.CaseStarted();
        var options = new SecretsStoreClientOptions { BaseUrl = PrismFixture.BaseUrl, AccountId = SpecExamples.AccountId };
        if (auth == AuthScheme.ApiToken)
        {
            options.ApiToken = ApiToken;
        }
        else
        {
            options.Email = Email;
            options.ApiKey = GlobalKey;
        }

        contractCase.Configure?.Invoke(options);
        using var recorder = new ExchangeRecorder();
        using var http = new HttpClient(recorder, disposeHandler: false);
        var client = new SecretsStoreClient(options, http);

        // A violation makes the facade throw; the checks of the exchanges below say more than that exception.
        ExceptionDispatchInfo? failure = null;
        try
        {
            await contractCase.Run(new ContractCall(client, () => recorder.Exchanges));
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }

        IReadOnlyList<Exchange> exchanges = recorder.Exchanges;
        ContractLedger.Record(auth, exchanges);
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, exchanges));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exchanges, Has.Count.EqualTo(contractCase.Requests), "requests sent");
            foreach (Exchange exchange in exchanges)
            {
                Assert.That(exchange.Violations, Is.Null, $"Prism found the request breaks the spec: {exchange}");
                Assert.That(exchange.IsSuccess, Is.True, $"not a 2xx answer: {exchange}{Environment.NewLine}{exchange.ResponseBody}");
                Assert.That(exchange.OperationId, Is.EqualTo(contractCase.OperationId), $"operationId of {exchange}");
                AssertCredentials(auth, exchange);
            }
        }

        failure?.Throw();
    }

    [Order(2)]
    [Test]
    public void EverySpecOperation_WasExercisedWithBothCredentialKinds_WithoutViolations()
    {
        int expectedCases = Cases().Count();
        if (ContractLedger.CasesStarted < expectedCases)
        {
            Assert.Inconclusive(
                $"Only {ContractLedger.CasesStarted} of {expectedCases} contract cases ran (a filtered run): the summary needs them all.");
        }

        IReadOnlyList<string> specOperations = RepositoryPaths.SpecOperationIds();
        IReadOnlyList<(AuthScheme Auth, Exchange Exchange)> ledger = ContractLedger.Exchanges;
        AuthScheme[] schemes = Enum.GetValues<AuthScheme>();
        string[] notAccepted =
        [
            .. from operation in specOperations
               from auth in schemes
               where !ledger.Any(
                   x => x.Auth == auth && x.Exchange.OperationId == operation && x.Exchange.IsSuccess && x.Exchange.Violations is null)
               select $"{operation} ({SchemeName(auth)})",
        ];
        string[] violations = [.. ledger.Where(x => x.Exchange.Violations is not null).Select(x => $"{x.Exchange} ({SchemeName(x.Auth)})")];
        string[] unknown = [.. ledger.Select(x => x.Exchange.OperationId ?? "(none)").Distinct().Except(specOperations)];
        int exercised = specOperations.Count(operation => ledger.Any(x => x.Exchange.OperationId == operation));

        var report = new StringBuilder();
        report.AppendLine(
            $"Contract against Prism: {exercised} of {specOperations.Count} operations exercised through the facade " +
            $"with {string.Join(" and ", schemes.Select(SchemeName))}; {ledger.Count} requests, {violations.Length} violations.");
        foreach (string operation in specOperations)
        {
            report.AppendLine($"  {operation}: {ledger.Count(x => x.Exchange.OperationId == operation)} requests");
        }

        TestContext.Out.Write(report.ToString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(specOperations, Has.Count.EqualTo(12), "the spec's operations");
            Assert.That(notAccepted, Is.Empty, "operations without an accepted request");
            Assert.That(violations, Is.Empty, "requests Prism flagged");
            Assert.That(unknown, Is.Empty, "requests whose operationId the spec does not have");
        }
    }

    private static void AssertCredentials(AuthScheme auth, Exchange exchange)
    {
        if (auth == AuthScheme.ApiToken)
        {
            Assert.That(exchange.Header("Authorization"), Is.EqualTo("Bearer " + ApiToken), $"Authorization of {exchange}");
            Assert.That(exchange.Header("X-Auth-Email") ?? exchange.Header("X-Auth-Key"), Is.Null, $"global key headers of {exchange}");
        }
        else
        {
            Assert.That(
                (exchange.Header("X-Auth-Email"), exchange.Header("X-Auth-Key")),
                Is.EqualTo((Email, GlobalKey)),
                $"global key headers of {exchange}");
            Assert.That(exchange.Header("Authorization"), Is.Null, $"Authorization of {exchange}");
        }
    }

    private static string SchemeName(AuthScheme auth) => auth switch
    {
        AuthScheme.ApiToken => "api_token",
        AuthScheme.EmailAndGlobalKey => "api_email+api_key",
        _ => auth.ToString(),
    };
}
