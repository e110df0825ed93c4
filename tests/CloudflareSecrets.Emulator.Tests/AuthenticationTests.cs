using System.Net;
using CloudflareSecrets.Emulator.Tests.Support;

namespace CloudflareSecrets.Emulator.Tests;

public class AuthenticationTests : EmulatorTest
{
    private static readonly object[] Accepted =
    [
        new object[] { "the default API token", Credentials.Token },
        new object[] { "the default e-mail and global key", Credentials.GlobalKey },
        new object[] { "the e-mail in another case", new Credentials(Email: "DEV@Example.com", Key: EmulatorOptions.DefaultApiKey) },
        new object[] { "a configured extra token", new Credentials(BearerToken: "ci-token") },
        new object[] { "a lowercase bearer scheme", new Credentials(RawAuthorization: "bearer " + EmulatorOptions.DefaultApiToken) },
    ];

    private static readonly object[] Unauthenticated =
    [
        new object[] { "no credentials", Credentials.None },
        new object[] { "an unknown token", new Credentials(BearerToken: "wrong-token") },
        new object[] { "a token in the wrong case", new Credentials(BearerToken: "EMULATOR-TOKEN") },
        new object[] { "an unknown e-mail", new Credentials(Email: "someone@example.com", Key: EmulatorOptions.DefaultApiKey) },
        new object[] { "a wrong global key", new Credentials(Email: EmulatorOptions.DefaultEmail, Key: "wrong-key") },
    ];

    private static readonly object[] Malformed =
    [
        new object[]
        {
            "both credential kinds",
            new Credentials(
                BearerToken: EmulatorOptions.DefaultApiToken, Email: EmulatorOptions.DefaultEmail, Key: EmulatorOptions.DefaultApiKey),
        },
        new object[] { "an e-mail without a key", new Credentials(Email: EmulatorOptions.DefaultEmail) },
        new object[] { "a key without an e-mail", new Credentials(Key: EmulatorOptions.DefaultApiKey) },
        new object[] { "a Basic authorization", new Credentials(RawAuthorization: "Basic ZGV2OmtleQ==") },
    ];

    protected override EmulatorOptions CreateEmulatorOptions()
    {
        var options = new EmulatorOptions();
        options.ApiTokens.Add("ci-token");
        return options;
    }

    [TestCaseSource(nameof(Accepted))]
    public async Task AcceptsValidCredentials(string description, Credentials credentials)
    {
        ApiResponse response = await GetAsync(Accounts("quota"), credentials);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), $"{description}: {response}");
    }

    [TestCaseSource(nameof(Unauthenticated))]
    public async Task AnswersUnauthorizedWithCode10000ForMissingOrUnknownCredentials(string description, Credentials credentials)
    {
        ApiResponse response = await GetAsync(Accounts("quota"), credentials);

        AssertFailure(response, HttpStatusCode.Unauthorized, EmulatorErrorCodes.AuthenticationError);
        Assert.That(response.ErrorMessages[0], Is.EqualTo("Authentication error"), description);
        SpecSchema.AssertConforms("secrets-store-quota", response);
    }

    [TestCaseSource(nameof(Malformed))]
    public async Task AnswersBadRequestForConflictingOrMalformedHeaders(string description, Credentials credentials)
    {
        ApiResponse response = await GetAsync(Accounts("quota"), credentials);

        AssertFailure(response, HttpStatusCode.BadRequest, EmulatorErrorCodes.InvalidRequestHeaders);
        Assert.That(response.ErrorMessages[0], Does.StartWith("Invalid request headers"), description);
    }

    [Test]
    public async Task ChecksCredentialsBeforeRouting()
    {
        ApiResponse response = await GetAsync("no/such/route", Credentials.None);

        AssertFailure(response, HttpStatusCode.Unauthorized, EmulatorErrorCodes.AuthenticationError);
    }

    [Test]
    public async Task DoesNotChangeAnythingWithoutCredentials()
    {
        ApiResponse response = await SendAsync(HttpMethod.Post, Accounts("stores"), new { name = "sneaky" }, Credentials.None);

        AssertFailure(response, HttpStatusCode.Unauthorized, EmulatorErrorCodes.AuthenticationError);
        ApiResponse list = await GetAsync(Accounts("stores"));
        Assert.That(list.Result.GetArrayLength(), Is.Zero);
    }

    public class WithCustomCredentials : EmulatorTest
    {
        protected override EmulatorOptions CreateEmulatorOptions()
        {
            var options = new EmulatorOptions();
            options.ApiTokens.Clear();
            options.ApiTokens.Add("only-this-token");
            options.GlobalApiKeys.Clear();
            options.GlobalApiKeys["ops@example.org"] = "ops-key";
            return options;
        }

        [Test]
        public async Task NoLongerAcceptsTheDefaults()
        {
            ApiResponse token = await GetAsync(Accounts("quota"), Credentials.Token);
            ApiResponse key = await GetAsync(Accounts("quota"), Credentials.GlobalKey);

            AssertFailure(token, HttpStatusCode.Unauthorized, EmulatorErrorCodes.AuthenticationError);
            AssertFailure(key, HttpStatusCode.Unauthorized, EmulatorErrorCodes.AuthenticationError);
        }

        [Test]
        public async Task AcceptsTheConfiguredOnes()
        {
            ApiResponse token = await GetAsync(Accounts("quota"), new Credentials(BearerToken: "only-this-token"));
            ApiResponse key = await GetAsync(Accounts("quota"), new Credentials(Email: "ops@example.org", Key: "ops-key"));

            Assert.That(token.Status, Is.EqualTo(HttpStatusCode.OK), token.ToString);
            Assert.That(key.Status, Is.EqualTo(HttpStatusCode.OK), key.ToString);
        }
    }
}
