using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CloudflareSecrets.Conformance;

/// <summary>
/// The fixed script. Known errors come from <see cref="SecretsStoreKnownErrors"/> (every row, in its order);
/// behaviours are those live tests observed (their sources are in the emulator's README); unknowns are what nobody
/// has published. Each probe that needs an unknown id has its own, so a fault aimed at one probe touches no other.
/// </summary>
internal static partial class Script
{
    /// <summary>Secrets the run may hold at once besides what the quota probe asks for: the run refuses with less room.</summary>
    public const int NeededRoom = 6;

    /// <summary>An id of the real form (32 hex digits) that no store or secret has, one per probe.</summary>
    public static string UnknownId(int probe) => "00000000000000000000000000c0f" + probe.ToString("x3", CultureInfo.InvariantCulture);

    /// <summary>A 36-character id (a UUID with dashes), one per probe.</summary>
    public static string LongUnknownId(int probe) =>
        "00000000-0000-0000-0000-000000000" + probe.ToString("x3", CultureInfo.InvariantCulture);

    public static IReadOnlyList<ProbeSpec> Probes { get; } = Build();

    private static List<ProbeSpec> Build() =>
    [
        Known(SecretsStoreKnownErrors.SecretNotFound, "GET stores/{store}/secrets/{unknown id}",
            (c, t) => c.Api.GetAsync($"{c.Secrets}/{UnknownId(1)}", t)),
        Known(SecretsStoreKnownErrors.StoreNotFound, "GET stores/{unknown id}",
            (c, t) => c.Api.GetAsync($"stores/{UnknownId(2)}", t)),
        Known(SecretsStoreKnownErrors.MaximumStoresExceeded,
            "POST stores {name: {prefix}second-store} while the account holds its one store",
            async (c, t) =>
            {
                Answer answer = await c.Api.PostAsync("stores", new { name = c.Name("second-store") }, t);
                c.Ledger.TrackCreatedStore(answer);
                return answer;
            }),
        new(Id(SecretsStoreKnownErrors.MaximumSecretsExceeded), ProbeKinds.KnownError,
            SecretsStoreKnownErrors.MaximumSecretsExceeded.Condition,
            "POST stores/{store}/secrets [quota - usage + 1 secrets] (one request; what it creates is deleted at once)",
            Expect(SecretsStoreKnownErrors.MaximumSecretsExceeded), Inferred(SecretsStoreKnownErrors.MaximumSecretsExceeded),
            QuotaProbeAsync),
        Known(SecretsStoreKnownErrors.SecretNameAlreadyExists, "POST stores/{store}/secrets [{name: a taken name}]",
            (c, t) => c.CreateAsync([Secret(c.RequireA().Name)], t)),
        Known(SecretsStoreKnownErrors.SecretValueTooLong, "POST stores/{store}/secrets [{value: 65,537 bytes}]",
            (c, t) => c.CreateAsync(
                [
                    new
                    {
                        name = c.Name("too-long"),
                        value = RandomNumberGenerator.GetHexString(65_537, lowercase: true),
                        scopes = new[] { "workers" },
                    },
                ],
                t)),
        Known(SecretsStoreKnownErrors.SecretScopeInvalid, "POST stores/{store}/secrets [{scopes: [conformance_unknown_scope]}]",
            (c, t) => c.CreateAsync([SecretWithScopes(c.Name("bad-scope"), ["conformance_unknown_scope"])], t)),
        Known(SecretsStoreKnownErrors.SecretScopesEmpty, "POST stores/{store}/secrets [{scopes: []}]",
            (c, t) => c.CreateAsync([SecretWithScopes(c.Name("no-scopes"), [])], t)),
        Known(SecretsStoreKnownErrors.SecretNameEmpty, "POST stores/{store}/secrets [{name: \"\"}]",
            (c, t) => c.CreateAsync([Secret(string.Empty)], t)),
        Known(SecretsStoreKnownErrors.InvalidJsonBody, "POST stores/{store}/secrets with the body [{\"name\":",
            (c, t) => c.Api.SendAsync(HttpMethod.Post, c.Secrets, "[{\"name\":", t)),
        new(Id(SecretsStoreKnownErrors.StoreNotEmpty), ProbeKinds.KnownError, SecretsStoreKnownErrors.StoreNotEmpty.Condition,
            "DELETE stores/{store} (no force) while it holds the run's secrets; only in a store created for the run",
            Expect(SecretsStoreKnownErrors.StoreNotEmpty), Inferred(SecretsStoreKnownErrors.StoreNotEmpty), StoreNotEmptyProbeAsync),

        new("behaviour/scopes-sorted", ProbeKinds.Behaviour, "scopes in responses",
            "POST stores/{store}/secrets [{scopes: [workers, ai_gateway]}], then GET it",
            new Expectation("[ai_gateway, workers] in the create answer and on GET"), [], ScopesSortedAsync),
        new("behaviour/comment-null", ProbeKinds.Behaviour, "an unset comment",
            "GET stores/{store}/secrets/{a secret created without a comment}",
            new Expectation("\"comment\": null"), [], CommentNullAsync),
        KnownBehaviour("behaviour/long-store-id", "a store id of 36 characters (a UUID with dashes)",
            SecretsStoreKnownErrors.StoreNotFound,
            "GET stores/{36-character id}", (c, t) => c.Api.GetAsync($"stores/{LongUnknownId(3)}", t)),
        KnownBehaviour("behaviour/long-secret-id", "a secret id of 36 characters (a UUID with dashes)",
            SecretsStoreKnownErrors.SecretNotFound,
            "GET stores/{store}/secrets/{36-character id}", (c, t) => c.Api.GetAsync($"{c.Secrets}/{LongUnknownId(4)}", t)),
        KnownBehaviour("behaviour/store-before-body-bulk-delete", "an unknown store and no body (bulk delete)",
            SecretsStoreKnownErrors.StoreNotFound,
            "DELETE stores/{unknown id}/secrets without a body",
            (c, t) => c.Api.SendAsync(HttpMethod.Delete, $"stores/{UnknownId(5)}/secrets", null, t)),
        KnownBehaviour("behaviour/store-before-body-create", "an unknown store and an unreadable body (create)",
            SecretsStoreKnownErrors.StoreNotFound,
            "POST stores/{unknown id}/secrets with the body [{",
            (c, t) => c.Api.SendAsync(HttpMethod.Post, $"stores/{UnknownId(6)}/secrets", "[{", t)),
        new("behaviour/status-after-create", ProbeKinds.Behaviour, "status after create",
            "POST stores/{store}/secrets (the fixtures' create)",
            new Expectation("pending or active (pending was seen on a live create)"), [], StatusAfterCreateAsync),
        new("behaviour/deleted-secret-gone", ProbeKinds.Behaviour, "after a delete",
            "POST a secret, DELETE stores/{store}/secrets/{it}, then GET it and list by its name",
            new Expectation("GET 1001 secret_not_found at once, not listed, no deleted phase"), [], DeletedGoneAsync),

        new("unknown/default-per-page", ProbeKinds.Unknown, "the default per_page",
            "GET stores/{store}/secrets", new Expectation("unknown: result_info.per_page"), [], DefaultPerPageAsync),
        new("unknown/page-honoured", ProbeKinds.Unknown, "whether page is honoured",
            "GET stores/{store}/secrets?search={prefix}&per_page=1&page=1, then page=2", new Expectation("unknown"), [], PageHonouredAsync),
        new("unknown/scopes-filter-comma", ProbeKinds.Unknown, "the scopes filter, comma-joined: format and AND/OR",
            "GET stores/{store}/secrets?search={prefix}&scopes=ai_gateway,workers", new Expectation("unknown"), [],
            (c, t) => ScopesFilterAsync(c, "scopes=ai_gateway,workers", t)),
        new("unknown/scopes-filter-repeated", ProbeKinds.Unknown, "the scopes filter, repeated: format and AND/OR",
            "GET stores/{store}/secrets?search={prefix}&scopes=ai_gateway&scopes=workers", new Expectation("unknown"), [],
            (c, t) => ScopesFilterAsync(c, "scopes=ai_gateway&scopes=workers", t)),
        new("unknown/bulk-delete-partly-unknown", ProbeKinds.Unknown, "a bulk delete naming a known and an unknown id",
            "DELETE stores/{store}/secrets {ids: [{a secret}, {unknown id}]}, then GET the secret",
            new Expectation("unknown: all or nothing?"), [], BulkDeletePartlyUnknownAsync),
        new("unknown/name-length", ProbeKinds.Unknown, "a name of 1,024 characters",
            "POST stores/{store}/secrets [{name: {prefix} + 1,024 - prefix characters}]", new Expectation("unknown: the name limit"), [],
            (c, t) => LengthProbeAsync(c, c.Name(new string('n', 1024 - c.Settings.Prefix.Length)), comment: null, t)),
        new("unknown/comment-length", ProbeKinds.Unknown, "a comment of 10,000 characters",
            "POST stores/{store}/secrets [{comment: 10,000 characters}]", new Expectation("unknown: the comment limit"), [],
            (c, t) => LengthProbeAsync(c, c.Name("long-comment"), new string('c', 10_000), t)),
    ];

