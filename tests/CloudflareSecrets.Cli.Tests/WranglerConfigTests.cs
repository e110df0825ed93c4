using System.Text;
using CloudflareSecrets.Cli.Hosting;
using CloudflareSecrets.Cli.Wrangler;

namespace CloudflareSecrets.Cli.Tests;

/// <summary>
/// The wrangler configuration editor on its own: <c>--update</c> replaces or adds one <c>secrets_store_secrets</c>
/// array and every other byte stays (the round trip is checked as "the only difference is this region").
/// </summary>
public sealed class WranglerConfigTests
{
    private const string Store = "9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d";

    private static readonly SecretsStoreBinding[] Two =
    [
        new("DB_PASSWORD", Store, "DB_PASSWORD"),
        new("WEBHOOK_KEY", Store, "webhook-key"),
    ];

    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "Wrangler", name));

    private static WranglerConfig Parse(string name, string text) =>
        WranglerConfig.Parse(name, WranglerConfig.FormatOf(name), Encoding.UTF8.GetBytes(text));

    private static string Update(string name, string text, string? env, IReadOnlyList<SecretsStoreBinding> bindings) =>
        Encoding.UTF8.GetString(Parse(name, text).WithBindings(env, bindings));

    /// <summary>
    /// The update is exactly the original with the unique region <paramref name="before"/> replaced by
    /// <paramref name="after"/>: every other character is the original's.
    /// </summary>
    private static void AssertOnlyChange(string original, string updated, string before, string after) =>
        Assert.That(updated, Is.EqualTo(ReplaceOnce(original, before, after)));

    private static string ReplaceOnce(string text, string before, string after)
    {
        int at = text.IndexOf(before, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"the fixture holds: {before}");
        Assert.That(text.IndexOf(before, at + 1, StringComparison.Ordinal), Is.LessThan(0), "the region is unique in the fixture");
        return string.Concat(text.AsSpan(0, at), after, text.AsSpan(at + before.Length));
    }

    [Test]
    public void JsoncReadsTheTopLevelAndEveryEnvironment()
    {
        WranglerConfig config = Parse("wrangler.jsonc", Fixture("wrangler.jsonc"));

        Assert.That(config.Environments, Is.EqualTo(new[] { "staging", "production" }));
        Assert.That(
            config.AllBindings().Select(b => (b.Location, b.Binding.Binding, b.Binding.StoreId, b.Binding.SecretName)),
            Is.EqualTo(new[]
            {
                ("secrets_store_secrets[0]", "OLD_KEY", "00000000000000000000000000000000", "OLD_KEY"),
                ("env.production.secrets_store_secrets[0]", "PROD_KEY", "11111111111111111111111111111111", "PROD_KEY"),
            }));
    }

    [Test]
    public void JsoncUpdateOfTheTopLevelChangesOnlyItsArray()
    {
        string original = Fixture("wrangler.jsonc");

        string updated = Update("wrangler.jsonc", original, null, Two);

        AssertOnlyChange(original, updated,
            "[\n    { \"binding\": \"OLD_KEY\", \"store_id\": \"00000000000000000000000000000000\", \"secret_name\": \"OLD_KEY\" },\n  ]",
            $"[\n    {{ \"binding\": \"DB_PASSWORD\", \"store_id\": \"{Store}\", \"secret_name\": \"DB_PASSWORD\" }},\n"
            + $"    {{ \"binding\": \"WEBHOOK_KEY\", \"store_id\": \"{Store}\", \"secret_name\": \"webhook-key\" }}\n  ]");
        WranglerConfig reread = Parse("wrangler.jsonc", updated);
        Assert.That(reread.Bindings(null).Select(b => b.Binding), Is.EqualTo(Two));
        Assert.That(reread.Bindings("production").Single().Binding.Binding, Is.EqualTo("PROD_KEY"));
    }

    [Test]
    public void JsoncUpdateOfAnEnvironmentWithItsOwnArrayReplacesThatOneOnly()
    {
        string original = Fixture("wrangler.jsonc");

        string updated = Update("wrangler.jsonc", original, "production", Two[..1]);

        AssertOnlyChange(original, updated,
            "[\n        // kept as it is unless --env production\n"
            + "        { \"binding\": \"PROD_KEY\", \"store_id\": \"11111111111111111111111111111111\", \"secret_name\": \"PROD_KEY\" }\n"
            + "      ]",
            $"[\n        {{ \"binding\": \"DB_PASSWORD\", \"store_id\": \"{Store}\", \"secret_name\": \"DB_PASSWORD\" }}\n      ]");
        Assert.That(Parse("wrangler.jsonc", updated).Bindings(null).Single().Binding.Binding, Is.EqualTo("OLD_KEY"));
    }

    [Test]
    public void JsoncUpdateOfAnEnvironmentWithoutTheArrayAddsItAfterItsLastMember()
    {
        string original = Fixture("wrangler.jsonc");

        string updated = Update("wrangler.jsonc", original, "staging", Two[..1]);

        AssertOnlyChange(original, updated,
            "\"vars\": { \"MODE\": \"test\" }\n    },",
            $"\"vars\": {{ \"MODE\": \"test\" }},\n      \"secrets_store_secrets\": [\n"
            + $"        {{ \"binding\": \"DB_PASSWORD\", \"store_id\": \"{Store}\", \"secret_name\": \"DB_PASSWORD\" }}\n      ]\n    }},");
        WranglerConfig reread = Parse("wrangler.jsonc", updated);
        Assert.That(reread.Bindings("staging").Single().Binding, Is.EqualTo(Two[0]));
        Assert.That(reread.AllBindings(), Has.Count.EqualTo(3));
    }

    [Test]
    public void JsoncAdditionKeepsTheLastMembersCommentOnItsLineAndATrailingComma()
    {
        const string original = "{\n  \"name\": \"w\", // the name\n}\n";

        string updated = Update("wrangler.json", original, null, Two[..1]);

        Assert.That(updated, Is.EqualTo(
            $"{{\n  \"name\": \"w\", // the name\n  \"secrets_store_secrets\": [\n"
            + $"    {{ \"binding\": \"DB_PASSWORD\", \"store_id\": \"{Store}\", \"secret_name\": \"DB_PASSWORD\" }}\n  ],\n}}\n"));
    }

    [Test]
    public void JsoncKeepsCrlfLineEndsAndTheByteOrderMark()
    {
        byte[] original =
            [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\r\n\t\"name\": \"w\",\r\n\t\"secrets_store_secrets\": []\r\n}\r\n")];

        byte[] updated = WranglerConfig.Parse("wrangler.jsonc", ConfigFormat.Jsonc, original).WithBindings(null, Two[..1]);

        Assert.That(updated[..3], Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(Encoding.UTF8.GetString(updated[3..]), Is.EqualTo(
            $"{{\r\n\t\"name\": \"w\",\r\n\t\"secrets_store_secrets\": [\r\n"
            + $"\t\t{{ \"binding\": \"DB_PASSWORD\", \"store_id\": \"{Store}\", \"secret_name\": \"DB_PASSWORD\" }}\r\n\t]\r\n}}\r\n"));
    }

    [Test]
    public void TomlReadsBothBlocksAndEveryEnvironment()
    {
        WranglerConfig config = Parse("wrangler.toml", Fixture("wrangler.toml"));

        Assert.That(config.Environments, Is.EqualTo(new[] { "staging", "production" }));
        Assert.That(config.AllBindings().Select(b => (b.Location, b.Binding.Binding, b.Binding.SecretName)), Is.EqualTo(new[]
        {
            ("secrets_store_secrets[0]", "OLD_KEY", "OLD_KEY"),
            ("secrets_store_secrets[1]", "OTHER_KEY", "OTHER_KEY"),
            ("env.production.secrets_store_secrets[0]", "PROD_KEY", "PROD_KEY"),
        }));
    }

    [Test]
    public void TomlUpdateOfTheTopLevelReplacesItsBlocksOnly()
    {
        string original = Fixture("wrangler.toml");

        string updated = Update("wrangler.toml", original, null, Two);

        AssertOnlyChange(original, updated,
            "[[secrets_store_secrets]]\nbinding = \"OLD_KEY\"\nstore_id = \"00000000000000000000000000000000\"\n"
            + "secret_name = \"OLD_KEY\"\n\n[[secrets_store_secrets]]\nbinding = 'OTHER_KEY' # a literal string\n"
            + "store_id = \"00000000000000000000000000000000\"\nsecret_name = \"OTHER_KEY\"\n",
            $"[[secrets_store_secrets]]\nbinding = \"DB_PASSWORD\"\nstore_id = \"{Store}\"\nsecret_name = \"DB_PASSWORD\"\n\n"
            + $"[[secrets_store_secrets]]\nbinding = \"WEBHOOK_KEY\"\nstore_id = \"{Store}\"\nsecret_name = \"webhook-key\"\n");
        WranglerConfig reread = Parse("wrangler.toml", updated);
        Assert.That(reread.Bindings(null).Select(b => b.Binding), Is.EqualTo(Two));
        Assert.That(reread.Bindings("production").Single().Binding.Binding, Is.EqualTo("PROD_KEY"));
    }

    [Test]
    public void TomlUpdateOfAnEnvironmentWithoutTheArrayAddsBlocksAfterItsLastTable()
    {
        string original = Fixture("wrangler.toml");

        string updated = Update("wrangler.toml", original, "staging", Two[..1]);

        AssertOnlyChange(original, updated,
            "[env.staging.vars]\nMODE = \"test\"\n",
            $"[env.staging.vars]\nMODE = \"test\"\n\n[[env.staging.secrets_store_secrets]]\nbinding = \"DB_PASSWORD\"\n"
            + $"store_id = \"{Store}\"\nsecret_name = \"DB_PASSWORD\"\n");
        WranglerConfig reread = Parse("wrangler.toml", updated);
        Assert.That(reread.Bindings("staging").Single().Binding, Is.EqualTo(Two[0]));
        Assert.That(reread.Bindings(null), Has.Count.EqualTo(2));
        Assert.That(reread.Bindings("production"), Has.Count.EqualTo(1));
    }

    [Test]
    public void TomlUpdateOfAnEnvironmentsOwnBlocksLeavesTheTopLevelAlone()
    {
        string original = Fixture("wrangler.toml");

        string updated = Update("wrangler.toml", original, "production", Two);

        AssertOnlyChange(original, updated,
            "[[env.production.secrets_store_secrets]]\nbinding = \"PROD_KEY\"\nstore_id = \"11111111111111111111111111111111\"\n"
            + "secret_name = \"PROD_KEY\"\n",
            $"[[env.production.secrets_store_secrets]]\nbinding = \"DB_PASSWORD\"\nstore_id = \"{Store}\"\n"
            + $"secret_name = \"DB_PASSWORD\"\n\n[[env.production.secrets_store_secrets]]\nbinding = \"WEBHOOK_KEY\"\n"
            + $"store_id = \"{Store}\"\nsecret_name = \"webhook-key\"\n");
    }

    [Test]
    public void TomlWithoutTheArrayGetsItBeforeTheFirstTableAndItsComments()
    {
        const string original = "name = \"w\"\nmain = \"src/index.js\"\n\n# variables\n[vars]\nMODE = \"live\"\n";

        string updated = Update("wrangler.toml", original, null, Two[..1]);

        Assert.That(updated, Is.EqualTo(
            $"name = \"w\"\nmain = \"src/index.js\"\n\n[[secrets_store_secrets]]\nbinding = \"DB_PASSWORD\"\nstore_id = \"{Store}\"\n"
            + $"secret_name = \"DB_PASSWORD\"\n\n# variables\n[vars]\nMODE = \"live\"\n"));
    }

    [Test]
    public void TomlInlineArrayIsReplacedInPlace()
    {
        const string original =
            "name = \"w\" # the name\n[env.staging]\n"
            + "secrets_store_secrets = [ { binding = \"A\", store_id = \"s\", secret_name = \"A\" } ] # inline\nname = \"w-staging\"\n";
        Assert.That(
            Parse("wrangler.toml", original).Bindings("staging").Single().Binding,
            Is.EqualTo(new SecretsStoreBinding("A", "s", "A")));

        string updated = Update("wrangler.toml", original, "staging", Two[..1]);

        Assert.That(updated, Is.EqualTo(
            $"name = \"w\" # the name\n[env.staging]\nsecrets_store_secrets = [\n"
            + $"  {{ binding = \"DB_PASSWORD\", store_id = \"{Store}\", secret_name = \"DB_PASSWORD\" }},\n] # inline\n"
            + $"name = \"w-staging\"\n"));
        Assert.That(Parse("wrangler.toml", updated).Bindings("staging").Single().Binding, Is.EqualTo(Two[0]));
    }

    [Test]
    public void TomlKeepsCrlfLineEnds()
    {
        const string original = "name = \"w\"\r\n\r\n[vars]\r\nMODE = \"live\"\r\n";

        string updated = Update("wrangler.toml", original, null, Two[..1]);

        Assert.That(updated, Is.EqualTo(
            $"name = \"w\"\r\n\r\n[[secrets_store_secrets]]\r\nbinding = \"DB_PASSWORD\"\r\nstore_id = \"{Store}\"\r\n"
            + $"secret_name = \"DB_PASSWORD\"\r\n\r\n[vars]\r\nMODE = \"live\"\r\n"));
    }

    [Test]
    public void TomlStringsWithEscapesAndMultiLineStringsAreRead()
    {
        const string text =
            "name = \"w\"\ndescription = \"\"\"\na [[secrets_store_secrets]] inside a string\n\"\"\"\n[[secrets_store_secrets]]\n"
            + "binding = \"A\\u0042\"\nstore_id = '''s'''\nsecret_name = \"q\\\"\"\n";

        IReadOnlyList<ConfiguredBinding> bindings = Parse("wrangler.toml", text).Bindings(null);

        Assert.That(bindings.Single().Binding, Is.EqualTo(new SecretsStoreBinding("AB", "s", "q\"")));
    }

    [TestCase("wrangler.jsonc")]
    [TestCase("wrangler.toml")]
    public void AnEnvironmentTheFileDoesNotDefineIsNotFound(string name)
    {
        CliException e = Assert.Throws<CliException>(() => Parse(name, Fixture(name)).WithBindings("prod", Two))!;

        Assert.That(e.ExitCode, Is.EqualTo(ExitCodes.NotFound));
        Assert.That(e.Message, Does.Contain("defines no environment 'prod'").And.Contain("staging, production"));
    }

    [TestCase(
        "wrangler.jsonc",
        "{\n  \"secrets_store_secrets\": [ { \"binding\": \"A\", \"store_id\": \"s\" } ]\n}",
        "secrets_store_secrets[0] has no secret_name string")]
    [TestCase(
        "wrangler.toml",
        "[[secrets_store_secrets]]\nbinding = \"A\"\nsecret_name = \"A\"\n",
        "secrets_store_secrets[0] has no store_id string")]
    [TestCase("wrangler.toml", "name = \"w\"\n[vars\n", "wrangler.toml:2: not valid TOML (expected ']')")]
    [TestCase("wrangler.toml", "name = \"unterminated\n", "wrangler.toml:1: not valid TOML (a string is not closed on its line)")]
    [TestCase("wrangler.jsonc", "{\n  \"name\": \n}", "wrangler.jsonc:3: not valid JSON")]
    [TestCase("wrangler.yaml", "name: w", "must end in .jsonc, .json or .toml")]
    public void ABrokenConfigurationIsAUsageErrorNamingWhere(string name, string text, string message)
    {
        CliException e = Assert.Throws<CliException>(() => Parse(name, text).AllBindings())!;

        Assert.That(e.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(e.Message, Does.Contain(message));
    }

    [TestCase("same", "DB-password.v2", "DB-password.v2")]
    [TestCase("upper-snake", "DB-password.v2", "DB_PASSWORD_V2")]
    [TestCase("upper-snake", "dbPassword", "DB_PASSWORD")]
    [TestCase("lower-snake", "ApiKey2", "api_key2")]
    [TestCase("upper-snake", "2fa-seed", "_2FA_SEED")]
    public void BindingNameRules(string rule, string secret, string binding) =>
        Assert.That(BindingNames.Apply(rule, secret), Is.EqualTo(binding));
}
