using System.Text.Json;
using CloudflareSecrets.Emulator.Hosting;
using CloudflareSecrets.Emulator.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudflareSecrets.Emulator.Http;

/// <summary>
/// The 12 Secrets Store operations: route table and handlers. Handlers only translate HTTP into calls on
/// <see cref="SecretsStoreState"/>; failures are thrown as <see cref="ApiErrorException"/> and written by the pipeline.
/// </summary>
internal sealed class SecretsStoreEndpoints(SecretsStoreState state, EmulatorSettings settings)
{
    public const string ApiPrefix = "/client/v4";
    private const string Prefix = ApiPrefix + "/accounts/{accountId}/secrets_store";

    public void Map(IEndpointRouteBuilder routes)
    {
        Resource(routes, "/quota", ("GET", GetQuota));
        Resource(routes, "/stores", ("GET", ListStores), ("POST", CreateStore));
        Resource(routes, "/stores/{storeId}", ("GET", GetStore), ("DELETE", DeleteStore));
        Resource(routes, "/stores/{storeId}/secrets", ("GET", ListSecrets), ("POST", CreateSecrets), ("DELETE", DeleteSecrets));
        Resource(routes, "/stores/{storeId}/secrets/{secretId}", ("GET", GetSecret), ("PATCH", PatchSecret), ("DELETE", DeleteSecret));
        Resource(routes, "/stores/{storeId}/secrets/{secretId}/duplicate", ("POST", DuplicateSecret));
    }

    /// <summary>The terminal answer for requests no route matched.</summary>
    public static Task NoRoute(HttpContext context) =>
        throw ApiErrorException.Single(StatusCodes.Status404NotFound, EmulatorErrorCodes.NoRoute, "No route for the URI");

