using CloudflareSecrets.Internal;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>
/// The whole message of each argument rule, read from the checks directly: the rule, the actual size or the character
/// and where it is, and the parameter (indexed for a member of a list item). <see cref="ArgumentTests"/> proves every
/// public method applies its rules before sending; this table pins what each rule says.
/// </summary>
public class ArgumentMessageTests
{
    private const string Reserved =
        "An identifier must not contain '/', '?', '#', '%', '\\', white space or control characters "
        + "(they would change the request URL); ";

    public static IEnumerable<TestCaseData> Rules()
    {
        yield return Case("an empty id", () => Guard.Id(string.Empty, "storeId"), "An identifier must not be empty.", "storeId");
        yield return Case(
            "an id of 33 characters",
            () => Guard.Id(new string('a', 33), "storeId"),
            "An identifier must be at most 32 characters; this one has 33.",
            "storeId");
        yield return Case("an id with '/'", () => Guard.Id("ab/c", "storeId"), Reserved + "found '/' at position 2.", "storeId");
        yield return Case("an id with a tab", () => Guard.Id("\tab", "storeId"), Reserved + "found U+0009 at position 0.", "storeId");
        yield return Case(
            "an id of '..'",
            () => Guard.Id("..", "secretId"),
            "An identifier must not be '.' or '..' (the request URL would address another resource); this one is '..'.",
            "secretId");
        yield return Case(
            "an id of '.'",
            () => Guard.Id(".", "secretId"),
            "An identifier must not be '.' or '..' (the request URL would address another resource); this one is '.'.",
            "secretId");
        yield return Case(
            "an id of a list item",
            () => Guard.Id(string.Empty, new ParamName("secrets", 3, "Id")),
            "An identifier must not be empty.",
            "secrets[3].Id");
        yield return Case(
            "no account id anywhere",
            () => Guard.AccountId(null, null, "accountId"),
            "No account id: pass one, or set SecretsStoreClientOptions.AccountId (or CLOUDFLARE_ACCOUNT_ID).",
            "accountId");
        yield return Case(
            "a bad default account id",
            () => Guard.AccountId(null, "a/b", "accountId"),
            Reserved + "found '/' at position 1.",
            "accountId");
        yield return Case("an empty name", () => Guard.Name(string.Empty, "name"), "A name must not be empty.", "name");
        yield return Case(
            "a name with a space",
            () => Guard.Name("MY KEY", "name"),
            "A name must not contain white space or control characters; found U+0020 at position 2 of 6.",
            "name");
        yield return Case(
            "a name with a control character",
            () => Guard.Name("MY\u0007", "name"),
            "A name must not contain white space or control characters; found U+0007 at position 2 of 3.",
            "name");
        yield return Case(
            "a white-space store name",
            () => Guard.StoreName("  ", "name"),
            "A store name must not be empty or white space (it has 2 characters).",
            "name");
        yield return Case(
            "an empty store name",
            () => Guard.StoreName(string.Empty, "name"),
            "A store name must not be empty or white space (it has 0 characters).",
            "name");
        yield return Case("an empty value", () => Guard.Value(string.Empty, "value"), "A secret value must not be empty.", "value");
        yield return Case(
            "a value one byte too long",
            () => Guard.Value(new string('a', 65_537), "value"),
            "A secret value must be at most 65,536 bytes in UTF-8; this one is 65,537 bytes.",
            "value");
        yield return Case("an empty scope", () => Guard.Scopes(["workers", string.Empty], "scopes"), "Scope 1 is null or empty.", "scopes");
        yield return Case(
            "a scope with a comma",
            () => Guard.Scopes(["a,b"], "scopes"),
            "Scope 0 must not contain commas, white space or control characters; found ',' at position 1.",
            "scopes");
        yield return Case(
            "a scope with a space",
            () => Guard.Scopes(["workers", "ai gateway"], "scopes"),
            "Scope 1 must not contain commas, white space or control characters; found U+0020 at position 2.",
            "scopes");
        yield return Case(
            "a scope with a control character",
            () => Guard.Scopes(["w\u0001"], "scopes"),
            "Scope 0 must not contain commas, white space or control characters; found U+0001 at position 1.",
            "scopes");
        yield return Case(
            "no scopes",
            () => Guard.Scopes([], "scopes"),
            "At least one scope is required (for example SecretScopes.Workers); none was given.",
            "scopes");
        yield return Case(
            "a null id in a list",
            () => Guard.Ids([FakeId, null!], "ids"),
            "Identifier 1 is invalid: Value cannot be null.",
            "ids");
        yield return Case(
            "a bad id in a list",
            () => Guard.Ids([FakeId, FakeId, "a?b"], "ids"),
            "Identifier 2 is invalid: " + Reserved + "found '?' at position 1.",
            "ids");
        yield return Case("no ids", () => Guard.Ids([], "ids"), "At least one secret id is required; the list is empty.", "ids");
    }

