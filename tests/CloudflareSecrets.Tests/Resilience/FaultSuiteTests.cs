using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CloudflareSecrets.Tests.Resilience.Support;

namespace CloudflareSecrets.Tests.Resilience;

/// <summary>
/// The retry policy, table-driven: each scenario makes the server (or the network) fail in one way and states exactly what
/// the caller sees: the result or the exception type, how many requests were sent, and, for writes, that a request was
/// only ever repeated after an answer proving the server had not acted on it.
/// </summary>
// Each case builds its own server, client and credential (so its own rate-limit gate): cases run side by side, their
// waits overlapping, and the suite takes the time of its slowest cases instead of their sum.
[Parallelizable(ParallelScope.All)]
public class FaultSuiteTests
{
    /// <summary>
    /// How soon a call must end once its token is cancelled. The requirement is 100 ms; the bound is 500 ms because on a
    /// machine with its cores saturated, thread-pool scheduling alone comes too close to 100 ms for CI (the measurements
    /// are in build/performance/results/fault-suite.md). It is still far shorter than the waits being cancelled (3 to
    /// 30 s), and each test prints what it measured.
    /// </summary>
    private static readonly TimeSpan CancellationBound = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan SlowAttemptTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Cancels one call, unmeasured, before the suite measures any: the first cancellation in a process compiles and
    /// runs the exception paths for the first time, a cost of the test process, not of the wait being cancelled.
    /// </summary>
    [OneTimeSetUp]
    public async Task WarmUpAsync()
    {
        using var run = new ScenarioRun(new FaultScenario
        {
            Name = "warm-up",
            Operation = Api.GetSecret,
            Replies = [RateLimited(("Retry-After", "30"))],
            Requests = 1,
        });
        Outcome outcome = await CancelAfterRequestAsync(run, 1);
        Assert.That(outcome.Exception, Is.InstanceOf<OperationCanceledException>(), "warm-up");
    }

    [TestCaseSource(nameof(Scenarios))]
    public async Task Scenario(FaultScenario scenario)
    {
        using var run = new ScenarioRun(scenario);

        Outcome outcome = await (scenario.Act ?? (r => r.InvokeAsync()))(run);

        using (Assert.EnterMultipleScope())
        {
            if (scenario.Throws is null)
            {
                Assert.That(outcome.Exception, Is.Null, "the call should succeed");
                if (scenario.ReturnsDocumentedResult)
                {
                    Assert.That(outcome.Result, Is.EqualTo(scenario.Operation.Expected), "the result");
                }
            }
            else if (scenario.Throws == typeof(OperationCanceledException))
            {
                // Task.Delay and HttpClient throw its subclass TaskCanceledException, Polly the base type: either is the contract.
                Assert.That(
                    outcome.Exception,
                    Is.InstanceOf<OperationCanceledException>(),
                    () => $"the call should be cancelled; it ended with {outcome}");
            }
            else
            {
                Assert.That(
                    outcome.Exception,
                    Is.TypeOf(scenario.Throws),
                    () => $"the call should throw {scenario.Throws.Name}; it ended with {outcome}");
            }

            Assert.That(run.RequestCount, Is.EqualTo(scenario.Requests), () => "requests sent: " + Describe(run.Server.Requests));
            foreach (ScriptedRequest request in run.Server.Requests)
            {
                Assert.That(request.Method, Is.EqualTo(scenario.Operation.Method), $"request {request.Number} method");
                Assert.That(
                    request.Uri.AbsolutePath,
                    Is.EqualTo("/client/v4/" + scenario.Operation.Path),
                    $"request {request.Number} path");
            }
        }

        if (scenario.Operation.IsWrite)
        {
            foreach (IReadOnlyList<ScriptedRequest> call in run.RequestsByCall)
            {
                AssertNoUnsafeRepeat(call);
            }
        }

        scenario.Then?.Invoke(run, outcome);
    }

    /// <summary>
    /// Within one call, a write may be sent again only after an answer that proves the server did not act (429, or
    /// never sent).
    /// </summary>
    private static void AssertNoUnsafeRepeat(IReadOnlyList<ScriptedRequest> requests)
    {
        for (int i = 1; i < requests.Count; i++)
        {
            Assert.That(
                requests[i - 1].Reply.ProvesNotActed,
                Is.True,
                $"write request #{requests[i].Number} repeated #{requests[i - 1].Number}, which was answered '{requests[i - 1].Reply}': "
                + "the server may have acted");
            Assert.That(requests[i].Body, Is.EqualTo(requests[0].Body), "a repeated write must send the same body");
        }
    }

    private static string Describe(IReadOnlyList<ScriptedRequest> requests) =>
        requests.Count == 0 ? "none" : string.Join(", ", requests.Select(r => $"#{r.Number} {r.Method} {r.Uri.AbsolutePath} -> {r.Reply}"));

    private static IEnumerable<TestCaseData> Scenarios() =>
        AllScenarios().Select(s => new TestCaseData(s).SetName(s.Name));