    /// <summary>Creates the fixtures A (<c>["workers", "ai_gateway"]</c>, no comment) and C (<c>["workers"]</c>) in one request.</summary>
    public static async Task CreateFixturesAsync(RunContext context, CancellationToken cancellationToken)
    {
        Answer answer = await context.CreateAsync(
            [
                new { name = context.Name("a"), value = RunContext.NewValue(), scopes = new[] { "workers", "ai_gateway" } },
                Secret(context.Name("c")),
            ],
            cancellationToken);
        if (answer.Result is not { ValueKind: JsonValueKind.Array } result || result.GetArrayLength() != 2)
        {
            throw new KitException($"The fixtures could not be created: {answer.Describe()}.");
        }

        context.FixtureCreate = answer;
        context.A = new Fixture(result[0].GetProperty("id").GetString()!, context.Name("a"));
        context.C = new Fixture(result[1].GetProperty("id").GetString()!, context.Name("c"));
    }

    public static Outcome Compare(Expectation expected, Answer answer)
    {
        bool matches = (expected.Status is null || expected.Status == answer.Status) &&
                      (expected.Code is null || expected.Code == answer.Code) &&
                      (expected.Token is null || expected.Token == answer.Token);
        return new Outcome(Observation.Of(answer), matches ? Verdict.Matches : Verdict.Differs);
    }

