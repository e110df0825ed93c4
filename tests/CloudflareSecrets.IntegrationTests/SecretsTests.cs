using System.Net;
using CloudflareSecrets.Emulator;
using CloudflareSecrets.IntegrationTests.Support;

namespace CloudflareSecrets.IntegrationTests;

[TestFixture(ClientKind.Constructed)]
[TestFixture(ClientKind.DependencyInjection)]
public sealed class SecretsTests(ClientKind kind) : EmulatorTests(kind)
{
    private const string UnknownId = "ffffffffffffffffffffffffffffffff";

    [Test]
    public async Task ACreatedSecret_HoldsTheValueSent_AndReadsBackWithoutIt()
    {
        SecretStore store = await NewStoreAsync();

        Secret created = await Client.CreateSecretAsync(
            store.Id,
            "MY_API_KEY",
            "api-token-secret-123",
            [SecretScopes.Workers, SecretScopes.AiGateway],
            comment: "info about my secret");
        Secret read = await Client.GetSecretAsync(store.Id, created.Id);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.Id, Does.Match("^[0-9a-f]{32}$"));
            Assert.That(created.Name, Is.EqualTo("MY_API_KEY"));
            Assert.That(created.StoreId, Is.EqualTo(store.Id));
            Assert.That(created.IsActive, Is.True);
            Assert.That(created.Scopes, Is.EqualTo(new[] { SecretScopes.AiGateway, SecretScopes.Workers }), "sorted, as the API answers");
            Assert.That(created.Comment, Is.EqualTo("info about my secret"));
            Assert.That(created.Created, Is.EqualTo(created.Modified));
            Assert.That(read, Is.EqualTo(created));
            Assert.That(StoredValue(store.Id, created.Id), Is.EqualTo("api-token-secret-123"));
        }
    }

    [Test]
    public async Task CreatingMany_SendsBatchesOfCreateBatchSize_AndReturnsThemInTheOrderGiven()
    {
        SecretStore store = await NewStoreAsync();
        ISecretsStoreClient client = CreateClient(o => o.CreateBatchSize = 2);
        NewSecret[] wanted =
        [
            .. new[] { "ZULU", "ALPHA", "MIKE", "BRAVO", "YANKEE" }
                .Select((name, i) => new NewSecret(name, $"value-{i}", [SecretScopes.Workers], $"comment {i}")),
        ];
        int before = Requests().Count;

        IReadOnlyList<Secret> created = await client.CreateSecretsAsync(store.Id, wanted);

        IReadOnlyList<RecordedRequest> posts = Requests().Skip(before).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                posts.Select(r => (r.Method, r.StatusCode)), Is.EqualTo(Enumerable.Repeat(("POST", 200), 3)), "5 secrets in batches of 2");
            Assert.That(created.Select(s => s.Name), Is.EqualTo(wanted.Select(s => s.Name)));
            Assert.That(created.Select(s => s.Comment), Is.EqualTo(wanted.Select(s => s.Comment)));
            Assert.That(created.Select(s => StoredValue(store.Id, s.Id)), Is.EqualTo(wanted.Select(s => s.Value)));
            Assert.That(await Client.ListSecretsAsync(store.Id).CountAsync(), Is.EqualTo(5));
        }
    }

    [Test]
    public async Task FindingByName_ReturnsTheExactMatchOnly()
    {
        SecretStore store = await NewStoreAsync();
        IReadOnlyList<Secret> created = await Client.CreateSecretsAsync(store.Id,
        [
            new NewSecret("API_KEY_2", "v1", [SecretScopes.Workers]),
            new NewSecret("api_key", "v2", [SecretScopes.Workers]),
            new NewSecret("API_KEY", "v3", [SecretScopes.Workers]),
            new NewSecret("OTHER", "v4", [SecretScopes.Workers], "mentions API_KEY"),
        ]);

        Secret? found = await Client.FindSecretByNameAsync(store.Id, "API_KEY");
        Secret? missing = await Client.FindSecretByNameAsync(store.Id, "API");

        Assert.That(found, Is.EqualTo(created[2]));
        Assert.That(missing, Is.Null);
    }

    [Test]
    public async Task UpdatingAValueAndComment_ChangesThem_AndKeepsTheScopes()
    {
        SecretStore store = await NewStoreAsync();
        Secret secret = await Client.CreateSecretAsync(
            store.Id, "ROTATED", "old-value", [SecretScopes.Workers, SecretScopes.Access], "before");

        Secret updated = await Client.UpdateSecretAsync(store.Id, secret.Id, new SecretUpdate { Value = "new-value", Comment = "after" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(StoredValue(store.Id, secret.Id), Is.EqualTo("new-value"));
            Assert.That(updated.Comment, Is.EqualTo("after"));
            Assert.That(updated.Scopes, Is.EqualTo(secret.Scopes));
            Assert.That(updated.Modified, Is.GreaterThanOrEqualTo(secret.Modified));
            Assert.That(await Client.GetSecretAsync(store.Id, secret.Id), Is.EqualTo(updated));
        }
    }

    [Test]
    public async Task UpdatingScopesOnly_KeepsTheValueAndComment()
    {
        SecretStore store = await NewStoreAsync();
        Secret secret = await Client.CreateSecretAsync(store.Id, "SCOPED", "kept-value", [SecretScopes.Workers], "kept");

        Secret updated = await Client.UpdateSecretAsync(
            store.Id, secret.Id, new SecretUpdate { Scopes = [SecretScopes.AiGateway, SecretScopes.Dex] });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(updated.Scopes, Is.EqualTo(new[] { SecretScopes.AiGateway, SecretScopes.Dex }));
            Assert.That(updated.Comment, Is.EqualTo("kept"));
            Assert.That(StoredValue(store.Id, secret.Id), Is.EqualTo("kept-value"));
        }
    }

    [Test]
    public async Task Duplicating_CopiesTheValue_UnderTheNewNameScopesAndComment()
    {
        SecretStore store = await NewStoreAsync();
        Secret original = await Client.CreateSecretAsync(store.Id, "ORIGINAL", "shared-value", [SecretScopes.Workers], "the original");

        Secret copy = await Client.DuplicateSecretAsync(store.Id, original.Id, "ORIGINAL_COPY", [SecretScopes.AiGateway], "the copy");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(copy.Id, Is.Not.EqualTo(original.Id));
            Assert.That(copy.Name, Is.EqualTo("ORIGINAL_COPY"));
            Assert.That(copy.Scopes, Is.EqualTo(new[] { SecretScopes.AiGateway }));
            Assert.That(copy.Comment, Is.EqualTo("the copy"));
            Assert.That(StoredValue(store.Id, copy.Id), Is.EqualTo("shared-value"));
            Assert.That(await Client.GetSecretAsync(store.Id, original.Id), Is.EqualTo(original), "the original is unchanged");
        }

        // A copy is a secret of its own: changing the original leaves it alone.
        await Client.UpdateSecretAsync(store.Id, original.Id, new SecretUpdate { Value = "changed" });
        Assert.That(StoredValue(store.Id, copy.Id), Is.EqualTo("shared-value"));
    }

    [Test]
    public async Task DeletingOne_RemovesExactlyThatSecret()
    {
        SecretStore store = await NewStoreAsync();
        IReadOnlyList<Secret> created = await Client.CreateSecretsAsync(store.Id,
        [
            new NewSecret("GONE", "v1", [SecretScopes.Workers]),
            new NewSecret("KEPT", "v2", [SecretScopes.Workers]),
        ]);

        await Client.DeleteSecretAsync(store.Id, created[0].Id);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Requests()[^1].StatusCode, Is.EqualTo(202), "deletes are accepted, not done");
            Assert.ThrowsAsync<CloudflareNotFoundException>(() => Client.GetSecretAsync(store.Id, created[0].Id));
            Assert.That(StoredValue(store.Id, created[0].Id), Is.Null);
            Assert.That(await Client.ListSecretsAsync(store.Id).ToListAsync(), Is.EqualTo(new[] { created[1] }));
        }
    }

    [Test]
    public async Task BulkDeleting_RemovesExactlyTheIdsGiven_InOneRequest()
    {
        SecretStore store = await NewStoreAsync();
        IReadOnlyList<Secret> created = await Client.CreateSecretsAsync(store.Id,
            [.. Enumerable.Range(1, 6).Select(i => new NewSecret($"SECRET_{i}", $"value-{i}", [SecretScopes.Workers]))]);
        Secret[] doomed = [created[0], created[2], created[5]];
        int before = Requests().Count;

        await Client.DeleteSecretsAsync(store.Id, doomed.Select(s => s.Id));

        IReadOnlyList<RecordedRequest> deletes = Requests().Skip(before).ToList();
        List<Secret> left = await Client
            .ListSecretsAsync(store.Id, new ListSecretsOptions { Order = SecretOrder.Name, Direction = SortDirection.Ascending })
            .ToListAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                deletes.Select(r => (r.Method, r.PathAndQuery, r.StatusCode)),
                Is.EqualTo(new[] { ("DELETE", $"/client/v4/accounts/{AccountId}/secrets_store/stores/{store.Id}/secrets", 202) }));
            Assert.That(left.Select(s => s.Name), Is.EqualTo(new[] { "SECRET_2", "SECRET_4", "SECRET_5" }));
            Assert.That(doomed.Select(s => StoredValue(store.Id, s.Id)), Is.All.Null);
            Assert.That((await Client.GetQuotaAsync()).Usage, Is.EqualTo(3));
        }
    }

    [Test]
    public async Task BulkDeletingWithAnUnknownId_IsNotFound_AndDeletesNothing()
    {
        SecretStore store = await NewStoreAsync();
        Secret secret = await Client.CreateSecretAsync(store.Id, "STAYS", "value", [SecretScopes.Workers]);

        CloudflareNotFoundException? e = Assert.ThrowsAsync<CloudflareNotFoundException>(
            () => Client.DeleteSecretsAsync(store.Id, [secret.Id, UnknownId]));

        Assert.That(e.Is(SecretsStoreKnownErrors.SecretNotFound), Is.True);
        Assert.That(StoredValue(store.Id, secret.Id), Is.EqualTo("value"));
    }

    [Test]
    public async Task CreatingATakenName_IsANameConflict_AndKeepsTheFirstValue()
    {
        SecretStore store = await NewStoreAsync();
        Secret first = await Client.CreateSecretAsync(store.Id, "TAKEN", "first-value", [SecretScopes.Workers]);

        CloudflareConflictException? e = Assert.ThrowsAsync<CloudflareConflictException>(
            () => Client.CreateSecretAsync(store.Id, "TAKEN", "second-value", [SecretScopes.Workers]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "as the real API: 400 with code 1003");
            Assert.That(e.Is(SecretsStoreKnownErrors.SecretNameAlreadyExists), Is.True);
            Assert.That(e.Is(SecretsStoreKnownErrors.StoreNotEmpty), Is.False);
            Assert.That(e.ErrorCode, Is.EqualTo(1003));
            Assert.That(e.Errors[0].Message, Does.StartWith("secret_name_already_exists"));
            Assert.That(e.RayId, Is.EqualTo(LastRayId()));
            Assert.That(e.Message, Does.Not.Contain("second-value"));
            Assert.That(StoredValue(store.Id, first.Id), Is.EqualTo("first-value"));
            Assert.That(Requests().Count(r => r.Method == "POST"), Is.EqualTo(3), "a 409 is never retried");
        }
    }

    [Test]
    public async Task CreatingManyWithOneTakenName_CreatesNone()
    {
        SecretStore store = await NewStoreAsync();
        await Client.CreateSecretAsync(store.Id, "TAKEN", "value", [SecretScopes.Workers]);

        CloudflareConflictException? e = Assert.ThrowsAsync<CloudflareConflictException>(() => Client.CreateSecretsAsync(store.Id,
        [
            new NewSecret("FREE", "value", [SecretScopes.Workers]),
            new NewSecret("TAKEN", "value", [SecretScopes.Workers]),
        ]));

        Assert.That(e.Is(SecretsStoreKnownErrors.SecretNameAlreadyExists), Is.True);
        Assert.That(await Client.ListSecretsAsync(store.Id).Select(s => s.Name).ToListAsync(), Is.EqualTo(new[] { "TAKEN" }));
    }

    [Test]
    public async Task DuplicatingToATakenName_IsANameConflict()
    {
        SecretStore store = await NewStoreAsync();
        IReadOnlyList<Secret> created = await Client.CreateSecretsAsync(store.Id,
        [
            new NewSecret("SOURCE", "source-value", [SecretScopes.Workers]),
            new NewSecret("TARGET", "target-value", [SecretScopes.Workers]),
        ]);

        CloudflareConflictException? e = Assert.ThrowsAsync<CloudflareConflictException>(
            () => Client.DuplicateSecretAsync(store.Id, created[0].Id, "TARGET", [SecretScopes.Workers]));

        Assert.That(e.Is(SecretsStoreKnownErrors.SecretNameAlreadyExists), Is.True);
        Assert.That(StoredValue(store.Id, created[1].Id), Is.EqualTo("target-value"));
    }

    [Test]
    public async Task AnUnknownSecret_IsNotFound_ForEverySecretOperation()
    {
        SecretStore store = await NewStoreAsync();
        await Client.CreateSecretAsync(store.Id, "SOMETHING", "value", [SecretScopes.Workers]);

        Func<Task>[] calls =
        [
            () => Client.GetSecretAsync(store.Id, UnknownId),
            () => Client.UpdateSecretAsync(store.Id, UnknownId, new SecretUpdate { Comment = "x" }),
            () => Client.DuplicateSecretAsync(store.Id, UnknownId, "COPY", [SecretScopes.Workers]),
            () => Client.DeleteSecretAsync(store.Id, UnknownId),
            () => Client.DeleteSecretsAsync(store.Id, [UnknownId]),
        ];

        using (Assert.EnterMultipleScope())
        {
            for (int i = 0; i < calls.Length; i++)
            {
                CloudflareNotFoundException? e = Assert.ThrowsAsync<CloudflareNotFoundException>(() => calls[i](), $"call {i}");
                Assert.That(e?.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"call {i}");
                Assert.That(e?.ErrorCode, Is.EqualTo(SecretsStoreKnownErrors.SecretNotFound.Code), $"call {i}");
                Assert.That(e?.Is(SecretsStoreKnownErrors.SecretNotFound), Is.True, $"call {i}");
                Assert.That(e?.RayId, Is.EqualTo(LastRayId()), $"call {i}");
            }
        }

        Assert.That(await Client.ListSecretsAsync(store.Id).Select(s => s.Name).ToListAsync(), Is.EqualTo(new[] { "SOMETHING" }));
    }
}
