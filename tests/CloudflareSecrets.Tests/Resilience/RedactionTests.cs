using System.Text;
using CloudflareSecrets.Tests.Resilience.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudflareSecrets.Tests.Resilience;

/// <summary>
/// Secret values and credentials never leave the client: every facade method runs through dependency injection with
/// logging at Trace (the client's own events and IHttpClientFactory's), in success and failure variants, and the
/// sentinels must then appear in no log text, state value or scope, no exception, and no model or options ToString().
/// </summary>
public class RedactionTests
{
    private const string SentinelValue = "SENTINEL-SECRET-VALUE-9c1e";
    private const string SentinelToken = "SENTINEL-TOKEN-4b2d";
    private const string SentinelEmail = "sentinel-email@example.invalid";
    private const string SentinelKey = "SENTINEL-KEY-77aa";

    /// <summary>Each sentinel and its first 12 characters: a value cut short must not show either.</summary>
    private static readonly string[] Sentinels = [
        .. new[] { SentinelValue, SentinelToken, SentinelEmail, SentinelKey }.SelectMany(s => new[] { s, s[..12] })];

    public enum Credential
    {
        ApiToken,
        EmailAndKey,
    }

    /// <summary>How the fake server answers every request of one pass.</summary>
    public enum Variant
    {
        Success,

        /// <summary>A 400 whose Cloudflare error and message echo the secret values of the request.</summary>
        ValidationEchoingValue,

        /// <summary>A 400 whose error echoes the secret values right where a long message is cut short.</summary>
        ValidationEchoingValueAtClipBoundary,

        /// <summary>A 200 with success:false whose error echoes the secret values of the request.</summary>
        SuccessFalseEchoingValue,

        /// <summary>A 401 whose error echoes the credentials the request carried.</summary>
        UnauthorizedEchoingCredentials,

        ServerError,

        RateLimited,
    }