    private static string Id(SecretsStoreKnownError row) => "known-error/" + row.Token;

    private static Expectation Expect(SecretsStoreKnownError row) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{(int)row.Status} {row.Code} {row.Token}"), (int)row.Status, row.Code, row.Token);

    private static string[] Inferred(SecretsStoreKnownError row) =>
        [.. new[] { row.CodeObserved ? null : "code", row.StatusObserved ? null : "status" }.OfType<string>()];

    private static ProbeSpec Known(SecretsStoreKnownError row, string request, Func<RunContext, CancellationToken, Task<Answer>> send) =>
        KnownBehaviour(Id(row), row.Condition, row, request, send) with { Kind = ProbeKinds.KnownError };

    private static ProbeSpec KnownBehaviour(
        string id,
        string title,
        SecretsStoreKnownError row,
        string request,
        Func<RunContext, CancellationToken, Task<Answer>> send)
    {
        Expectation expected = Expect(row);
        return new ProbeSpec(id, ProbeKinds.Behaviour, title, request, expected, Inferred(row),
            async (c, t) => Compare(expected, await send(c, t)));
    }

    private static object Secret(string name) => SecretWithScopes(name, ["workers"]);

    private static object SecretWithScopes(string name, string[] scopes) => new { name, value = RunContext.NewValue(), scopes };

    private static async Task<Outcome> QuotaProbeAsync(RunContext c, CancellationToken t)
    {
        Answer quota = await c.Api.GetAsync("quota", t);
        if (quota.Result is not { } result || !result.TryGetProperty("secrets", out JsonElement secrets))
        {
            return new Outcome(Observation.Of(quota), Verdict.Differs, "the quota could not be read");
        }

        long limit = secrets.GetProperty("quota").GetInt64();
        long usage = secrets.GetProperty("usage").GetInt64();
        long count = limit - usage + 1;
        if (count is < 1 or > 100)
        {
            return new Outcome(
                null,
                Verdict.Skipped,
                string.Create(CultureInfo.InvariantCulture, $"it would take a batch of {count} secrets"));
        }

        object[] batch = Enumerable.Range(0, (int)count)
            .Select(i => Secret(c.Name(string.Create(CultureInfo.InvariantCulture, $"quota-{i}"))))
            .ToArray();
        Answer answer = await c.CreateAsync(batch, t);
        return Compare(Expect(SecretsStoreKnownErrors.MaximumSecretsExceeded), answer);
    }

    private static async Task<Outcome> StoreNotEmptyProbeAsync(RunContext c, CancellationToken t)
    {
        if (!c.StoreCreatedForRun)
        {
            return new Outcome(null, Verdict.Skipped, "the store is the account's own: the kit never asks to delete it");
        }

        Answer answer = await c.Api.SendAsync(HttpMethod.Delete, $"stores/{c.StoreId}", null, t);
        return Compare(Expect(SecretsStoreKnownErrors.StoreNotEmpty), answer);
    }

