using System.Net;
using System.Text;
using CloudflareSecrets.Emulator;
using CloudflareSecrets.IntegrationTests.Infrastructure;

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
        SecretsStoreKnownError row = SecretsStoreKnownErrors.Find(token)!;
        SecretStore store = await NewStoreAsync();
        await Client.CreateSecretAsync(store.Id, "TAKEN", "value", [SecretScopes.Workers]);

        CloudflareApiException e = await ProvokeAsync(row, store);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e, Is.TypeOf(ExpectedType(row)));
            Assert.That(e.StatusCode, Is.EqualTo(row.Status));
            Assert.That(e.ErrorCode, Is.EqualTo(row.Code));
            Assert.That(e.ErrorToken, Is.EqualTo(row.Token));
            Assert.That(e.KnownError, Is.EqualTo(row));
            Assert.That(e.RayId, Is.EqualTo(LastRayId()));
            Assert.That(e.IsStoreLimitExceeded, Is.EqualTo(row == SecretsStoreKnownErrors.MaximumStoresExceeded));
            Assert.That(e.IsSecretsQuotaExceeded, Is.EqualTo(row == SecretsStoreKnownErrors.MaximumSecretsExceeded));
            Assert.That((e as CloudflareConflictException)?.IsNameConflict ?? false, Is.EqualTo(row == SecretsStoreKnownErrors.SecretNameAlreadyExists));
            Assert.That((e as CloudflareNotFoundException)?.IsSecretNotFound ?? false, Is.EqualTo(row == SecretsStoreKnownErrors.SecretNotFound));
            Assert.That((e as CloudflareNotFoundException)?.IsStoreNotFound ?? false, Is.EqualTo(row == SecretsStoreKnownErrors.StoreNotFound));
        }
    }

    protected override EmulatorOptions CreateEmulatorOptions() => new() { MaxStoresPerAccount = 1, MaxSecretsPerAccount = 2 };

    private static Type ExpectedType(SecretsStoreKnownError row) => row.Token switch
    {
        SecretsStoreErrorTokens.SecretNotFound or SecretsStoreErrorTokens.StoreNotFound => typeof(CloudflareNotFoundException),
        SecretsStoreErrorTokens.SecretNameAlreadyExists or SecretsStoreErrorTokens.StoreNotEmpty => typeof(CloudflareConflictException),
        _ => typeof(CloudflareValidationException),
    };

    private async Task<CloudflareApiException> ProvokeAsync(SecretsStoreKnownError row, SecretStore store)
    {
        Func<Task> call = row.Token switch
        {
            SecretsStoreErrorTokens.SecretNotFound => () => Client.GetSecretAsync(store.Id, UnknownId),
            SecretsStoreErrorTokens.StoreNotFound => () => Client.GetStoreAsync(UnknownId),
            SecretsStoreErrorTokens.MaximumStoresExceeded => () => Client.CreateStoreAsync("a_second_store"),
            SecretsStoreErrorTokens.MaximumSecretsExceeded => () => Client.CreateSecretsAsync(store.Id, [new NewSecret("B", "a-secret-value", [SecretScopes.Workers]), new NewSecret("C", "a-secret-value", [SecretScopes.Workers])]),
            SecretsStoreErrorTokens.SecretNameAlreadyExists => () => Client.CreateSecretAsync(store.Id, "TAKEN", "a-secret-value", [SecretScopes.Workers]),
            // The client passes unknown scopes through (Cloudflare adds services); the emulator refuses them like the real API.
            SecretsStoreErrorTokens.SecretScopeInvalid => () => Client.CreateSecretAsync(store.Id, "NEW", "a-secret-value", ["not_a_service"]),
            SecretsStoreErrorTokens.StoreNotEmpty => () => Client.DeleteStoreAsync(store.Id),
            SecretsStoreErrorTokens.SecretValueTooLong => Swapped(store, $$"""[{"name":"NEW","value":"{{new string('v', 65_537)}}","scopes":["workers"]}]"""),
            SecretsStoreErrorTokens.SecretScopesEmpty => Swapped(store, """[{"name":"NEW","value":"v","scopes":[]}]"""),
            SecretsStoreErrorTokens.SecretNameEmpty => Swapped(store, """[{"name":"","value":"v","scopes":["workers"]}]"""),
            SecretsStoreErrorTokens.InvalidJsonBody => Swapped(store, """[{"name":"NEW","""),
            _ => throw new InvalidOperationException($"no scenario for {row.Token}"),
        };
        return Assert.CatchAsync<CloudflareApiException>(() => call())!;
    }

    /// <summary>A valid create whose body is replaced on the wire by <paramref name="body"/>, which the client would refuse to send.</summary>
    private Func<Task> Swapped(SecretStore store, string body)
    {
        var http = new HttpClient(new BodySwap(body) { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false } });
        var client = new SecretsStoreClient(new SecretsStoreClientOptions { BaseUrl = Emulator.BaseAddress, ApiToken = EmulatorOptions.DefaultApiToken, AccountId = AccountId }, http);
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
