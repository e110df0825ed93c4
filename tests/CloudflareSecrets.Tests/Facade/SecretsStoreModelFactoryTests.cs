using System.Net;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>The factory users build models and exceptions with in their own tests.</summary>
public class SecretsStoreModelFactoryTests
{
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void BuildsASecretFromDefaultsAndWhatItIsGiven()
    {
        Secret secret = SecretsStoreModelFactory.Secret(name: "OTHER", scopes: [SecretScopes.Dex], created: Epoch.AddDays(1));

        Assert.That(
            secret,
            Is.EqualTo(new Secret(
                "3fd85f74b32742f1bff64a85009dda07",
                "OTHER",
                "023e105f4ecef8ad9ca31a8372d0c353",
                SecretStatuses.Active,
                [SecretScopes.Dex],
                null,
                Epoch.AddDays(1),
                Epoch.AddDays(1))));
        Assert.That(SecretsStoreModelFactory.Secret().Scopes, Is.EqualTo(new[] { SecretScopes.Workers }));
        Assert.That(SecretsStoreModelFactory.Secret().Created, Is.EqualTo(Epoch));
    }

    [Test]
    public void BuildsAStore()
    {
        SecretStore store = SecretsStoreModelFactory.SecretStore(name: "mine", accountId: null);

        Assert.That(store, Is.EqualTo(new SecretStore("023e105f4ecef8ad9ca31a8372d0c353", "mine", null, Epoch, Epoch)));
    }

    [Test]
    public void KeepsTheTimesItIsGiven()
    {
        DateTimeOffset created = Epoch.AddDays(1);
        DateTimeOffset modified = Epoch.AddDays(2);

        Secret secret = SecretsStoreModelFactory.Secret(created: created, modified: modified);
        Secret onlyModified = SecretsStoreModelFactory.Secret(modified: modified);
        SecretStore store = SecretsStoreModelFactory.SecretStore(created: created, modified: modified);
        SecretStore storeCreated = SecretsStoreModelFactory.SecretStore(created: created);

        Assert.That((secret.Created, secret.Modified), Is.EqualTo((created, modified)));
        Assert.That((onlyModified.Created, onlyModified.Modified), Is.EqualTo((Epoch, modified)));
        Assert.That((store.Created, store.Modified), Is.EqualTo((created, modified)));
        Assert.That((storeCreated.Created, storeCreated.Modified), Is.EqualTo((created, created)));
    }

    [Test]
    public void BuildsAQuota()
    {
        Assert.That(SecretsStoreModelFactory.SecretsQuota(usage: 30), Is.EqualTo(new SecretsQuota(100, 30)));
    }

    [Test]
    public async Task AsyncPageableFromPagesIsTheOneWayToBuildATestPageable()
    {
        Secret[] secrets = Enumerable.Range(1, 3).Select(i => SecretsStoreModelFactory.Secret(id: $"id{i}")).ToArray();
        Page<Secret>[] given = [new(secrets[..2], new PageInfo(1, 2, 2, 3, 2), "2"), new(secrets[2..], new PageInfo(2, 2, 1, 3, 2))];

        var pageable = AsyncPageable<Secret>.FromPages(given);

        Assert.That(await pageable.AsPages().ToListAsync(), Is.EqualTo(given));
        Assert.That(await pageable.AsPages("2").ToListAsync(), Is.EqualTo(given[1..]), "resumed with a page's continuation token");
        Assert.That(await pageable.ToListAsync(), Is.EqualTo(secrets));
        Assert.That(
            typeof(SecretsStoreModelFactory).GetMethods()
                .Where(m => m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(AsyncPageable<>)),
            Is.Empty);
    }

    [TestCase(HttpStatusCode.BadRequest, typeof(CloudflareValidationException))]
    [TestCase(HttpStatusCode.Unauthorized, typeof(CloudflareAuthenticationException))]
    [TestCase(HttpStatusCode.Forbidden, typeof(CloudflareAuthorizationException))]
    [TestCase(HttpStatusCode.NotFound, typeof(CloudflareNotFoundException))]
    [TestCase(HttpStatusCode.Conflict, typeof(CloudflareConflictException))]
    [TestCase(HttpStatusCode.UnprocessableEntity, typeof(CloudflareValidationException))]
    [TestCase(HttpStatusCode.TooManyRequests, typeof(CloudflareRateLimitException))]
    [TestCase(HttpStatusCode.BadGateway, typeof(CloudflareServerException))]
    [TestCase((HttpStatusCode)418, typeof(CloudflareApiException))]
    public void BuildsTheExceptionTheClientThrowsForAStatus(HttpStatusCode status, Type expected)
    {
        CloudflareApiException exception =
            SecretsStoreModelFactory.CloudflareApiException(status, [new CloudflareError(1000, "name is invalid")], "ray-1");

        Assert.That(exception, Is.TypeOf(expected));
        Assert.That(exception.StatusCode, Is.EqualTo(status));
        Assert.That(exception.Errors, Is.EqualTo(new[] { new CloudflareError(1000, "name is invalid") }));
        Assert.That(exception.RayId, Is.EqualTo("ray-1"));
    }

    [Test]
    public void BuildsTheExceptionsMessageAsTheClientWould_NamingTheOperationGiven()
    {
        CloudflareApiException exception = SecretsStoreModelFactory.CloudflareApiException(
            HttpStatusCode.BadRequest,
            [new CloudflareError(1000, "name is invalid")],
            "ray-1",
            operation: "CreateSecrets");
        CloudflareApiException unnamed = SecretsStoreModelFactory.CloudflareApiException(
            HttpStatusCode.BadRequest,
            [new CloudflareError(1000, "name is invalid")],
            "ray-1");

        Assert.That(exception.Message, Is.EqualTo("CreateSecrets failed: HTTP 400 BadRequest: [1000] name is invalid (CF-Ray ray-1)."));
        Assert.That(unnamed.Message, Is.EqualTo("Request failed: HTTP 400 BadRequest: [1000] name is invalid (CF-Ray ray-1)."));
    }

    [Test]
    public void BuildsTheExceptionForTheMeaningOfAKnownToken()
    {
        CloudflareApiException exception = SecretsStoreModelFactory.CloudflareApiException(
            HttpStatusCode.BadRequest,
            [new CloudflareError(1003, "secret_name_already_exists: API_KEY")]);

        Assert.That(exception, Is.TypeOf<CloudflareConflictException>());
        Assert.That(exception.Is(SecretsStoreKnownErrors.SecretNameAlreadyExists), Is.True);
    }

    [Test]
    public void BuildsARateLimitExceptionWithRetryAfter()
    {
        var exception = (CloudflareRateLimitException)SecretsStoreModelFactory.CloudflareApiException(
            HttpStatusCode.TooManyRequests,
            retryAfter: TimeSpan.FromSeconds(9));

        Assert.That(exception.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(9)));
    }
}
