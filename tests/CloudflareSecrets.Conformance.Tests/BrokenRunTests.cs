using System.Net;
using System.Text;
using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Conformance.Tests;

/// <summary>
/// A run that meets what it did not expect (no answer in time, an answer of another shape, a server message quoting
/// the account) still deletes what it created, ends with a report and an exit code instead of a stack trace, and its
/// report keeps the promise that ids, names and the account never appear in it.
/// </summary>
public sealed class BrokenRunTests
{
    // 1-2: the checks; 3: the run's store; 4: the fixtures (the API acts, then the answer is broken); then the probes.
    // The quota is read through the library, which retries a timeout: there every attempt times out (at is unused).
    [TestCase(0, "quota-timeout")]
    [TestCase(4, "timeout")]
    [TestCase(20, "timeout")]
    [TestCase(4, "no-ids")]
    [TestCase(4, "not-an-object")]
    public async Task AnUnexpectedFailureStillCleansUpAndEndsWithAnExitCodeNotAStackTrace(int at, string failure)
    {
        HttpResponseMessage Break(int n, HttpResponseMessage response)
        {
            if (failure == "quota-timeout")
            {
                return response.RequestMessage!.RequestUri!.AbsolutePath.EndsWith("/quota", StringComparison.Ordinal)
                    ? throw new TimeoutException("the attempt timed out")
                    : response;
            }

            return n != at ? response : failure switch
            {
                "timeout" => throw new TimeoutException("the attempt timed out"),
                "no-ids" => Json(HttpStatusCode.OK, """{"success":true,"errors":[],"messages":[],"result":[{},{}]}"""),
                _ => Json(HttpStatusCode.OK, """{"success":true,"errors":[],"messages":[],"result":[1,2]}"""),
            };
        }

        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync();
        using var transport = new BreakingHandler(Break);
        string outDir = Path.Combine(Path.GetTempPath(), "conformance-" + Guid.NewGuid().ToString("N"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        try
        {
            int exit = await KitCommand.RunAsync(
                ["--live", "--pace-ms", "0", "--out", outDir],
                LiveModeTests.Environment(emulator),
                stdout,
                stderr,
                transport,
                CancellationToken.None);

            string all = stdout + "\n" + stderr;
            Assert.That(exit, Is.EqualTo(at == 20 ? KitCommand.Differs : KitCommand.Refused), all);
            Assert.That(all, Does.Contain("nothing the run created is left"));
            Assert.That(all, Does.Not.Contain("   at ").And.Not.Contain("Exception:"), "no stack trace");
            Assert.That(await KitHarness.StoresAsync(emulator), Is.Empty, "the store created for the run is gone");
            Assert.That(await KitHarness.UsageAsync(emulator), Is.Zero, "no secret is left in the account");
            if (at != 20)
            {
                Assert.That(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")), Does.Contain("stopped: "));
            }
        }
        finally
        {
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
        }
    }

    // Each way server text could reach the report: the message of an error that stops the run, the message of one that
    // stops the cleanup, and an error's source pointer; each quotes the account and the run's prefix.
    [TestCase("refusal")]
    [TestCase("cleanup")]
    [TestCase("pointer")]
    public async Task ServerTextQuotingTheAccountNeverReachesTheReport(string where)
    {
        await using SecretsStoreEmulator emulator = await SecretsStoreEmulator.StartAsync();
        KitSettings settings = KitCommand.EmulatorSettings(emulator.BaseAddress);
        string quoted = $"/accounts/{settings.AccountId}/secrets_store/{settings.Prefix}a";
        if (where == "refusal")
        {
            emulator.Faults.Add(new FaultRule
            {
                Method = "GET", PathPattern = "/quota", Status = 400, ErrorCode = 1000, ErrorMessage = $"validation_error: {quoted}",
            });
        }

        using var transport = new BreakingHandler((n, response) =>
        {
            if (where == "cleanup" && n == 1)
            {
                // The run stops at the quota (request 2); the cleanup's first request, the store listing, is refused.
                emulator.Faults.Add(new FaultRule
                {
                    Method = "GET", PathPattern = "/quota", Status = 400, ErrorCode = 1000, ErrorMessage = "validation_error",
                });
                emulator.Faults.Add(new FaultRule
                {
                    Method = "GET",
                    PathPattern = "/secrets_store/stores",
                    Status = 403,
                    ErrorCode = 10000,
                    ErrorMessage = $"forbidden_here: {quoted}",
                    Count = int.MaxValue,
                });
            }

            return where == "pointer" && response.RequestMessage!.Method == HttpMethod.Delete
                && Body(response.RequestMessage).Contains(Script.UnknownId(7), StringComparison.Ordinal)
                ? Json(
                    HttpStatusCode.BadRequest,
                    """{"success":false,"errors":[{"code":1001,"message":"secret_not_found","source":""" +
                    $$$"""{"pointer":"{{{quoted}}}"}}],"messages":[],"result":null}""")
                : response;
        });

        Report report = await KitRun.RunAsync(settings, transport, TextWriter.Null, CancellationToken.None);

        string text = report.ToJson() + report.ToMarkdown();
        Assert.That(text, Does.Not.Contain(settings.AccountId).And.Not.Contain(settings.Prefix), KitHarness.Describe(report));
        switch (where)
        {
            case "refusal":
                Assert.That(report.Refused, Is.EqualTo("stopped: HTTP 400, 1000 validation_error"));
                break;
            case "cleanup":
                Assert.That(report.Cleanup!.Detail, Does.Contain("HTTP 403, 10000 forbidden_here").And.Contain("{prefix}"));
                break;
            default:
                Assert.That(report.Probes.Select(p => p.Observed?.Detail), Has.One.Contain("pointer (not shown"));
                break;
        }
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static string Body(HttpRequestMessage request) =>
        request.Content is null ? string.Empty : request.Content.ReadAsStringAsync().GetAwaiter().GetResult();
}

/// <summary>
/// A transport that sends every request to the API, then lets a test replace or break the n-th answer (counted from 1).
/// </summary>
internal sealed class BreakingHandler(Func<int, HttpResponseMessage, HttpResponseMessage> answer)
    : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    private int count;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int n = Interlocked.Increment(ref count);
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        HttpResponseMessage replaced = answer(n, response);
        if (!ReferenceEquals(replaced, response))
        {
            replaced.RequestMessage = request;
            response.Dispose();
        }

        return replaced;
    }
}