    private static IEnumerable<FaultScenario> AllScenarios()
    {
        ApiOperation[] reads = [Api.GetQuota, Api.ListStores, Api.GetStore, Api.ListSecrets, Api.GetSecret];
        ApiOperation[] deletes = [Api.DeleteStore, Api.DeleteSecrets, Api.DeleteSecret];
        ApiOperation[] writes = [Api.CreateStore, Api.CreateSecrets, Api.UpdateSecret, Api.DuplicateSecret];

        // ---- 429: safe to repeat for every method, waiting as the server asks.
        yield return new()
        {
            Name = "GetSecret_429WithoutRetryAfterThenOk_RetriesAfterBackoff",
            Operation = Api.GetSecret,
            Replies = [RateLimited(), Ok(Api.GetSecret)],
            Requests = 2,
            Then = (run, _) => Assert.That(
                run.RetryDelays,
                Has.Count.EqualTo(1).And.All.InRange(0, 50),
                "jittered backoff within MaxDelay"),
        };
        yield return new()
        {
            Name = "GetSecret_429WithRetryAfterSecondsThenOk_WaitsRetryAfter",
            Operation = Api.GetSecret,
            Replies = [RateLimited(("Retry-After", "1")), Ok(Api.GetSecret)],
            Requests = 2,
            Then = (run, _) => Assert.That(
                run.RetryDelays,
                Is.EqualTo(new[] { 1000d }),
                "the wait is the server's Retry-After, not the backoff"),
        };
        yield return new()
        {
            Name = "GetQuota_429WithRetryAfterHttpDateThenOk_WaitsUntilThatDate",
            Operation = Api.GetQuota,
            Replies = [RateLimited(() => [("Retry-After", DateTimeOffset.UtcNow.AddSeconds(1).ToString("r"))]), Ok(Api.GetQuota)],
            Requests = 2,
            Then = (run, _) => Assert.That(
                run.RetryDelays,
                Has.Count.EqualTo(1).And.All.InRange(0, 1000),
                "the wait runs to the given date (whole seconds)"),
        };
        yield return new()
        {
            Name = "ListSecrets_429WithRetryAfterMsThenOk_WaitsRetryAfterMs",
            Operation = Api.ListSecrets,
            Replies = [RateLimited(("retry-after-ms", "25")), Ok(Api.ListSecrets)],
            Requests = 2,
            Then = (run, _) => Assert.That(run.RetryDelays, Is.EqualTo(new[] { 25d })),
        };
        yield return new()
        {
            Name = "GetSecret_429WithRetryAfter300s_FailsAtOnceWithRetryAfter",
            Operation = Api.GetSecret,
            Replies = [RateLimited(("Retry-After", "300")), Ok(Api.GetSecret)],
            Throws = typeof(CloudflareRateLimitException),
            Requests = 1,
            Then = (_, outcome) => Assert.That(
                ((CloudflareRateLimitException)outcome.Exception!).RetryAfter,
                Is.EqualTo(TimeSpan.FromSeconds(300))),
        };
        yield return new()
        {
            Name = "GetSecret_429WithRetryAfterHttpDate300sAhead_FailsAtOnceWithRetryAfter",
            Operation = Api.GetSecret,
            Replies = [RateLimited(() => [("Retry-After", DateTimeOffset.UtcNow.AddSeconds(300).ToString("r"))]), Ok(Api.GetSecret)],
            Throws = typeof(CloudflareRateLimitException),
            Requests = 1,
            Then = (_, outcome) => Assert.That(
                ((CloudflareRateLimitException)outcome.Exception!).RetryAfter,
                Is.EqualTo(TimeSpan.FromSeconds(300)).Within(TimeSpan.FromSeconds(3))),
        };
        yield return new()
        {
            Name = "GetSecret_429WithRetryAfterMs300000_FailsAtOnceWithRetryAfter",
            Operation = Api.GetSecret,
            Replies = [RateLimited(("retry-after-ms", "300000")), Ok(Api.GetSecret)],
            Throws = typeof(CloudflareRateLimitException),
            Requests = 1,
            Then = (_, outcome) => Assert.That(
                ((CloudflareRateLimitException)outcome.Exception!).RetryAfter,
                Is.EqualTo(TimeSpan.FromSeconds(300))),
        };
        yield return new()
        {
            Name = "CreateSecrets_429WithRetryAfter300s_FailsAtOnceWithoutResending",
            Operation = Api.CreateSecrets,
            Replies = [RateLimited(("Retry-After", "300")), Ok(Api.CreateSecrets)],
            Throws = typeof(CloudflareRateLimitException),
            Requests = 1,
        };
        yield return new()
        {
            Name = "GetSecret_429WithRetryAfterAboveCustomCeiling_FailsAtOnce",
            Operation = Api.GetSecret,
            Replies = [RateLimited(("Retry-After", "5")), Ok(Api.GetSecret)],
            Configure = o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(2),
            Throws = typeof(CloudflareRateLimitException),
            Requests = 1,
            Then = (_, outcome) => Assert.That(
                ((CloudflareRateLimitException)outcome.Exception!).RetryAfter,
                Is.EqualTo(TimeSpan.FromSeconds(5))),
        };
        foreach (ApiOperation write in writes)
        {
            yield return new()
            {
                Name = $"{write.Name}_429ThenOk_RetriedBecauseTheServerDidNotAct",
                Operation = write,
                Replies = [RateLimited(), Ok(write)],
                Requests = 2,
            };
        }

        yield return new()
        {
            Name = "GetQuota_429ThreeTimes_ThrowsRateLimitAfterMaxAttempts",
            Operation = Api.GetQuota,
            Replies = [RateLimited()],
            Throws = typeof(CloudflareRateLimitException),
            Requests = 3,
        };

        // ---- 408 and 5xx: repeated for reads and deletes, never for writes (the server may have acted).
        yield return new()
        {
            Name = "GetSecret_408ThenOk_Retried",
            Operation = Api.GetSecret,
            Replies = [Error(408), Ok(Api.GetSecret)],
            Requests = 2,
        };
        yield return new()
        {
            Name = "CreateSecrets_408_NotRetried",
            Operation = Api.CreateSecrets,
            Replies = [Error(408), Ok(Api.CreateSecrets)],
            Throws = typeof(CloudflareApiException),
            Requests = 1,
            Then = (_, outcome) => Assert.That(
                ((CloudflareApiException)outcome.Exception!).StatusCode,
                Is.EqualTo(HttpStatusCode.RequestTimeout)),
        };
        foreach (int status in new[] { 500, 502, 503, 504 })
        {
            foreach (ApiOperation operation in new[] { Api.GetSecret, Api.DeleteSecret })
            {
                yield return new()
                {
                    Name = $"{operation.Name}_{status}ThenOk_Retried",
                    Operation = operation,
                    Replies = [Error(status), Ok(operation)],
                    Requests = 2,
                };
            }

            foreach (ApiOperation write in writes)
            {
                yield return new()
                {
                    Name = $"{write.Name}_{status}_NotRetried",
                    Operation = write,
                    Replies = [Error(status), Ok(write)],
                    Throws = typeof(CloudflareServerException),
                    Requests = 1,
                    Then = (_, outcome) => Assert.That((int)((CloudflareApiException)outcome.Exception!).StatusCode, Is.EqualTo(status)),
                };
            }
        }

        foreach (ApiOperation operation in reads.Concat(deletes).Except([Api.GetSecret, Api.DeleteSecret]))
        {
            yield return new()
            {
                Name = $"{operation.Name}_503ThenOk_Retried",
                Operation = operation,
                Replies = [Error(503), Ok(operation)],
                Requests = 2,
            };
        }

        yield return new()
        {
            Name = "GetSecret_503ThreeTimes_ThrowsServerErrorAfterMaxAttempts",
            Operation = Api.GetSecret,
            Replies = [Error(503)],
            Throws = typeof(CloudflareServerException),
            Requests = 3,
            Then = (run, outcome) =>
            {
                Assert.That(((CloudflareApiException)outcome.Exception!).RayId, Is.EqualTo("8f00000000000503-EWR"));
                Assert.That(run.RetryDelays, Has.Count.EqualTo(2));
            },
        };
        yield return new()
        {
            Name = "DeleteStore_500FiveTimesWithMaxAttempts5_SendsFive",
            Operation = Api.DeleteStore,
            Replies = [Error(500)],
            Configure = o => o.Retry.MaxAttempts = 5,
            Throws = typeof(CloudflareServerException),
            Requests = 5,
        };
        yield return new()
        {
            Name = "GetSecret_503WithMaxAttempts1_NotRetried",
            Operation = Api.GetSecret,
            Replies = [Error(503), Ok(Api.GetSecret)],
            Configure = o => o.Retry.MaxAttempts = 1,
            Throws = typeof(CloudflareServerException),
            Requests = 1,
        };

        // ---- 409 and other 4xx: never repeated; the same request gets the same answer.
        yield return new()
        {
            Name = "CreateSecrets_409_ConflictNotRetried",
            Operation = Api.CreateSecrets,
            Replies = [Error(409, 1001, "secret name already exists"), Ok(Api.CreateSecrets)],
            Throws = typeof(CloudflareConflictException),
            Requests = 1,
            Then = (_, outcome) => Assert.That(((CloudflareConflictException)outcome.Exception!).IsNameConflict, Is.True),
        };
        yield return new()
        {
            Name = "DeleteStore_409StoreNotEmpty_ConflictNotRetried",
            Operation = Api.DeleteStore,
            Replies = [Error(409, 1002, "store_not_empty"), Ok(Api.DeleteStore)],
            Throws = typeof(CloudflareConflictException),
            Requests = 1,
            Then = (_, outcome) => Assert.That(((CloudflareConflictException)outcome.Exception!).IsStoreNotEmpty, Is.True),
        };
        yield return new()
        {
            Name = "DuplicateSecret_409_ConflictNotRetried",
            Operation = Api.DuplicateSecret,
            Replies = [Error(409, 1001, "secret name already exists"), Ok(Api.DuplicateSecret)],
            Throws = typeof(CloudflareConflictException),
            Requests = 1,
        };
        foreach ((int status, Type type) in new[]
        {
            (400, typeof(CloudflareValidationException)),
            (401, typeof(CloudflareAuthenticationException)),
            (403, typeof(CloudflareAuthorizationException)),
            (404, typeof(CloudflareNotFoundException)),
            (422, typeof(CloudflareValidationException)),
            (410, typeof(CloudflareApiException)),
        })
        {
            yield return new()
            {
                Name = $"GetSecret_{status}_NotRetried",
                Operation = Api.GetSecret,
                Replies = [Error(status), Ok(Api.GetSecret)],
                Throws = type,
                Requests = 1,
                Then = (_, outcome) => Assert.That(
                    ((CloudflareApiException)outcome.Exception!).Errors.Select(e => e.Code),
                    Is.EqualTo(new[] { 10000 })),
            };
        }

        yield return new()
        {
            Name = "DeleteSecret_404_NotRetried",
            Operation = Api.DeleteSecret,
            Replies = [Error(404), Ok(Api.DeleteSecret)],
            Throws = typeof(CloudflareNotFoundException),
            Requests = 1,
        };
        yield return new()
        {
            Name = "CreateSecrets_400_NotRetried",
            Operation = Api.CreateSecrets,
            Replies = [Error(400), Ok(Api.CreateSecrets)],
            Throws = typeof(CloudflareValidationException),
            Requests = 1,
        };

        // ---- Bodies that are not the documented envelope.
        yield return new()
        {
            Name = "GetSecret_Html502ThenOk_RetriedAsServerError",
            Operation = Api.GetSecret,
            Replies = [Html(502), Ok(Api.GetSecret)],
            Requests = 2,
        };
        yield return new()
        {
            Name = "GetSecret_Html502ThreeTimes_ThrowsServerErrorWithStatus",
            Operation = Api.GetSecret,
            Replies = [Html(502)],
            Throws = typeof(CloudflareServerException),
            Requests = 3,
            Then = (_, outcome) =>
            {
                var e = (CloudflareApiException)outcome.Exception!;
                Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
                Assert.That(e.Errors, Is.Empty);
                Assert.That(e.Message, Does.Not.Contain("<html>"));
            },
        };
        yield return new()
        {
            Name = "CreateSecrets_Html502_ServerErrorNotRetried",
            Operation = Api.CreateSecrets,
            Replies = [Html(502), Ok(Api.CreateSecrets)],
            Throws = typeof(CloudflareServerException),
            Requests = 1,
        };
        yield return new()
        {
            Name = "GetSecret_EmptyBody500ThenOk_Retried",
            Operation = Api.GetSecret,
            Replies = [Reply.Status(500, string.Empty), Ok(Api.GetSecret)],
            Requests = 2,
        };
        yield return new()
        {
            Name = "CreateStore_EmptyBody500_ServerErrorNotRetried",
            Operation = Api.CreateStore,
            Replies = [Reply.Status(500, string.Empty), Ok(Api.CreateStore)],
            Throws = typeof(CloudflareServerException),
            Requests = 1,
        };
        foreach (ApiOperation operation in new[] { Api.GetSecret, Api.ListSecrets, Api.CreateSecrets, Api.DeleteSecret })
        {
            yield return new()
            {
                Name = $"{operation.Name}_TruncatedJsonOnSuccess_ApiErrorNotRetried",
                Operation = operation,
                Replies = [
                    Reply.Status((int)operation.SuccessStatus, operation.SuccessBody[..(operation.SuccessBody.Length / 2)]), Ok(operation)],
                Throws = typeof(CloudflareApiException),
                Requests = 1,
                Then = (_, outcome) => Assert.That(
                    ((CloudflareApiException)outcome.Exception!).StatusCode,
                    Is.EqualTo(operation.SuccessStatus)),
            };
        }

        foreach (ApiOperation operation in new[] { Api.GetSecret, Api.CreateSecrets, Api.DeleteSecret })
        {
            yield return new()
            {
                Name = $"{operation.Name}_SuccessFalseOnSuccessStatus_ApiErrorWithErrorsNotRetried",
                Operation = operation,
                Replies = [Reply.Status((int)operation.SuccessStatus, Api.Failure(1234, "quota exceeded")), Ok(operation)],
                Throws = typeof(CloudflareApiException),
                Requests = 1,
                Then = (_, outcome) =>
                {
                    var e = (CloudflareApiException)outcome.Exception!;
                    Assert.That(e.Errors.Select(x => (x.Code, x.Message)), Is.EqualTo(new[] { (1234, "quota exceeded") }));
                    Assert.That(e.Message, Does.Contain("[1234] quota exceeded"));
                },
            };
        }

        yield return new()
        {
            Name = "GetSecret_400WithoutErrorsArray_ValidationErrorWithNoErrors",
            Operation = Api.GetSecret,
            Replies = [Reply.Status(400, """{"success":false,"messages":[],"result":null}""")],
            Throws = typeof(CloudflareValidationException),
            Requests = 1,
            Then = (_, outcome) => Assert.That(((CloudflareApiException)outcome.Exception!).Errors, Is.Empty),
        };
        yield return new()
        {
            Name = "DeleteStore_403WithErrorsNull_AuthorizationErrorNotRetried",
            Operation = Api.DeleteStore,
            Replies = [Reply.Status(403, """{"success":false,"errors":null,"messages":null,"result":null}""")],
            Throws = typeof(CloudflareAuthorizationException),
            Requests = 1,
        };
        yield return new()
        {
            Name = "GetSecret_404WithJsonNull_NotFound",
            Operation = Api.GetSecret,
            Replies = [Reply.Status(404, "null")],
            Throws = typeof(CloudflareNotFoundException),
            Requests = 1,
        };
        foreach (ApiOperation operation in
            new[] { Api.GetSecret, Api.GetStore, Api.GetQuota, Api.CreateSecrets, Api.CreateStore, Api.UpdateSecret, Api.DuplicateSecret })
        {
            yield return new()
            {
                Name = $"{operation.Name}_ResultNull_ApiErrorNotRetried",
                Operation = operation,
                Replies = [Reply.Status(200, Api.Envelope("null")), Ok(operation)],
                Throws = typeof(CloudflareApiException),
                Requests = 1,
            };
        }

        yield return new()
        {
            Name = "GetSecret_UnknownFieldsScopeAndStatus_ParsedAndKept",
            ReturnsDocumentedResult = false,
            Operation = Api.GetSecret,
            Replies = [
                Reply.Status(
                    200,
                    """{"success":true,"errors":[],"messages":[{"code":10001,"message":"note","extra":true}],"meta":{"x":[1,2]}"""
                    + ""","result":{"id":"sec1","name":"MY_KEY","store_id":"store1","status":"rotating","""
                    + "\"scopes\":[\"workers\",\"quantum_compute\"]"
                    + ""","created":"2025-01-02T03:04:05Z","modified":"2025-01-02T03:04:06Z","version":7,"labels":{"a":"b"}}}""")],
            Requests = 1,
            Then = (_, outcome) =>
            {
                var secret = (Secret)outcome.Result!;
                Assert.That(secret.Status, Is.EqualTo("rotating"));
                Assert.That(secret.Scopes, Is.EqualTo(new[] { "workers", "quantum_compute" }));
            },
        };
        yield return new()
        {
            Name = "ListSecrets_UnknownFieldsAndEnums_ParsedAndKept",
            ReturnsDocumentedResult = false,
            Operation = Api.ListSecrets,
            Replies = [
                Reply.Status(
                    200,
                    """{"success":true,"errors":[],"messages":[]"""
                    + ""","result":[{"id":"a","name":"A","status":"archived","scopes":["future"]"""
                    + ""","created":"2025-01-02T03:04:05Z","modified":"2025-01-02T03:04:06Z","shiny":1}]"""
                    + ""","result_info":{"page":1,"per_page":100,"count":1,"total_count":1,"total_pages":1,"cursor":"x"}}""")],
            Requests = 1,
            Then = (_, outcome) => Assert.That(((List<Secret>)outcome.Result!).Single().Status, Is.EqualTo("archived")),
        };
        yield return new()
        {
            Name = "GetStore_UnknownFields_Parsed",
            ReturnsDocumentedResult = false,
            Operation = Api.GetStore,
            Replies = [
                Reply.Status(
                    200,
                    Api.Envelope(
                        """{"id":"store1","name":"default","created":"2025-01-02T03:04:05Z","modified":"2025-01-02T03:04:06Z","""
                        + "\"region\":\"eu\",\"tier\":{\"n\":1}}"))],
            Requests = 1,
            Then = (_, outcome) => Assert.That(outcome.Result, Is.EqualTo(new SecretStore(
                "store1",
                "default",
                null,
                new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
                new DateTimeOffset(2025, 1, 2, 3, 4, 6, TimeSpan.Zero)))),
        };
        yield return new()
        {
            Name = "GetQuota_UnknownFields_Parsed",
            ReturnsDocumentedResult = false,
            Operation = Api.GetQuota,
            Replies = [
                Reply.Status(200, Api.Envelope("""{"secrets":{"quota":100,"usage":7,"reserved":2},"stores":{"quota":1,"usage":1}}"""))],
            Requests = 1,
            Then = (_, outcome) => Assert.That(((SecretsQuota)outcome.Result!).Remaining, Is.EqualTo(93)),
        };

        // ---- Bodies larger than MaxResponseBytes (4 MiB by default): a clean error, read no further than the limit.
        foreach ((ApiOperation operation, bool withLength) in
            new[] { (Api.GetSecret, true), (Api.GetSecret, false), (Api.ListSecrets, false), (Api.CreateSecrets, false) })
        {
            var bodies = new ConcurrentQueue<GeneratedBodyStream>();
            yield return new()
            {
                Name = $"{operation.Name}_10MBBody{(withLength ? "WithContentLength" : "WithoutContentLength")}"
                    + "_ApiErrorReadNoFurtherThanLimit",
                Operation = operation,
                Replies = [HugeBody(10_000_000, withLength, bodies)],
                Throws = typeof(CloudflareApiException),
                Requests = 1,
                Then = (run, outcome) =>
                {
                    Assert.That(outcome.Exception!.Message, Does.Contain("MaxResponseBytes"));
                    long read = bodies.Sum(b => b.BytesRead);
                    Assert.That(
                        read,
                        withLength
                            ? (NUnit.Framework.Constraints.Constraint)Is.Zero
                            : Is.LessThanOrEqualTo(run.Options.MaxResponseBytes + (128 * 1024)),
                        "body bytes read");
                },
            };
        }

        var endless = new ConcurrentQueue<GeneratedBodyStream>();
        yield return new()
        {
            Name = "GetSecret_EndlessBody_ApiErrorReadNoFurtherThanLimit",
            Operation = Api.GetSecret,
            Replies = [HugeBody(long.MaxValue, false, endless)],
            Configure = o => o.MaxResponseBytes = 64 * 1024,
            Throws = typeof(CloudflareApiException),
            Requests = 1,
            Then = (_, _) => Assert.That(endless.Sum(b => b.BytesRead), Is.LessThanOrEqualTo(64 * 1024 * 3)),
        };

        // ---- Per-attempt timeout: a read tries again; a write never (the server may be acting on it).
        yield return new()
        {
            Name = "GetSecret_SlowAnswerEveryTime_TimeoutAfterMaxAttempts",
            Operation = Api.GetSecret,
            Replies = [Slow(Api.GetSecret)],
            Configure = SlowAttempts,
            Throws = typeof(TimeoutException),
            Requests = 3,
            Then = (run, outcome) =>
            {
                Assert.That(outcome.Exception!.Message, Does.Contain("attempt 3 of 3"));
                Assert.That(
                    run.Logs.Entries.Where(e => e.EventId.Id == 2).Select(e => (e["Attempt"], e["Failure"])),
                    Is.EqualTo(new[] { ((object?)1, (object?)"timed out"), (2, "timed out"), (3, "timed out") }),
                    "one failure event per timed-out attempt");
            },
        };
        yield return new()
        {
            Name = "ListStores_SlowAnswerThenOk_Retried",
            Operation = Api.ListStores,
            Replies = [Slow(Api.ListStores), Ok(Api.ListStores)],
            Configure = SlowThenPromptAttempts,
            Requests = 2,
        };
        yield return new()
        {
            Name = "DeleteSecrets_SlowAnswerThenOk_Retried",
            Operation = Api.DeleteSecrets,
            Replies = [Slow(Api.DeleteSecrets), Ok(Api.DeleteSecrets)],
            Configure = SlowThenPromptAttempts,
            Requests = 2,
        };
        foreach (ApiOperation write in new[] { Api.CreateSecrets, Api.UpdateSecret, Api.CreateStore })
        {
            yield return new()
            {
                Name = $"{write.Name}_SlowAnswer_TimeoutNotRetried",
                Operation = write,
                Replies = [Slow(write), Ok(write)],
                Configure = SlowAttempts,
                Throws = typeof(TimeoutException),
                Requests = 1,
                Then = (run, outcome) =>
                {
                    Assert.That(outcome.Exception!.Message, Does.Contain("attempt 1 of 3"));
                    Assert.That(
                        run.Logs.Entries.Count(e => e.EventId.Id == 2 && Equals(e["Failure"], "timed out")),
                        Is.EqualTo(1),
                        "the timed-out attempt is logged");
                },
            };
        }

        yield return new()
        {
            Name = "GetSecret_BodyStallsEveryTime_TimeoutAfterMaxAttempts",
            Operation = Api.GetSecret,
            Replies = [Stalled()],
            Configure = SlowAttempts,
            Throws = typeof(TimeoutException),
            Requests = 3,
        };
        yield return new()
        {
            Name = "GetSecret_BodyStallsThenOk_Retried",
            Operation = Api.GetSecret,
            Replies = [Stalled(), Ok(Api.GetSecret)],
            Configure = SlowThenPromptAttempts,
            Requests = 2,
        };
        yield return new()
        {
            Name = "CreateSecrets_BodyStalls_TimeoutNotRetried",
            Operation = Api.CreateSecrets,
            Replies = [Stalled(), Ok(Api.CreateSecrets)],
            Configure = SlowAttempts,
            Throws = typeof(TimeoutException),
            Requests = 1,
        };

        // ---- Connections that fail: after sending, only reads repeat; before sending, everything may.
        foreach (ApiOperation operation in new[] { Api.GetSecret, Api.DeleteSecret, Api.ListSecrets })
        {
            yield return new()
            {
                Name = $"{operation.Name}_ConnectionResetThenOk_Retried",
                Operation = operation,
                Replies = [ConnectionReset(), Ok(operation)],
                Requests = 2,
            };
        }

        yield return new()
        {
            Name = "GetSecret_IOExceptionThenOk_Retried",
            Operation = Api.GetSecret,
            Replies = [Reply.Throws(() => new IOException("Connection reset by peer"), "IOException"), Ok(Api.GetSecret)],
            Requests = 2,
        };
        yield return new()
        {
            Name = "GetSecret_ResetMidBodyThenOk_Retried",
            Operation = Api.GetSecret,
            Replies = [ResetMidBody(), Ok(Api.GetSecret)],
            Requests = 2,
        };
        yield return new()
        {
            Name = "GetSecret_ConnectionResetThreeTimes_HttpRequestExceptionAfterMaxAttempts",
            Operation = Api.GetSecret,
            Replies = [ConnectionReset()],
            Throws = typeof(HttpRequestException),
            Requests = 3,
            Then = (_, outcome) => Assert.That(
                ((HttpRequestException)outcome.Exception!).HttpRequestError,
                Is.EqualTo(HttpRequestError.ResponseEnded)),
        };
        foreach (ApiOperation write in writes)
        {
            yield return new()
            {
                Name = $"{write.Name}_ConnectionReset_NotRetried",
                Operation = write,
                Replies = [ConnectionReset(), Ok(write)],
                Throws = typeof(HttpRequestException),
                Requests = 1,
            };
            yield return new()
            {
                Name = $"{write.Name}_ConnectionRefusedBeforeSendingThenOk_Retried",
                Operation = write,
                Replies = [ConnectionRefused(), Ok(write)],
                Requests = 2,
            };
        }

        yield return new()
        {
            Name = "CreateSecrets_IOException_HttpRequestExceptionNotRetried",
            Operation = Api.CreateSecrets,
            Replies = [Reply.Throws(() => new IOException("Connection reset by peer"), "IOException"), Ok(Api.CreateSecrets)],
            Throws = typeof(HttpRequestException),
            Requests = 1,
            Then = (_, outcome) => Assert.That(
                ((HttpRequestException)outcome.Exception!).HttpRequestError,
                Is.EqualTo(HttpRequestError.ResponseEnded)),
        };
        yield return new()
        {
            Name = "CreateSecrets_ResetMidBody_NotRetried",
            Operation = Api.CreateSecrets,
            Replies = [ResetMidBody(), Ok(Api.CreateSecrets)],
            Throws = typeof(HttpRequestException),
            Requests = 1,
        };
        yield return new()
        {
            Name = "GetSecret_ConnectionRefusedThreeTimes_HttpRequestExceptionAfterMaxAttempts",
            Operation = Api.GetSecret,
            Replies = [ConnectionRefused()],
            Throws = typeof(HttpRequestException),
            Requests = 3,
            Then = (_, outcome) => Assert.That(
                ((HttpRequestException)outcome.Exception!).HttpRequestError,
                Is.EqualTo(HttpRequestError.ConnectionError)),
        };
        yield return new()
        {
            Name = "GetSecret_NameResolutionFailsThreeTimes_HttpRequestExceptionAfterMaxAttempts",
            Operation = Api.GetSecret,
            Replies = [NameNotResolved()],
            Throws = typeof(HttpRequestException),
            Requests = 3,
            Then = (_, outcome) => Assert.That(
                ((HttpRequestException)outcome.Exception!).HttpRequestError,
                Is.EqualTo(HttpRequestError.NameResolutionError)),
        };
        yield return new()
        {
            Name = "CreateSecrets_NameResolutionFailsThenOk_Retried",
            Operation = Api.CreateSecrets,
            Replies = [NameNotResolved(), Ok(Api.CreateSecrets)],
            Requests = 2,
        };
        foreach (ApiOperation operation in new[] { Api.GetSecret, Api.CreateSecrets })
        {
            yield return new()
            {
                Name = $"{operation.Name}_UnresolvableHostThroughSocketsHttpHandler_RetriedWithoutConnecting",
                Operation = operation,
                Configure = o =>
                {
                    o.BaseUrl = new Uri("https://api.secrets-store.invalid/client/v4/");
                    o.Retry.MaxAttempts = 2;
                },
                Act = UnresolvableHostAsync,
                Throws = typeof(HttpRequestException),
                Requests = 2,
                Then = (_, outcome) => Assert.That(
                    ((HttpRequestException)outcome.Exception!).HttpRequestError,
                    Is.EqualTo(HttpRequestError.NameResolutionError)),
            };
        }

        // ---- The Ratelimit header: a spent budget holds the next call until the reset, or fails it at once when too far.
        yield return new()
        {
            Name = "GetSecret_RatelimitRemaining0Reset1s_NextCallWaitsForReset",
            Operation = Api.GetSecret,
            Replies = [Ok(Api.GetSecret, ("Ratelimit", "\"default\";r=0;t=1")), Ok(Api.GetSecret)],
            Act = SecondCallAsync,
            Requests = 2,
            Then = (run, _) =>
            {
                // A lower bound only: a slow machine can make the gap longer, never shorter.
                IReadOnlyList<ScriptedRequest> requests = run.Server.Requests;
                TimeSpan gap = Stopwatch.GetElapsedTime(requests[0].Timestamp, requests[1].Timestamp);
                Assert.That(gap, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900)), "the second request waits for the reset");
            },
        };
        foreach (ApiOperation operation in new[] { Api.GetSecret, Api.CreateSecrets })
        {
            yield return new()
            {
                Name = $"{operation.Name}_RatelimitResetLongerThanAttemptTimeout_NextCallWaitsThenSends",
                Operation = operation,
                Replies = [Ok(operation, ("Ratelimit", "\"default\";r=0;t=1")), Ok(operation)],
                Configure = o =>
                {
                    // One attempt, so that a read cannot reach the reset by retrying through timeouts either.
                    o.Retry.AttemptTimeout = TimeSpan.FromMilliseconds(500);
                    o.Retry.MaxAttempts = 1;
                },
                Act = SecondCallAsync,
                Requests = 2,
                Then = (run, _) => Assert.That(
                    run.Logs.Entries.Where(e => e.EventId.Id == 2),
                    Is.Empty,
                    "waiting for the reset is not an attempt that timed out"),
            };
        }

        yield return new()
        {
            Name = "GetSecret_RatelimitRemaining0Reset300s_NextCallFailsAtOnceSendingNothing",
            Operation = Api.GetSecret,
            Replies = [Ok(Api.GetSecret, ("Ratelimit", "\"default\";r=0;t=300")), Ok(Api.GetSecret)],
            Act = SecondCallAsync,
            Throws = typeof(CloudflareRateLimitException),
            Requests = 1,
            Then = (_, outcome) => Assert.That(
                ((CloudflareRateLimitException)outcome.Exception!).RetryAfter,
                Is.EqualTo(TimeSpan.FromSeconds(300)).Within(TimeSpan.FromSeconds(3))),
        };
        yield return new()
        {
            Name = "CreateSecrets_RatelimitRemaining0Reset300s_NextCallFailsAtOnceSendingNothing",
            Operation = Api.CreateSecrets,
            Replies = [Ok(Api.CreateSecrets, ("Ratelimit", "\"default\";r=0;t=300")), Ok(Api.CreateSecrets)],
            Act = SecondCallAsync,
            Throws = typeof(CloudflareRateLimitException),
            Requests = 1,
        };
        yield return new()
        {
            Name = "GetQuota_XRatelimitRemaining0Reset300s_NextCallFailsAtOnceSendingNothing",
            Operation = Api.GetQuota,
            Replies = [Ok(Api.GetQuota, ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "300")), Ok(Api.GetQuota)],
            Act = SecondCallAsync,
            Throws = typeof(CloudflareRateLimitException),
            Requests = 1,
        };
        yield return new()
        {
            Name = "GetSecret_RatelimitRemaining0WithRespectServerHeadersOff_NextCallSentAtOnce",
            Operation = Api.GetSecret,
            Replies = [Ok(Api.GetSecret, ("Ratelimit", "\"default\";r=0;t=300")), Ok(Api.GetSecret)],
            Configure = o => o.RateLimit.RespectServerHeaders = false,
            Act = SecondCallAsync,
            Requests = 2,
        };

        // ---- Wait headers that are numbers but no TimeSpan: read as "very long" or as absent, never an exception.
        foreach (string huge in new[] { "1e300", "Infinity" })
        {
            yield return new()
            {
                Name = $"GetSecret_429WithRetryAfterMs{huge}_FailsAtOnceWithLongestRetryAfter",
                Operation = Api.GetSecret,
                Replies = [RateLimited(("retry-after-ms", huge)), Ok(Api.GetSecret)],
                Throws = typeof(CloudflareRateLimitException),
                Requests = 1,
                Then = (_, outcome) => Assert.That(
                    ((CloudflareRateLimitException)outcome.Exception!).RetryAfter,
                    Is.GreaterThan(TimeSpan.FromDays(365))),
            };
        }

        yield return new()
        {
            Name = "GetSecret_429WithRetryAfterNaN_RetriedAfterBackoff",
            Operation = Api.GetSecret,
            Replies = [RateLimited(("Retry-After", "NaN")), Ok(Api.GetSecret)],
            Requests = 2,
            Then = (run, _) => Assert.That(
                run.RetryDelays,
                Has.Count.EqualTo(1).And.All.InRange(0, 50),
                "no Retry-After was understood: the backoff applies"),
        };
        yield return new()
        {
            Name = "GetSecret_OkWithRetryAfterMs1e15_Succeeds",
            Operation = Api.GetSecret,
            Replies = [Ok(Api.GetSecret, ("retry-after-ms", "1e15"))],
            Requests = 1,
        };
        yield return new()
        {
            Name = "GetQuota_XRatelimitResetNaN_SucceedsAndNextCallWaitsTheDefaultSecond",
            Operation = Api.GetQuota,
            Replies = [Ok(Api.GetQuota, ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "NaN")), Ok(Api.GetQuota)],
            Configure = o => o.Retry.MaxRetryAfter = TimeSpan.Zero,
            Act = SecondCallAsync,
            Throws = typeof(CloudflareRateLimitException),
            Requests = 1,
            // The default second plus the gate's 100 ms margin past a reset.
            Then = (_, outcome) => Assert.That(
                ((CloudflareRateLimitException)outcome.Exception!).RetryAfter,
                Is.GreaterThan(TimeSpan.FromMilliseconds(900)).And.LessThanOrEqualTo(TimeSpan.FromMilliseconds(1100))),
        };

        // ---- Cancellation: every wait ends promptly when the caller's token is cancelled, and nothing more is sent.
        yield return new()
        {
            Name = "GetSecret_CancelledDuringRetryAfterWait_EndsPromptlyWithoutResending",
            Operation = Api.GetSecret,
            Replies = [RateLimited(("Retry-After", "30")), Ok(Api.GetSecret)],
            Act = run => CancelAfterRequestAsync(run, 1),
            Throws = typeof(OperationCanceledException),
            Requests = 1,
            Then = AssertEndedPromptly,
        };
        yield return new()
        {
            Name = "CreateSecrets_CancelledDuringRetryAfterWait_EndsPromptlyWithoutResending",
            Operation = Api.CreateSecrets,
            Replies = [RateLimited(("Retry-After", "30")), Ok(Api.CreateSecrets)],
            Act = run => CancelAfterRequestAsync(run, 1),
            Throws = typeof(OperationCanceledException),
            Requests = 1,
            Then = AssertEndedPromptly,
        };
        yield return new()
        {
            Name = "GetSecret_CancelledDuringBackoff_EndsPromptlyWithoutResending",
            Operation = Api.GetSecret,
            Replies = [Error(503), Ok(Api.GetSecret)],
            Configure = o =>
            {
                o.Retry.BaseDelay = TimeSpan.FromSeconds(20);
                o.Retry.MaxDelay = TimeSpan.FromSeconds(30);
            },
            Act = run => CancelAfterRequestAsync(run, 1),
            Throws = typeof(OperationCanceledException),
            Requests = 1,
            Then = AssertEndedPromptly,
        };
        yield return new()
        {
            Name = "GetSecret_CancelledWhileAnswerIsSlow_EndsPromptly",
            Operation = Api.GetSecret,
            Replies = [Slow(Api.GetSecret)],
            Act = run => CancelAfterRequestAsync(run, 1),
            Throws = typeof(OperationCanceledException),
            Requests = 1,
            Then = (run, outcome) =>
            {
                AssertEndedPromptly(run, outcome);
                Assert.That(
                    run.Logs.Entries.Where(e => e.EventId.Id == 2),
                    Is.Empty,
                    "the caller's own cancellation is not an attempt failure");
            },
        };
        yield return new()
        {
            Name = "GetSecret_CancelledWhileWaitingForRatelimitReset_EndsPromptlySendingNothing",
            Operation = Api.GetSecret,
            Replies = [Ok(Api.GetSecret, ("Ratelimit", "\"default\";r=0;t=30")), Ok(Api.GetSecret)],
            Act = CancelSecondCallWaitingForResetAsync,
            Throws = typeof(OperationCanceledException),
            Requests = 1,
            Then = AssertEndedPromptly,
        };
        yield return new()
        {
            Name = "CreateSecrets_TokenAlreadyCancelled_SendsNothing",
            Operation = Api.CreateSecrets,
            Replies = [Ok(Api.CreateSecrets)],
            Act = run => run.InvokeAsync(new CancellationToken(canceled: true)),
            Throws = typeof(OperationCanceledException),
            Requests = 0,
        };
    }

    private static void SlowAttempts(SecretsStoreClientOptions options) => options.Retry.AttemptTimeout = SlowAttemptTimeout;

    /// <summary>For rows where a later attempt must succeed in time: 500 ms leaves a loaded machine room for a prompt answer.</summary>
    private static void SlowThenPromptAttempts(SecretsStoreClientOptions options) =>
        options.Retry.AttemptTimeout = TimeSpan.FromMilliseconds(500);

    private static Reply Ok(ApiOperation operation, params (string Name, string Value)[] headers) =>
        Reply.Success(operation, [("CF-Ray", "8f000000000000aa-EWR"), .. headers]);

    private static Reply Error(int status, int code = 10000, string message = "error") =>
        Reply.Status(status, Api.Failure(code, message), ("CF-Ray", $"8f00000000000{status}-EWR"));

    private static Reply RateLimited(params (string Name, string Value)[] headers) =>
        Reply.Status(
            429,
            Api.Failure(971, "Please wait and consider throttling your request speed"),
            [("CF-Ray", "8f00000000000429-EWR"), .. headers]);

    /// <summary>A 429 whose headers are computed when it is sent (an HTTP date relative to now).</summary>
    private static Reply RateLimited(Func<(string Name, string Value)[]> headers) =>
        Reply.Content(
            429,
            () => new StringContent(Api.Failure(971, "rate limited"), Encoding.UTF8, "application/json"),
            "429 (dated)",
            headers);

    private static Reply Html(int status) =>
        Reply.Content(
            status,
            () => new StringContent(
                "<html><head><title>502 Bad Gateway</title></head>"
                + "<body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>",
                Encoding.UTF8,
                "text/html"),
            $"HTML {status}");

    private static Reply Slow(ApiOperation operation) => Reply.Slow(TimeSpan.FromSeconds(3), Ok(operation));

    private static Reply Stalled() =>
        Reply.Content(
            200,
            () => new StreamContent(new StallingStream(TimeSpan.FromSeconds(1))) { Headers = { ContentType = new("application/json") } },
            "stalled body");

    private static Reply ResetMidBody() =>
        Reply.Content(
            200,
            () => new StreamContent(new ResetStream()) { Headers = { ContentType = new("application/json") } },
            "reset mid-body");

    private static Reply HugeBody(long length, bool withContentLength, ConcurrentQueue<GeneratedBodyStream> bodies) =>
        Reply.Content(
            200,
            () =>
            {
                var stream = new GeneratedBodyStream(length);
                bodies.Enqueue(stream);
                var content = new StreamContent(stream) { Headers = { ContentType = new("application/json") } };
                if (withContentLength)
                {
                    content.Headers.ContentLength = length;
                }

                return content;
            },
            $"{length:N0}-byte body");

    private static Reply ConnectionReset() =>
        Reply.Throws(() => new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."), "connection reset");

    private static Reply ConnectionRefused() =>
        Reply.Throws(
            () => new HttpRequestException(
                HttpRequestError.ConnectionError,
                "Connection refused (api.cloudflare.com:443)",
                new SocketException((int)SocketError.ConnectionRefused)),
            "connection refused",
            notSent: true);

    private static Reply NameNotResolved() =>
        Reply.Throws(
            () => new HttpRequestException(
                HttpRequestError.NameResolutionError,
                "Name or service not known (api.cloudflare.com:443)",
                new SocketException((int)SocketError.HostNotFound)),
            "name not resolved",
            notSent: true);

    private static async Task<Outcome> SecondCallAsync(ScenarioRun run)
    {
        Outcome first = await run.InvokeAsync();
        Assert.That(first.Exception, Is.Null, "the first call succeeds and reports the spent budget");
        return await run.InvokeAsync();
    }

    /// <summary>Cancels the call a little after request <paramref name="request"/> arrived, and measures how soon it ends.</summary>
    private static async Task<Outcome> CancelAfterRequestAsync(ScenarioRun run, int request)
    {
        using var cancellation = new CancellationTokenSource();
        long cancelledAt = 0;
        Task? canceller = null;
        run.Server.OnRequest = number =>
        {
            if (number == request)
            {
                canceller = CancelSoonAsync(cancellation, t => Volatile.Write(ref cancelledAt, t));
            }
        };

        Outcome outcome = await run.InvokeAsync(cancellation.Token);
        long endedAt = Stopwatch.GetTimestamp();
        await (canceller ?? Task.CompletedTask);
        run.EndedAfterCancel = Volatile.Read(ref cancelledAt) == 0
            ? null
            : Stopwatch.GetElapsedTime(Volatile.Read(ref cancelledAt), endedAt);
        return outcome;
    }

    private static async Task<Outcome> CancelSecondCallWaitingForResetAsync(ScenarioRun run)
    {
        Outcome first = await run.InvokeAsync();
        Assert.That(first.Exception, Is.Null, "the first call succeeds and reports the spent budget");

        using var cancellation = new CancellationTokenSource();
        long cancelledAt = 0;
        Task canceller = CancelSoonAsync(cancellation, t => Volatile.Write(ref cancelledAt, t));
        Outcome outcome = await run.InvokeAsync(cancellation.Token);
        long endedAt = Stopwatch.GetTimestamp();
        await canceller;
        run.EndedAfterCancel = Volatile.Read(ref cancelledAt) == 0
            ? null
            : Stopwatch.GetElapsedTime(Volatile.Read(ref cancelledAt), endedAt);
        return outcome;
    }

    /// <summary>Lets the client settle into its wait, then cancels, noting the moment just before.</summary>
    private static async Task CancelSoonAsync(CancellationTokenSource cancellation, Action<long> cancelling)
    {
        await Task.Delay(150).ConfigureAwait(false);
        cancelling(Stopwatch.GetTimestamp());
        await cancellation.CancelAsync().ConfigureAwait(false);
    }

    private static void AssertEndedPromptly(ScenarioRun run, Outcome outcome)
    {
        Assert.That(run.EndedAfterCancel, Is.Not.Null, () => $"the call ended before it was cancelled: {outcome}");
        TestContext.Out.WriteLine($"ended {run.EndedAfterCancel!.Value.TotalMilliseconds:0.0} ms after cancellation");
        Assert.That(run.EndedAfterCancel, Is.LessThan(CancellationBound), "time from Cancel() to the call's end");
    }

    /// <summary>
    /// Sends through a real <see cref="SocketsHttpHandler"/> to a host under <c>.invalid</c>. Its connect callback answers
    /// as a resolver must for that domain (RFC 6761: the name does not exist) and records the attempt, so no packet
    /// leaves the machine: on these machines the system resolver is a network address, which the test must not reach.
    /// </summary>
    private static async Task<Outcome> UnresolvableHostAsync(ScenarioRun run)
    {
        var endpoints = new ConcurrentQueue<string>();
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectCallback = (context, _) =>
            {
                endpoints.Enqueue($"{context.DnsEndPoint.Host}:{context.DnsEndPoint.Port}");
                throw new SocketException((int)SocketError.HostNotFound);
            },
        };
        using var http = new HttpClient(handler);
        run.CountRequests = () => endpoints.Count;
        var client = new SecretsStoreClient(run.Options, http, run.LoggerFactory);

        Outcome outcome = await run.InvokeAsync(client);

        Assert.That(endpoints, Is.All.EqualTo("api.secrets-store.invalid:443"), "the only endpoint asked for is the configured host");
        return outcome;
    }
}