    private static async Task<Outcome> ScopesSortedAsync(RunContext c, CancellationToken t)
    {
        string created = ScopesOf(c.FixtureCreate?.Result?[0]);
        Answer read = await c.Api.GetAsync($"{c.Secrets}/{c.RequireA().Id}", t);
        string got = ScopesOf(read.Result);
        string detail = $"create: [{created}]; GET: [{got}]";
        return new Outcome(
            Observation.Of(read, detail),
            created == "ai_gateway, workers" && got == created ? Verdict.Matches : Verdict.Differs);
    }

    private static async Task<Outcome> CommentNullAsync(RunContext c, CancellationToken t)
    {
        Answer read = await c.Api.GetAsync($"{c.Secrets}/{c.RequireA().Id}", t);
        string detail = read.Result is not { } result ? read.Describe()
            : !result.TryGetProperty("comment", out JsonElement comment) ? "comment left out"
            : comment.ValueKind == JsonValueKind.Null ? "\"comment\": null"
            : "comment of kind " + comment.ValueKind.ToString().ToLowerInvariant();
        return new Outcome(Observation.Of(read, detail), detail == "\"comment\": null" ? Verdict.Matches : Verdict.Differs);
    }

    private static Task<Outcome> StatusAfterCreateAsync(RunContext c, CancellationToken t)
    {
        Answer answer = c.FixtureCreate ?? throw new InvalidOperationException("The fixtures were not created.");
        string? status = answer.Result?[0].TryGetProperty("status", out JsonElement s) == true ? s.GetString() : null;
        Verdict verdict = status is "pending" or "active" ? Verdict.Matches : Verdict.Differs;
        return Task.FromResult(new Outcome(Observation.Of(answer, "status: " + (status ?? "none")), verdict));
    }

    private static async Task<Outcome> DeletedGoneAsync(RunContext c, CancellationToken t)
    {
        string name = c.Name("b");
        Answer created = await c.CreateAsync([Secret(name)], t);
        if (created.Result is not { ValueKind: JsonValueKind.Array } result || result.GetArrayLength() != 1)
        {
            return new Outcome(Observation.Of(created, "create: " + created.Describe()), Verdict.Differs);
        }

        string id = result[0].GetProperty("id").GetString()!;
        Answer delete = await c.Api.SendAsync(HttpMethod.Delete, $"{c.Secrets}/{id}", null, t);
        if (delete.Succeeded)
        {
            c.Ledger.Forget(id);
        }

        Answer read = await c.Api.GetAsync($"{c.Secrets}/{id}", t);
        Answer list = await c.Api.GetAsync($"{c.Secrets}?search={Uri.EscapeDataString(name)}", t);
        bool listed = list.Result is { ValueKind: JsonValueKind.Array } items
            && items.EnumerateArray().Any(s => s.GetProperty("id").GetString() == id);
        string readStatus = read.Result is { } secret && secret.TryGetProperty("status", out JsonElement status)
            ? $" (status {status.GetString()})"
            : string.Empty;
        string detail = $"delete: {delete.Describe()}; GET: {read.Describe()}{readStatus}; {(listed ? "still listed" : "not listed")}";
        bool gone = delete.Succeeded
            && read.Code == SecretsStoreKnownErrors.SecretNotFound.Code
            && read.Token == SecretsStoreKnownErrors.SecretNotFound.Token
            && !listed;
        return new Outcome(Observation.Of(read, detail), gone ? Verdict.Matches : Verdict.Differs);
    }

    private static async Task<Outcome> DefaultPerPageAsync(RunContext c, CancellationToken t)
    {
        Answer list = await c.Api.GetAsync(c.Secrets, t);
        string perPage = list.Body is { ValueKind: JsonValueKind.Object } body
            && body.TryGetProperty("result_info", out JsonElement info)
            && info.ValueKind == JsonValueKind.Object && info.TryGetProperty("per_page", out JsonElement value)
            ? value.ToString()
            : "none";
        return new Outcome(Observation.Of(list, $"{list.Describe()}; result_info.per_page: {perPage}"), Verdict.NewlyObserved);
    }