    private const string FakeId = "3fd85f74b32742f1bff64a85009dda07";

    [TestCaseSource(nameof(Rules))]
    public void SaysTheRuleTheSizeAndTheParameter(Func<object> check, string message, string parameter)
    {
        ArgumentException? exception = Assert.Catch<ArgumentException>(() => check());

        Assert.That(exception, Is.TypeOf<ArgumentException>());
        Assert.That(exception!.ParamName, Is.EqualTo(parameter));
        Assert.That(exception.Message, Is.EqualTo($"{message} (Parameter '{parameter}')"));
    }

    [Test]
    public void APageSizeOutOfRangeSaysTheRangeAndTheSize()
    {
        Assert.That(
            () => Guard.PageSize(0, "perPage"),
            Throws.TypeOf<ArgumentOutOfRangeException>()
                .With.Message.StartsWith("The page size must be from 1 to 100; it is 0. (Parameter 'perPage')"));
        Assert.That(
            () => Guard.PageSize(101, "perPage"),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.StartsWith("The page size must be from 1 to 100; it is 101."));
        Assert.That(Guard.PageSize(1, "perPage"), Is.EqualTo(1));
        Assert.That(Guard.PageSize(100, "perPage"), Is.EqualTo(100));
    }

    [Test]
    public void NullArgumentsNameTheirParameter()
    {
        Assert.That(
            () => Guard.Id(null, new ParamName("secrets", 0, "Id")),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("secrets[0].Id"));
        Assert.That(() => Guard.Name(null, "name"), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("name"));
        Assert.That(() => Guard.StoreName(null, "name"), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("name"));
        Assert.That(() => Guard.Value(null, "value"), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("value"));
        Assert.That(() => Guard.Scopes(null, "scopes"), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("scopes"));
        Assert.That(() => Guard.Ids(null, "ids"), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("ids"));
    }

    [Test]
    public void ValidArgumentsComeBackAsGiven()
    {
        Assert.That(Guard.AccountId(null, FakeId, "accountId"), Is.EqualTo(FakeId));
        Assert.That(
            Guard.AccountId("11111111111111111111111111111111", FakeId, "accountId"),
            Is.EqualTo("11111111111111111111111111111111"));
        Assert.That(Guard.Id(".a", "secretId"), Is.EqualTo(".a"));
        Assert.That(Guard.Id(new string('f', 32), "secretId"), Has.Length.EqualTo(32));
        Assert.That(Guard.Scopes([], "scopes", allowEmpty: true), Is.Empty);
        Assert.That(Guard.Scopes(Lazily("workers", "ai_gateway"), "scopes"), Is.EqualTo(new[] { "workers", "ai_gateway" }));
        Assert.That(Guard.Ids(Lazily(FakeId), "ids"), Is.EqualTo(new[] { FakeId }));
    }

    [TestCase('x', "'x'")]
    [TestCase(' ', "U+0020")]
    [TestCase('\u00A0', "U+00A0")]
    [TestCase('\u0085', "U+0085")]
    [TestCase('\u001B', "U+001B")]
    public void ShowsACharacterItselfOrByCodePointWhenItWouldNotShow(char c, string shown)
    {
        Assert.That(Guard.Describe(c), Is.EqualTo(shown));
    }

    private static IEnumerable<string> Lazily(params string[] items)
    {
        foreach (string item in items)
        {
            yield return item;
        }
    }

    private static TestCaseData Case(string name, Func<object> check, string message, string parameter) =>
        new TestCaseData(check, message, parameter).SetArgDisplayNames(name);
}