    [TestCase(Credential.ApiToken)]
    [TestCase(Credential.EmailAndKey)]
    public async Task EveryOperation_InEveryVariant_LeaksNoSecretValueOrCredential(Credential credential)
    {
        var capture = new CapturingLoggerProvider();
        Variant variant = Variant.Success;
        using var server = new ScriptedServer((request, _) => Answer(request, variant));
        await using ServiceProvider services = BuildServices(credential, capture, server);
        ISecretsStoreClient client = services.GetRequiredService<ISecretsStoreClient>();

        var shown = new List<(string Where, string Text)>();
        var requests = new List<ScriptedRequest>();
        foreach (Variant each in Enum.GetValues<Variant>())
        {
            variant = each;
            foreach ((string name, Func<ISecretsStoreClient, Task<IEnumerable<object?>>> call) in Calls())
            {
                server.ClearRequests();
                IEnumerable<object?>? models = null;
                Exception? failure = null;
                try
                {
                    models = await call(client);
                }
                catch (Exception e)
                {
                    failure = e;
                }

                // Asserted outside the try: an assertion failure can never be mistaken for the call's own exception.
                if (each == Variant.Success)
                {
                    Assert.That(failure, Is.Null, $"{name} should succeed in the {each} variant");
                    foreach (object? model in models!)
                    {
                        shown.Add(($"{each} {name}: {model?.GetType().Name}.ToString()", model?.ToString() ?? string.Empty));
                    }
                }
                else
                {
                    Assert.That(failure, Is.Not.Null, $"{name} should fail in the {each} variant");
                    shown.Add(($"{each} {name}: exception", Describe(failure!)));
                }

                requests.AddRange(server.Requests);
            }
        }

        IOptions<SecretsStoreClientOptions> options = services.GetRequiredService<IOptions<SecretsStoreClientOptions>>();
        shown.Add(("options", options.Value.ToString()));
        shown.Add(("retry options", options.Value.Retry.ToString()!));
        shown.Add(("rate-limit options", options.Value.RateLimit.ToString()!));
        shown.Add(("client", client.ToString()!));
        shown.Add(("NewSecret", new NewSecret("N", SentinelValue, [SecretScopes.Workers], "c").ToString()));
        shown.Add(("SecretUpdate", new SecretUpdate { Value = SentinelValue, Comment = "c" }.ToString()));
        IReadOnlyList<LogEntry> logs = capture.Entries;
        shown.AddRange(logs.Select(e => ($"log {e}", e.AllText)));

        // The sentinels did travel (so a search that finds nothing means something), and the capture saw both sources at Trace.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                requests.Any(r => r.Body?.Contains(SentinelValue, StringComparison.Ordinal) == true),
                Is.True,
                "the secret value was sent");
            Assert.That(
                logs.Any(e => e.Category.StartsWith("System.Net.Http.HttpClient.", StringComparison.Ordinal)),
                Is.True,
                "IHttpClientFactory's events were captured");
            Assert.That(
                logs.Any(e => e.Category == typeof(SecretsStoreClient).FullName && e.EventId.Id == 1),
                Is.True,
                "the client's attempt events were captured");
            Assert.That(
                logs.Any(e => e.Category == typeof(SecretsStoreClient).FullName && e.Level == LogLevel.Trace),
                Is.True,
                "Trace events (response headers) were captured");
            Assert.That(
                shown.Where(s => s.Where.StartsWith(nameof(Variant.UnauthorizedEchoingCredentials), StringComparison.Ordinal))
                    .Select(s => s.Text),
                Has.All.Contains("***"),
                "the server did echo the credentials, and the client masked them");
        }

        using (Assert.EnterMultipleScope())
        {
            foreach ((string where, string text) in shown)
            {
                foreach (string sentinel in Sentinels)
                {
                    Assert.That(text, Does.Not.Contain(sentinel).IgnoreCase, $"{where} shows {sentinel}");
                }
            }
        }
    }

    [Test]
    public async Task EachAttempt_IsLoggedWithMethodRouteStatusAttemptAndRay()
    {
        var capture = new CapturingLoggerProvider();
        using var server = new ScriptedServer([
            Reply.Status(503, Api.Failure(10000, "unavailable"), ("CF-Ray", "8f0000000000aaaa-EWR")),
            Reply.Success(Api.GetSecret, ("CF-Ray", "8f0000000000bbbb-EWR"))]);
        await using ServiceProvider services = BuildServices(Credential.ApiToken, capture, server);

        await services.GetRequiredService<ISecretsStoreClient>().GetSecretAsync(Api.StoreId, Api.SecretId);

        LogEntry[] attempts = capture.Entries.Where(e => e.Category == typeof(SecretsStoreClient).FullName && e.EventId.Id is 1 or 2)
            .ToArray();
        Assert.That(attempts, Has.Length.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                attempts.Select(a => (a.Level, a["Operation"], a["Method"], a["Route"], a["Status"], a["Attempt"], a["RayId"])),
                Is.EqualTo(new[]
                {
                    (LogLevel.Warning, (object?)"GetSecret", (object?)"GET", (object?)Api.GetSecret.Route,
                        (object?)503, (object?)1, (object?)"8f0000000000aaaa-EWR"),
                    (LogLevel.Debug, "GetSecret", "GET", Api.GetSecret.Route, 200, 2, "8f0000000000bbbb-EWR"),
                }));
            Assert.That(attempts.Select(a => a["ElapsedMs"]), Is.All.InstanceOf<double>());
            Assert.That(
                attempts[0].Message,
                Does.StartWith("GetSecret GET accounts/{account_id}/secrets_store/stores/{store_id}/secrets/{secret_id} failed with 503"));
        }
    }

    private static ServiceProvider BuildServices(Credential credential, CapturingLoggerProvider capture, ScriptedServer server)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        services.AddCloudflareSecretsStore(o =>
            {
                // Empty (not null) credentials of the other kind keep CLOUDFLARE_* variables of the machine out of the test.
                o.ApiToken = credential == Credential.ApiToken ? SentinelToken : string.Empty;
                o.Email = credential == Credential.EmailAndKey ? SentinelEmail : string.Empty;
                o.ApiKey = credential == Credential.EmailAndKey ? SentinelKey : string.Empty;
                o.AccountId = Api.Account;
                o.BaseUrl = new Uri(Api.BaseUrl);
                o.Retry.MaxAttempts = 2;
                o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
                o.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
                o.RateLimit.RespectServerHeaders = false;
            })
            .ConfigurePrimaryHttpMessageHandler(() => server.Handler);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Every facade method; each returns the models it produced, so their ToString() is checked too.</summary>
    private static IEnumerable<(string Name, Func<ISecretsStoreClient, Task<IEnumerable<object?>>> Call)> Calls()
    {
        yield return ("ListStoresAsync", async c => await PagesAsync(c.ListStoresAsync()));
        yield return ("CreateStoreAsync", async c => [await c.CreateStoreAsync("default")]);
        yield return ("GetStoreAsync", async c => [await c.GetStoreAsync(Api.StoreId)]);
        yield return ("DeleteStoreAsync", async c =>
        {
            await c.DeleteStoreAsync(Api.StoreId, force: true);
            return [];
        });
        yield return (
            "ListSecretsAsync",
            async c => await PagesAsync(c.ListSecretsAsync(Api.StoreId, new ListSecretsOptions { Search = "MY" })));
        yield return ("FindSecretByNameAsync", async c => [await c.FindSecretByNameAsync(Api.StoreId, Api.SecretName)]);
        yield return ("GetSecretAsync", async c => [await c.GetSecretAsync(Api.StoreId, Api.SecretId)]);
        yield return (
            "CreateSecretAsync",
            async c => [await c.CreateSecretAsync(Api.StoreId, Api.SecretName, SentinelValue, [SecretScopes.Workers], "c")]);
        yield return ("CreateSecretsAsync", async c =>
        {
            NewSecret[] secrets = [
                new(Api.SecretName, SentinelValue, [SecretScopes.Workers], "c"),
                new("OTHER", SentinelValue + "-2", [SecretScopes.AiGateway])];
            IReadOnlyList<Secret> created = await c.CreateSecretsAsync(Api.StoreId, secrets);
            return [.. created, .. secrets];
        });
        yield return ("UpdateSecretAsync", async c =>
        {
            var update = new SecretUpdate { Value = SentinelValue, Scopes = [SecretScopes.Workers], Comment = "rotated" };
            return [await c.UpdateSecretAsync(Api.StoreId, Api.SecretId, update), update];
        });
        yield return (
            "DuplicateSecretAsync",
            async c => [await c.DuplicateSecretAsync(Api.StoreId, Api.SecretId, Api.CopyName, [SecretScopes.Workers], "copy")]);
        yield return ("DeleteSecretAsync", async c =>
        {
            await c.DeleteSecretAsync(Api.StoreId, Api.SecretId);
            return [];
        });
        yield return ("DeleteSecretsAsync", async c =>
        {
            await c.DeleteSecretsAsync(Api.StoreId, [Api.SecretId, "sec2"]);
            return [];
        });
        yield return ("GetQuotaAsync", async c => [await c.GetQuotaAsync()]);
    }

    private static async Task<IEnumerable<object?>> PagesAsync<T>(AsyncPageable<T> pageable)
    {
        var models = new List<object?>();
        await foreach (Page<T> page in pageable.AsPages())
        {
            models.Add(page);
            models.Add(page.Info);
            models.AddRange(page.Values.Cast<object?>());
        }

        return models;
    }

    /// <summary>The server's answer: the operation's success body, or the variant's failure echoing what the request carried.</summary>
    private static Reply Answer(HttpRequestMessage request, Variant variant)
    {
        ApiOperation operation = Api.All.Single(
            o => o.Method == request.Method && "/client/v4/" + o.Path == request.RequestUri!.AbsolutePath);
        string body = request.Content?.ReadAsStringAsync().GetAwaiter().GetResult() ?? string.Empty;
        string echoedValues = string.Join(", ", Newtonsoft.Json.Linq.JToken.Parse(body.Length == 0 ? "null" : body)
            .SelectTokens("$..value").Select(v => v.ToString()));
        string echoedCredentials = string.Join(", ", new[] { "Authorization", "X-Auth-Email", "X-Auth-Key" }
            .Select(h => request.Headers.TryGetValues(h, out IEnumerable<string>? v) ? string.Join(",", v) : null)
            .Where(v => v is not null));
        (string Name, string Value) ray = ("CF-Ray", "8f0000000000cccc-EWR");

        return variant switch
        {
            Variant.Success when operation == Api.CreateSecrets => Reply.Status(
                200, Api.Envelope("[" + Api.SecretJson() + "," + Api.SecretJson("OTHER", "sec2") + "]"), ray),
            Variant.Success => Reply.Success(operation, ray),
            Variant.ValidationEchoingValue => Reply.Status(
                400, Failure(1001, $"invalid secret value '{echoedValues}'", $"received {echoedValues}"), ray),
            Variant.ValidationEchoingValueAtClipBoundary => Reply.Status(
                400, Failure(1001, new string('x', 283) + echoedValues, new string('y', 290) + echoedValues), ray),
            Variant.SuccessFalseEchoingValue => Reply.Status(
                (int)operation.SuccessStatus, Failure(1002, $"could not store '{echoedValues}'", $"value {echoedValues}"), ray),
            Variant.UnauthorizedEchoingCredentials => Reply.Status(
                401, Failure(10000, $"Authentication error: '{echoedCredentials}' is not valid", $"credentials {echoedCredentials}"), ray),
            Variant.ServerError => Reply.Status(500, Failure(10500, "internal error", "retry later"), ray),
            Variant.RateLimited => Reply.Status(
                429, Failure(971, "Please wait and consider throttling your request speed", "rate limited"), ray, ("Retry-After", "0")),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
    }

    private static string Failure(int code, string error, string message) =>
        new Newtonsoft.Json.Linq.JObject
        {
            ["success"] = false,
            ["errors"] = new Newtonsoft.Json.Linq.JArray(new Newtonsoft.Json.Linq.JObject
            {
                ["code"] = code,
                ["message"] = error,
                ["documentation_url"] = "https://developers.cloudflare.com/",
                ["source"] = new Newtonsoft.Json.Linq.JObject { ["pointer"] = "/value" },
            }),
            ["messages"] = new Newtonsoft.Json.Linq.JArray(new Newtonsoft.Json.Linq.JObject { ["code"] = 1, ["message"] = message }),
            ["result"] = null,
        }.ToString(Newtonsoft.Json.Formatting.None);

    /// <summary>Everything an exception shows: message, ToString() (inner exceptions included) and, for API errors, their parts.</summary>
    private static string Describe(Exception exception)
    {
        StringBuilder text = new StringBuilder().AppendLine(exception.Message).AppendLine(exception.ToString());
        if (exception is CloudflareApiException api)
        {
            foreach (CloudflareError error in api.Errors.Concat(api.Messages))
            {
                text.AppendLine(error.ToString()).AppendLine(error.Message).AppendLine(error.DocumentationUrl)
                    .AppendLine(error.SourcePointer);
            }

            text.AppendLine(api.RayId);
        }

        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            text.AppendLine(inner.Message);
        }

        return text.ToString();
    }
}