    private static async Task<Outcome> PageHonouredAsync(RunContext c, CancellationToken t)
    {
        string query = $"{c.Secrets}?search={Uri.EscapeDataString(c.Settings.Prefix)}&per_page=1";
        Answer first = await c.Api.GetAsync(query + "&page=1", t);
        Answer second = await c.Api.GetAsync(query + "&page=2", t);
        string detail = !first.Succeeded || !second.Succeeded ? $"page 1: {first.Describe()}; page 2: {second.Describe()}"
            : (Ids(first), Ids(second)) switch
            {
                ([var a], [var b]) when a != b => "page 2 lists another secret than page 1: honoured",
                ([var a], [var b]) when a == b => "page 2 lists the same secret as page 1: ignored",
                (var a, var b) => $"page 1 lists {a.Count}, page 2 lists {b.Count}",
            };
        return new Outcome(Observation.Of(second, detail), Verdict.NewlyObserved);
    }

    private static async Task<Outcome> ScopesFilterAsync(RunContext c, string filter, CancellationToken t)
    {
        Answer list = await c.Api.GetAsync($"{c.Secrets}?search={Uri.EscapeDataString(c.Settings.Prefix)}&{filter}&per_page=100", t);
        if (!list.Succeeded)
        {
            return new Outcome(Observation.Of(list), Verdict.NewlyObserved);
        }

        List<string> ids = Ids(list);
        bool both = ids.Contains(c.RequireA().Id);
        bool workersOnly = ids.Contains(c.RequireC().Id);
        string detail = (both, workersOnly) switch
        {
            (true, false) => "only the secret with both scopes: AND",
            (true, true) => "both secrets: OR",
            (false, true) => "only the secret with workers alone",
            _ => "neither secret",
        };
        return new Outcome(Observation.Of(list, detail), Verdict.NewlyObserved);
    }

    private static async Task<Outcome> BulkDeletePartlyUnknownAsync(RunContext c, CancellationToken t)
    {
        Answer created = await c.CreateAsync([Secret(c.Name("d"))], t);
        if (created.Result is not { ValueKind: JsonValueKind.Array } result || result.GetArrayLength() != 1)
        {
            return new Outcome(Observation.Of(created, "create: " + created.Describe()), Verdict.NewlyObserved);
        }

        string id = result[0].GetProperty("id").GetString()!;
        Answer delete = await c.Api.SendAsync(
            HttpMethod.Delete,
            c.Secrets,
            JsonSerializer.Serialize(new { ids = new[] { id, UnknownId(7) } }),
            t);
        Answer read = await c.Api.GetAsync($"{c.Secrets}/{id}", t);
        if (!read.Succeeded)
        {
            c.Ledger.Forget(id);
        }

        string pointer = delete.FirstError is { } error && error.TryGetProperty("source", out JsonElement source)
            && source.TryGetProperty("pointer", out JsonElement p)
            ? $", pointer {ShownPointer(p)}"
            : string.Empty;
        string detail = $"{delete.Describe()}{pointer}; the known secret "
            + (read.Succeeded ? "is still there: all or nothing" : "was deleted: partial");
        return new Outcome(Observation.Of(delete, detail), Verdict.NewlyObserved);
    }

    /// <summary>
    /// A JSON pointer as the report may hold it: field names (lowercase letters and underscores) and indexes, such as
    /// <c>/ids/1</c>. Anything else (an id, a name, the account) is not repeated: the report holds no server text.
    /// </summary>
    internal static string ShownPointer(JsonElement pointer) =>
        pointer.ValueKind == JsonValueKind.String && PointerShape().IsMatch(pointer.GetString()!)
            ? pointer.GetString()!
            : "(not shown: not field names and indexes)";

    [GeneratedRegex("^(/([a-z_]{1,64}|[0-9]{1,6})){0,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex PointerShape();

    private static async Task<Outcome> LengthProbeAsync(RunContext c, string name, string? comment, CancellationToken t)
    {
        Answer answer = await c.CreateAsync([new { name, value = RunContext.NewValue(), scopes = new[] { "workers" }, comment }], t);
        string detail = answer.Succeeded ? $"{answer.Status}: accepted" : answer.Describe();
        return new Outcome(Observation.Of(answer, detail), Verdict.NewlyObserved);
    }

    private static string ScopesOf(JsonElement? secret) =>
        secret is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("scopes", out JsonElement scopes)
            && scopes.ValueKind == JsonValueKind.Array
            ? string.Join(", ", scopes.EnumerateArray().Select(scope => scope.GetString()))
            : "none";

    private static List<string> Ids(Answer list) =>
        list.Result is { ValueKind: JsonValueKind.Array } items
            ? [.. items.EnumerateArray().Select(s => s.GetProperty("id").GetString()!)]
            : [];
}

/// <summary>A condition that stops the run with a message for people (never a credential or a value).</summary>
internal sealed class KitException(string message) : Exception(message);
