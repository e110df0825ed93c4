using System.Text;
using CloudflareSecrets.Emulator;
using CloudflareSecrets.IntegrationTests.Support;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>
/// Every row of the table of known errors, answered by the emulator over real HTTP and mapped by the facade: the
/// documented exception, token and predicates. Rows the client refuses to send (its own checks come first) are sent
/// by swapping the request body on the wire, so the emulator's real answer still goes through the client.
/// </summary>
public sealed class KnownErrorsFromTheEmulatorTests : EmulatorTests
{
    private const string UnknownId = "3fd85f74b32742f1bff64a85009dda07";

    public static IEnumerable<TestCaseData> Rows() =>
        SecretsStoreKnownErrors.All.Select(row => new TestCaseData(row.Token).SetName($"MapsTheEmulatorsAnswerFor_{row.Token}"));

    [TestCaseSource(nameof(Rows))]
    public async Task MapsTheEmulatorsAnswer(string token)
    {
        SecretsStoreKnownError row = SecretsStoreKnownErrors.All.Single(r => r.Token == token);
        SecretStore store = await NewStoreAsync();
        await Client.CreateSecretAsync(store.Id, "TAKEN", "value", [SecretScopes.Workers]);

        CloudflareApiException e = await ProvokeAsync(row, store);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e, Is.TypeOf(ExpectedType(row)));
            Assert.That(e.StatusCode, Is.EqualTo(row.Status));
            Assert.That(e.ErrorCode, Is.EqualTo(row.Code));
            Assert.That(e.Is(row), Is.True);
            Assert.That(SecretsStoreKnownErrors.All.Where(e.Is), Is.EqualTo(new[] { row }), "exactly this row is recognised");
            Assert.That(e.RayId, Is.EqualTo(LastRayId()));
            Assert.That(
                e.Is(SecretsStoreKnownErrors.MaximumStoresExceeded), Is.EqualTo(row == SecretsStoreKnownErrors.MaximumStoresExceeded));
            Assert.That(
                e.Is(SecretsStoreKnownErrors.MaximumSecretsExceeded), Is.EqualTo(row == SecretsStoreKnownErrors.MaximumSecretsExceeded));
            Assert.That(
                (e as CloudflareConflictException)?.Is(SecretsStoreKnownErrors.SecretNameAlreadyExists) ?? false,
                Is.EqualTo(row == SecretsStoreKnownErrors.SecretNameAlreadyExists));
            Assert.That(
                (e as CloudflareNotFoundException)?.Is(SecretsStoreKnownErrors.SecretNotFound) ?? false,
                Is.EqualTo(row == SecretsStoreKnownErrors.SecretNotFound));
            Assert.That(
                (e as CloudflareNotFoundException)?.Is(SecretsStoreKnownErrors.StoreNotFound) ?? false,
                Is.EqualTo(row == SecretsStoreKnownErrors.StoreNotFound));
        }
    }

    protected override EmulatorOptions CreateEmulatorOptions() => new() { MaxStoresPerAccount = 1, MaxSecretsPerAccount = 2 };

    private static Type ExpectedType(SecretsStoreKnownError row) => row.Token switch
    {
        "secret_not_found" or "store_not_found" => typeof(CloudflareNotFoundException),
        "secret_name_already_exists" or "store_not_empty" => typeof(CloudflareConflictException),
        _ => typeof(CloudflareValidationException),
    };

    private async Task<CloudflareApiException> ProvokeAsync(SecretsStoreKnownError row, SecretStore store)
    {
        Func<Task> call = row.Token switch
        {
            "secret_not_found" => () => Client.GetSecretAsync(store.Id, UnknownId),
            "store_not_found" => () => Client.GetStoreAsync(UnknownId),
            "maximum_stores_exceeded" => () => Client.CreateStoreAsync("a_second_store"),
            "maximum_secrets_exceeded" => () => Client.CreateSecretsAsync(
                store.Id,
                [
                    new NewSecret("B", "a-secret-value", [SecretScopes.Workers]),
                    new NewSecret("C", "a-secret-value", [SecretScopes.Workers]),
                ]),
            "secret_name_already_exists" => () => Client.CreateSecretAsync(store.Id, "TAKEN", "a-secret-value", [SecretScopes.Workers]),
            // The client passes unknown scopes through (Cloudflare adds services); the emulator refuses them like the real API.
            "secret_scope_invalid" => () => Client.CreateSecretAsync(store.Id, "NEW", "a-secret-value", ["not_a_service"]),
            "store_not_empty" => () => Client.DeleteStoreAsync(store.Id),
            "secret_value_too_long" => Swapped(store, $$"""[{"name":"NEW","value":"{{new string('v', 65_537)}}","scopes":["workers"]}]"""),
            "secret_scopes_empty" => Swapped(store, """[{"name":"NEW","value":"v","scopes":[]}]"""),
            "secret_name_empty" => Swapped(store, """[{"name":"","value":"v","scopes":["workers"]}]"""),
            "invalid_json_body" => Swapped(store, """[{"name":"NEW","""),
            _ => throw new InvalidOperationException($"no scenario for {row.Token}"),
        };
        return Assert.CatchAsync<CloudflareApiException>(() => call())!;
    }

    /// <summary>
    /// A valid create whose body is replaced on the wire by <paramref name="body"/>, which the client would refuse to
    /// send.
    /// </summary>
    private Func<Task> Swapped(SecretStore store, string body)
    {
        var http = new HttpClient(
            new BodySwap(body) { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false } });
        var options = new SecretsStoreClientOptions
        {
            BaseUrl = Emulator.BaseAddress, ApiToken = EmulatorOptions.DefaultApiToken, AccountId = AccountId,
        };
        var client = new SecretsStoreClient(options, http);
        return async () =>
        {
            using (http)
            {
                await client.CreateSecretAsync(store.Id, "NEW", "a-secret-value", [SecretScopes.Workers]);
            }
        };
    }

    private sealed class BodySwap(string body) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
