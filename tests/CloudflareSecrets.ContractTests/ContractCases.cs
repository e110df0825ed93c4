using System.Collections.Specialized;
using System.Text.Json.Nodes;
using System.Web;

namespace CloudflareSecrets.ContractTests;

/// <summary>
/// Every operation of the spec called through the facade, with every optional parameter set in at least one case.
/// Prism answers with the spec's examples whatever was asked, so each case also checks what was sent.
/// </summary>
internal static class ContractCases
{
    private const string OtherSecretId = "4ad85f74b32742f1bff64a85009dda08";

    public static IReadOnlyList<ContractCase> All { get; } =
    [
        new("secrets-store-quota", "GetQuotaAsync returns the example quota", async call =>
        {
            SecretsQuota quota = await call.Client.GetQuotaAsync();

            Assert.That(quota, Is.EqualTo(new SecretsQuota(SpecExamples.Quota, SpecExamples.Usage)));
        }),

        // Prism's example says total_pages 100 and repeats the page: only the repeated-page guard ends the enumeration.
        new("secrets-store-list", "ListStoresAsync with defaults asks 100 per page and stops at the repeated page", async call =>
        {
            List<SecretStore> stores = await call.Client.ListStoresAsync().ToListAsync();

            Assert.That(stores, Is.EqualTo(new[] { SpecExamples.Store }));
            IReadOnlyList<Exchange> sent = call.Exchanges();
            Assert.That(sent.Select(e => Query(e)["page"]), Is.EqualTo(new[] { "1", "2" }));
            Assert.That(sent.Select(e => Query(e)["per_page"]), Is.All.EqualTo("100"));
            Assert.That(
                Query(sent[0]).AllKeys, Is.EquivalentTo(new[] { "page", "per_page" }), "defaults leave order and direction to Cloudflare");
        }, Requests: 2),

        new("secrets-store-list",
            "ListStoresAsync with order, direction and page size sends them and pages show the example result_info", async call =>
        {
            var options = new ListStoresOptions { Order = StoreOrder.Name, Direction = SortDirection.Ascending, PageSize = 25 };

            List<Page<SecretStore>> pages = await call.Client.ListStoresAsync(options).AsPages().ToListAsync();

            Assert.That(pages, Has.Count.EqualTo(1), "the repeated second page is not yielded");
            Assert.That(pages[0].Values, Is.EqualTo(new[] { SpecExamples.Store }));
            Assert.That(pages[0].Info, Is.EqualTo(SpecExamples.PageInfo));
            NameValueCollection query = Query(call.Exchanges()[0]);
            Assert.That((query["order"], query["direction"], query["per_page"], query["page"]), Is.EqualTo(("name", "asc", "25", "1")));
        }, Requests: 2),

        new("secrets-store-create", "CreateStoreAsync sends the name and returns the example store", async call =>
        {
            SecretStore store = await call.Client.CreateStoreAsync(SpecExamples.StoreName);

            Assert.That(store, Is.EqualTo(SpecExamples.Store));
            AssertJson(call.Exchanges()[0].RequestBody, """{"name":"service_x_keys"}""");
        }),

        new("secrets-store-get-store-by-id", "GetStoreAsync returns the example store", async call =>
        {
            SecretStore store = await call.Client.GetStoreAsync(SpecExamples.StoreId);

            Assert.That(store, Is.EqualTo(SpecExamples.Store));
        }),

        new("secrets-store-delete-by-id", "DeleteStoreAsync without force sends no force parameter", async call =>
        {
            await call.Client.DeleteStoreAsync(SpecExamples.StoreId);

            Assert.That(call.Exchanges()[0].Uri.Query, Is.Empty);
        }),

        new("secrets-store-delete-by-id", "DeleteStoreAsync with force sends force=true", async call =>
        {
            await call.Client.DeleteStoreAsync(SpecExamples.StoreId, force: true);

            Assert.That(Query(call.Exchanges()[0])["force"], Is.EqualTo("true"));
        }),

        new("secrets-store-secrets-list", "ListSecretsAsync with defaults asks 100 per page and stops at the repeated page", async call =>
        {
            List<Secret> secrets = await call.Client.ListSecretsAsync(SpecExamples.StoreId).ToListAsync();

            Assert.That(secrets, Is.EqualTo(new[] { SpecExamples.Secret }));
            IReadOnlyList<Exchange> sent = call.Exchanges();
            Assert.That(sent.Select(e => Query(e)["page"]), Is.EqualTo(new[] { "1", "2" }));
            Assert.That(Query(sent[0]).AllKeys, Is.EquivalentTo(new[] { "page", "per_page" }));
        }, Requests: 2),

        new("secrets-store-secrets-list",
            "ListSecretsAsync with search, scopes, order, direction and page size sends them all", async call =>
        {
            var options = new ListSecretsOptions
            {
                Search = "info about my", // matches the example comment; the space must be encoded
                Scopes = [SecretScopes.Workers, SecretScopes.AiGateway],
                Order = SecretOrder.Modified,
                Direction = SortDirection.Descending,
                PageSize = 10,
            };

            List<Secret> secrets = await call.Client.ListSecretsAsync(SpecExamples.StoreId, options).ToListAsync();

            Assert.That(secrets, Is.EqualTo(new[] { SpecExamples.Secret }));
            NameValueCollection query = Query(call.Exchanges()[0]);
            Assert.That(
                (query["search"], query["order"], query["direction"], query["per_page"]),
                Is.EqualTo(("info about my", "modified", "desc", "10")));
            // The spec says explode: false (one comma-joined value). Prism also accepts repeated parameters, so this is checked here.
            Assert.That(query.GetValues("scopes"), Is.EqualTo(new[] { "workers,ai_gateway" }));
        }, Requests: 2),

        new("secrets-store-list", "ListStoresAsync sends every StoreOrder and SortDirection as a value the spec allows", async call =>
        {
            IEnumerable<StoreOrder?> orders = Enum.GetValues<StoreOrder>().Select(o => (StoreOrder?)o).Append(null);
            foreach ((StoreOrder? order, SortDirection direction) in orders.SelectMany(
                o => Enum.GetValues<SortDirection>().Select(d => (o, d))))
            {
                await FirstPageAsync(call.Client.ListStoresAsync(new ListStoresOptions { Order = order, Direction = direction }));
            }

            Assert.That(call.Exchanges().Select(e => (Query(e)["order"], Query(e)["direction"])), Is.EquivalentTo(new (string?, string?)[]
            {
                ("created", "desc"), ("created", "asc"), ("name", "desc"), ("name", "asc"),
                ("modified", "desc"), ("modified", "asc"), (null, "desc"), (null, "asc"),
            }));
        }, Requests: 8),

        new("secrets-store-secrets-list", "ListSecretsAsync sends every SecretOrder as a value the spec allows", async call =>
        {
            foreach (SecretOrder order in Enum.GetValues<SecretOrder>())
            {
                await FirstPageAsync(call.Client.ListSecretsAsync(SpecExamples.StoreId, new ListSecretsOptions { Order = order }));
            }

            Assert.That(
                call.Exchanges().Select(e => Query(e)["order"]),
                Is.EquivalentTo(new[] { "created", "name", "comment", "modified", "status" }));
        }, Requests: 5),

        new("secrets-store-secrets-list", "FindSecretByNameAsync searches by the name and stops at the first page holding it", async call =>
        {
            Secret? secret = await call.Client.FindSecretByNameAsync(SpecExamples.StoreId, SpecExamples.SecretName);

            Assert.That(secret, Is.EqualTo(SpecExamples.Secret));
            Assert.That(Query(call.Exchanges()[0])["search"], Is.EqualTo(SpecExamples.SecretName));
        }),

        new("secrets-store-secret-create", "CreateSecretAsync with a comment sends a one-element array", async call =>
        {
            Secret secret = await call.Client.CreateSecretAsync(
                SpecExamples.StoreId,
                SpecExamples.SecretName,
                SpecExamples.SecretValue,
                [SecretScopes.Workers, SecretScopes.AiGateway],
                SpecExamples.SecretComment);

            Assert.That(secret, Is.EqualTo(SpecExamples.Secret));
            AssertJson(
                call.Exchanges()[0].RequestBody,
                """[{"name":"MY_API_KEY","value":"api-token-secret-123","scopes":"""
                + """["workers","ai_gateway"],"comment":"info about my secret"}]""");
        }),

        new("secrets-store-secret-create", "CreateSecretAsync without a comment sends no comment", async call =>
        {
            Secret secret = await call.Client.CreateSecretAsync(
                SpecExamples.StoreId, SpecExamples.SecretName, SpecExamples.SecretValue, [SecretScopes.Workers]);

            Assert.That(secret, Is.EqualTo(SpecExamples.Secret));
            AssertJson(call.Exchanges()[0].RequestBody, """[{"name":"MY_API_KEY","value":"api-token-secret-123","scopes":["workers"]}]""");
        }),

        new("secrets-store-secret-create", "CreateSecretsAsync sends batches of CreateBatchSize in order", async call =>
        {
            NewSecret[] secrets =
            [
                new("A_KEY", "a-value", [SecretScopes.Workers]),
                new("B_KEY", "b-value", [SecretScopes.AiGateway, SecretScopes.Dex], "second"),
                new("C_KEY", "c-value", [SecretScopes.Access]),
            ];

            IReadOnlyList<Secret> created = await call.Client.CreateSecretsAsync(SpecExamples.StoreId, secrets);

            // Prism answers every batch with its one example secret, whatever was sent.
            Assert.That(created, Has.Count.EqualTo(2).And.All.EqualTo(SpecExamples.Secret));
            IReadOnlyList<Exchange> sent = call.Exchanges();
            AssertJson(
                sent[0].RequestBody,
                """[{"name":"A_KEY","value":"a-value","scopes":["workers"]},"""
                + """{"name":"B_KEY","value":"b-value","scopes":["ai_gateway","dex"],"comment":"second"}]""");
            AssertJson(sent[1].RequestBody, """[{"name":"C_KEY","value":"c-value","scopes":["access"]}]""");
        }, Requests: 2, Configure: options => options.CreateBatchSize = 2),

        new("secrets-store-delete-bulk", "DeleteSecretsAsync sends the ids in a JSON body", async call =>
        {
            await call.Client.DeleteSecretsAsync(SpecExamples.StoreId, [SpecExamples.SecretId, OtherSecretId]);

            AssertJson(call.Exchanges()[0].RequestBody, $$"""{"ids":["{{SpecExamples.SecretId}}","{{OtherSecretId}}"]}""");
        }),

        new("secrets-store-get-by-id", "GetSecretAsync returns the example secret", async call =>
        {
            Secret secret = await call.Client.GetSecretAsync(SpecExamples.StoreId, SpecExamples.SecretId);

            Assert.That(secret, Is.EqualTo(SpecExamples.Secret));
        }),

        new("secrets-store-patch-by-id", "UpdateSecretAsync with only a value sends only the value", async call =>
        {
            Secret secret = await call.Client.UpdateSecretAsync(
                SpecExamples.StoreId, SpecExamples.SecretId, new SecretUpdate { Value = "new-value" });

            Assert.That(secret, Is.EqualTo(SpecExamples.Secret));
            AssertJson(call.Exchanges()[0].RequestBody, """{"value":"new-value"}""");
        }),

        new("secrets-store-patch-by-id", "UpdateSecretAsync with scopes and a comment sends only those", async call =>
        {
            Secret secret = await call.Client.UpdateSecretAsync(
                SpecExamples.StoreId,
                SpecExamples.SecretId,
                new SecretUpdate { Scopes = [SecretScopes.Workers, SecretScopes.Containers], Comment = "rotated" });

            Assert.That(secret, Is.EqualTo(SpecExamples.Secret));
            AssertJson(call.Exchanges()[0].RequestBody, """{"scopes":["workers","containers"],"comment":"rotated"}""");
        }),

        new("secrets-store-patch-by-id", "UpdateSecretAsync with value, scopes and comment sends all three", async call =>
        {
            var update = new SecretUpdate { Value = "new-value", Scopes = [SecretScopes.WebSearch], Comment = string.Empty };

            Secret secret = await call.Client.UpdateSecretAsync(SpecExamples.StoreId, SpecExamples.SecretId, update);

            Assert.That(secret, Is.EqualTo(SpecExamples.Secret));
            AssertJson(call.Exchanges()[0].RequestBody, """{"value":"new-value","scopes":["websearch"],"comment":""}""");
        }),

        new("secrets-store-secret-delete-by-id", "DeleteSecretAsync is accepted (202)", async call =>
        {
            await call.Client.DeleteSecretAsync(SpecExamples.StoreId, SpecExamples.SecretId);

            Assert.That((int)call.Exchanges()[0].Status, Is.EqualTo(202));
        }),

        new("secrets-store-duplicate-by-id", "DuplicateSecretAsync without a comment sends name and scopes", async call =>
        {
            Secret copy = await call.Client.DuplicateSecretAsync(
                SpecExamples.StoreId, SpecExamples.SecretId, "MY_API_KEY_COPY", [SecretScopes.Workers]);

            Assert.That(copy, Is.EqualTo(SpecExamples.Secret));
            AssertJson(call.Exchanges()[0].RequestBody, """{"name":"MY_API_KEY_COPY","scopes":["workers"]}""");
        }),

        new("secrets-store-duplicate-by-id", "DuplicateSecretAsync with a comment sends it", async call =>
        {
            Secret copy = await call.Client.DuplicateSecretAsync(
                SpecExamples.StoreId, SpecExamples.SecretId, "MY_API_KEY_COPY", [SecretScopes.AiGateway], "copy for the gateway");

            Assert.That(copy, Is.EqualTo(SpecExamples.Secret));
            AssertJson(
                call.Exchanges()[0].RequestBody, """{"name":"MY_API_KEY_COPY","scopes":["ai_gateway"],"comment":"copy for the gateway"}""");
        }),
    ];

    /// <summary>Reads only the first page: one request.</summary>
    private static async Task FirstPageAsync<T>(AsyncPageable<T> pageable)
    {
        await foreach (Page<T> page in pageable.AsPages())
        {
            Assert.That(page.Values, Is.Not.Empty);
            break;
        }
    }

    private static NameValueCollection Query(Exchange exchange) => HttpUtility.ParseQueryString(exchange.Uri.Query);

    /// <summary>Compares JSON by value: property order and white space do not matter.</summary>
    private static void AssertJson(string? actual, string expected)
    {
        Assert.That(actual, Is.Not.Null, "the request had no body");
        Assert.That(
            JsonNode.DeepEquals(JsonNode.Parse(actual!), JsonNode.Parse(expected)),
            Is.True,
            $"body {actual}{Environment.NewLine}expected {expected}");
    }
}