    private static void Resource(IEndpointRouteBuilder routes, string path, params (string Method, RequestDelegate Handler)[] operations)
    {
        foreach ((string? method, RequestDelegate? handler) in operations)
        {
            routes.MapMethods(Prefix + path, [method], handler);
        }

        // A catch-all for the same path with a later order: routing prefers the method-specific endpoints, and any
        // other method lands here instead of in ASP.NET Core's bodiless 405.
        string allow = string.Join(", ", operations.Select(operation => operation.Method));
        routes.Map(Prefix + path, context =>
            {
                context.Response.Headers.Allow = allow;
                throw ApiErrorException.Single(
                    StatusCodes.Status405MethodNotAllowed,
                    EmulatorErrorCodes.MethodNotAllowed,
                    $"Method {context.Request.Method} not allowed for this route (allowed: {allow})");
            })
            .Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = 1);
    }

    private Task GetQuota(HttpContext context) =>
        Ok(context, state.GetQuota(Account(context)));

    private Task ListStores(HttpContext context)
    {
        string account = Account(context);
        ListQuery query = QueryParameters.ParseList(context.Request.Query, Sorting.StoreOrders);
        return OkPage(context, state.ListStores(account, query));
    }

    private async Task CreateStore(HttpContext context)
    {
        string account = Account(context);
        JsonElement body = await JsonBody.ReadAsync(context);
        JsonBody.RequireObject(body, string.Empty);
        string name = JsonBody.RequiredString(body, "name", "/name");
        if (SecretRules.CheckStoreName(name) is { } problem)
        {
            throw Fail(problem, "/name");
        }

        await Ok(context, state.CreateStore(account, name));
    }

    private Task GetStore(HttpContext context)
    {
        string account = Account(context);
        return Ok(context, state.GetStore(account, PathId(context, "storeId")));
    }

    private Task DeleteStore(HttpContext context)
    {
        string account = Account(context);
        string storeId = PathId(context, "storeId");
        bool force = QueryParameters.ParseBoolean(context.Request.Query, "force");
        state.DeleteStore(account, storeId, force);
        return EnvelopeWriter.WriteSuccessAsync(context, StatusCodes.Status200OK, null);
    }

    private Task ListSecrets(HttpContext context)
    {
        string account = Account(context);
        string storeId = PathId(context, "storeId");
        ListQuery query = QueryParameters.ParseList(context.Request.Query, Sorting.SecretOrders);
        SecretFilter filter = QueryParameters.ParseSecretFilter(context.Request.Query);
        return OkPage(context, state.ListSecrets(account, storeId, query, filter));
    }

    private async Task CreateSecrets(HttpContext context)
    {
        string account = Account(context);
        string storeId = PathId(context, "storeId");
        RequireStore(account, storeId);
        JsonElement body = await JsonBody.ReadAsync(context);
        if (body.ValueKind != JsonValueKind.Array)
        {
            // Readable JSON of the wrong shape is what Cloudflare's invalid_json_body names.
            throw ApiErrorException.Known(SecretsStoreKnownErrors.InvalidJsonBody, pointer: string.Empty);
        }

        if (body.GetArrayLength() == 0)
        {
            throw ApiErrorException.Validation("the request body must hold at least one secret", string.Empty);
        }

        // Every element is checked and every problem reported before anything is created: the batch is all or nothing.
        var secrets = new List<SecretDraft>();
        var problems = new List<ApiMessage>();
        int index = 0;
        foreach (JsonElement item in body.EnumerateArray())
        {
            try
            {
                secrets.Add(ReadNewSecret(item, $"/{index}"));
            }
            catch (ApiErrorException error)
            {
                problems.AddRange(error.Errors);
            }

            index++;
        }

        if (problems.Count > 0)
        {
            throw new ApiErrorException(StatusCodes.Status400BadRequest, problems);
        }

        IReadOnlyList<SecretView> created = state.CreateSecrets(account, storeId, secrets);
        await Ok(context, created);
    }

    private async Task DeleteSecrets(HttpContext context)
    {
        string account = Account(context);
        string storeId = PathId(context, "storeId");
        RequireStore(account, storeId);
        JsonElement body = await JsonBody.ReadAsync(context);
        JsonBody.RequireObject(body, string.Empty);
        IReadOnlyList<string> ids =
            JsonBody.OptionalStringArray(body, "ids", "/ids") ?? throw ApiErrorException.Validation("ids is required", "/ids");
        if (ids.Count == 0)
        {
            throw ApiErrorException.Validation("ids must list at least one secret id", "/ids");
        }

        // An id of any form is looked up as it is: one that cannot exist (over 32 characters) is an unknown id.
        state.DeleteSecrets(account, storeId, ids);
        await EnvelopeWriter.WriteSuccessAsync(context, StatusCodes.Status202Accepted, null);
    }

    private Task GetSecret(HttpContext context)
    {
        string account = Account(context);
        string storeId = PathId(context, "storeId");
        return Ok(context, state.GetSecret(account, storeId, PathId(context, "secretId")));
    }

    private async Task PatchSecret(HttpContext context)
    {
        string account = Account(context);
        string storeId = PathId(context, "storeId");
        string secretId = PathId(context, "secretId");
        RequireStore(account, storeId);
        JsonElement body = await JsonBody.ReadAsync(context);
        JsonBody.RequireObject(body, string.Empty);

        string? value = JsonBody.OptionalString(body, "value", "/value");
        if (value is not null && SecretRules.CheckValue(value) is { } valueProblem)
        {
            throw Fail(valueProblem, "/value");
        }

        IReadOnlyList<string>? scopes = JsonBody.OptionalStringArray(body, "scopes", "/scopes");
        if (scopes is not null && SecretRules.CheckScopes(scopes, settings.AcceptedScopes) is { } scopesProblem)
        {
            throw Fail(scopesProblem, "/scopes");
        }

        string? comment = JsonBody.OptionalString(body, "comment", "/comment");
        var patch = new SecretPatch(value, scopes is null ? null : SecretRules.NormalizeScopes(scopes), comment);
        await Ok(context, state.PatchSecret(account, storeId, secretId, patch));
    }

    private Task DeleteSecret(HttpContext context)
    {
        string account = Account(context);
        string storeId = PathId(context, "storeId");
        state.DeleteSecret(account, storeId, PathId(context, "secretId"));
        return EnvelopeWriter.WriteSuccessAsync(context, StatusCodes.Status202Accepted, null);
    }

    private async Task DuplicateSecret(HttpContext context)
    {
        string account = Account(context);
        string storeId = PathId(context, "storeId");
        string secretId = PathId(context, "secretId");
        RequireStore(account, storeId);
        JsonElement body = await JsonBody.ReadAsync(context);
        JsonBody.RequireObject(body, string.Empty);
        string name = JsonBody.RequiredString(body, "name", "/name");
        if (SecretRules.CheckSecretName(name) is { } nameProblem)
        {
            throw Fail(nameProblem, "/name");
        }

        IReadOnlyList<string>? scopes = JsonBody.OptionalStringArray(body, "scopes", "/scopes");
        if (SecretRules.CheckScopes(scopes, settings.AcceptedScopes) is { } scopesProblem)
        {
            throw Fail(scopesProblem, "/scopes");
        }

        // Only the value is copied: name, scopes and comment are exactly what the request says.
        string? comment = JsonBody.OptionalString(body, "comment", "/comment");
        await Ok(context, state.DuplicateSecret(account, storeId, secretId, name, SecretRules.NormalizeScopes(scopes!), comment));
    }

    private SecretDraft ReadNewSecret(JsonElement item, string pointer)
    {
        JsonBody.RequireObject(item, pointer);
        var problems = new List<ApiMessage>();
        (bool Ok, string? Value) name = Read(problems, () => JsonBody.RequiredString(item, "name", $"{pointer}/name"));
        (bool Ok, string? Value) value = Read(problems, () => JsonBody.RequiredString(item, "value", $"{pointer}/value"));
        (bool Ok, IReadOnlyList<string>? Value) scopes =
            Read(problems, () => JsonBody.OptionalStringArray(item, "scopes", $"{pointer}/scopes") ?? []);
        (bool Ok, string? Value) comment = Read(problems, () => JsonBody.OptionalString(item, "comment", $"{pointer}/comment"));

        // Rules apply only to fields that were readable: a wrong type is reported once, not twice.
        AddProblem(problems, name.Ok ? SecretRules.CheckSecretName(name.Value) : null, $"{pointer}/name");
        AddProblem(problems, value.Ok ? SecretRules.CheckValue(value.Value!) : null, $"{pointer}/value");
        AddProblem(problems, scopes.Ok ? SecretRules.CheckScopes(scopes.Value, settings.AcceptedScopes) : null, $"{pointer}/scopes");
        if (problems.Count > 0)
        {
            throw new ApiErrorException(StatusCodes.Status400BadRequest, problems);
        }

        return new SecretDraft(name.Value!, value.Value!, SecretRules.NormalizeScopes(scopes.Value!), comment.Value);
    }

    private static (bool Ok, T? Value) Read<T>(List<ApiMessage> problems, Func<T?> read)
    {
        try
        {
            return (true, read());
        }
        catch (ApiErrorException error)
        {
            problems.AddRange(error.Errors);
            return (false, default);
        }
    }

    private static void AddProblem(List<ApiMessage> problems, Problem? problem, string pointer)
    {
        if (problem is not null)
        {
            problems.Add(problem.ToMessage(pointer));
        }
    }

    private static ApiErrorException Fail(Problem problem, string pointer) =>
        new(StatusCodes.Status400BadRequest, [problem.ToMessage(pointer)]);

    private string Account(HttpContext context)
    {
        string accountId = Id(context, "accountId", "account_id");
        if (settings.Accounts is { } known && !known.Contains(accountId))
        {
            throw ApiErrorException.Single(
                StatusCodes.Status404NotFound,
                EmulatorErrorCodes.NoRoute,
                $"Could not route to {context.Request.Path}, perhaps your object identifier is invalid?");
        }

        return accountId;
    }

    private static string Id(HttpContext context, string routeValue, string name)
    {
        string id = (string)context.GetRouteValue(routeValue)!;
        SecretRules.ThrowIfInvalidId(id, name);
        return id;
    }

    /// <summary>
    /// A store or secret id from the path, taken as it is: an id of any other form (longer than 32 characters, a UUID
    /// with dashes) is simply not found, <c>store_not_found</c> or <c>secret_not_found</c> (1001). Observed:
    /// alchemy-run/distilled packages/cloudflare/test/secrets-store.test.ts, live tests with 36-character ids.
    /// </summary>
    private static string PathId(HttpContext context, string routeValue) => (string)context.GetRouteValue(routeValue)!;

    /// <summary>
    /// The store is looked up before the body is read: an unknown store answers <c>store_not_found</c> even when the
    /// body is missing or unreadable. Observed: alchemy-run/distilled packages/cloudflare/test/secrets-store.test.ts
    /// (a bulk delete without a body on an unknown store is <c>StoreNotFound</c>, live tests).
    /// </summary>
    private void RequireStore(string account, string storeId) => state.RequireStore(account, storeId);

    private static Task Ok(HttpContext context, object result) =>
        EnvelopeWriter.WriteSuccessAsync(context, StatusCodes.Status200OK, result);

    private static Task OkPage<T>(HttpContext context, PageView<T> page) =>
        EnvelopeWriter.WriteSuccessAsync(
            context,
            StatusCodes.Status200OK,
            page.Items,
            new ResultInfo(page.Page, page.PerPage, page.Items.Count, page.TotalCount, page.TotalPages));
}
