using CloudflareSecrets.Internal;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>
/// The public rules (<see cref="SecretsStoreRules"/>) are the ones every call applies: the client refuses exactly what
/// they refuse, with their words, and accepts what they accept.
/// </summary>
public class SecretsStoreRulesTests
{
    private const string Sentinel = "SENTINEL-value-5c1e";

    private static readonly string[] Names =
        ["API_KEY", "a", "", " ", "MY KEY", "MY\u0007", "TAB\t", "Ünïcödé", "NBSP\u00a0", "comma,ok", new string('x', 300)];

    private static readonly string[] Values =
    [
        "v", "", Sentinel + "\0", Sentinel + " spaces are fine", new string('x', SecretsStoreLimits.MaxValueBytes),
        new string('x', SecretsStoreLimits.MaxValueBytes + 1), Sentinel + new string('é', SecretsStoreLimits.MaxValueBytes / 2),
    ];

    private static readonly string[] Scopes = [SecretScopes.Workers, "future_service", "", "a,b", "ai gateway", "w\u0001", "w\u2028"];

    [TestCaseSource(nameof(Names))]
    public void TheClientAppliesTheNameRule(string name)
    {
        string? problem = SecretsStoreRules.CheckSecretName(name);

        if (problem is null)
        {
            Assert.That(() => Guard.Name(name, "name"), Throws.Nothing);
        }
        else
        {
            Assert.That(() => Guard.Name(name, "name"), Throws.ArgumentException.With.Message.StartsWith(problem));
        }
    }

    [TestCaseSource(nameof(Values))]
    public void TheClientAppliesTheValueRuleAndNoMessageShowsTheValue(string value)
    {
        string? problem = SecretsStoreRules.CheckSecretValue(value);

        if (problem is null)
        {
            Assert.That(() => Guard.Value(value, "value"), Throws.Nothing);
        }
        else
        {
            Assert.That(() => Guard.Value(value, "value"), Throws.ArgumentException.With.Message.StartsWith(problem));
            Assert.That(problem, Does.Not.Contain(Sentinel));
        }
    }

    [TestCaseSource(nameof(Scopes))]
    public void TheClientAppliesTheScopeRule(string scope)
    {
        string? problem = SecretsStoreRules.CheckScope(scope);

        if (problem is null)
        {
            Assert.That(() => Guard.Scopes([scope], "scopes"), Throws.Nothing);
        }
        else
        {
            // The client names the scope by its place in the list; the rule and the position are the same.
            Assert.That(() => Guard.Scopes([scope], "scopes"), Throws.ArgumentException);
            Assert.That(problem, Does.StartWith("A scope "));
        }
    }

    [Test]
    public void TheRulesWordsAreTheClients()
    {
        Assert.Multiple(() =>
        {
            Assert.That(
                SecretsStoreRules.CheckSecretName("MY KEY"),
                Is.EqualTo("A name must not contain white space or control characters; found U+0020 at position 2 of 6."));
            Assert.That(
                SecretsStoreRules.CheckSecretValue("ab\0"),
                Is.EqualTo("A secret value must not contain NUL characters (U+0000); found one at position 2 of 3."));
            Assert.That(
                SecretsStoreRules.CheckSecretValue(new string('x', 65_537)),
                Is.EqualTo("A secret value must be at most 65,536 bytes in UTF-8; this one is 65,537 bytes."));
            Assert.That(
                SecretsStoreRules.CheckScope("a,b"),
                Is.EqualTo("A scope must not contain commas, white space or control characters; found ',' at position 1."));
            Assert.That(SecretsStoreRules.CheckScope(""), Is.EqualTo("A scope must not be empty."));
        });
    }

    [Test]
    public void TheOptionsBatchLimitIsThePerCreateLimit()
    {
        var options = new SecretsStoreClientOptions { ApiToken = "t" };

        Assert.That(options.CreateBatchSize, Is.EqualTo(SecretsStoreLimits.MaxSecretsPerCreate));
        options.CreateBatchSize = SecretsStoreLimits.MaxSecretsPerCreate + 1;
        Assert.That(options.GetProblems().Single().Message, Does.Contain($"from 1 to {SecretsStoreLimits.MaxSecretsPerCreate};"));
    }
}
