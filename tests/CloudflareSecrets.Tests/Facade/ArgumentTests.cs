using System.Text;
using CloudflareSecrets.Tests.Facade.Support;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>
/// Bad input to every public method: an <see cref="ArgumentException"/> (or subclass) that names the parameter and the
/// rule, thrown before anything reaches the HTTP boundary.
/// </summary>
public class ArgumentTests
{
    private const string Store = FakeCloudflare.StoreId;
    private const string SecretId = FakeCloudflare.SecretId;
    private const string Name = "MY_API_KEY";
    private const string Value = "api-token-secret-123";
    private static readonly string[] Scopes = [SecretScopes.Workers];

    /// <summary>65,537 bytes: one more than the limit.</summary>
    private static readonly string AsciiOverLimit = new('a', SecretsStoreLimits.MaxValueBytes + 1);

    /// <summary>21,846 × '€' (3 bytes each) = 65,538 bytes, in only 21,846 characters.</summary>
    private static readonly string EuroOverLimit = new('€', 21_846);

    private static readonly (string Label, string? Value, Type Exception, string Rule)[] BadIds =
    [
        ("null", null, typeof(ArgumentNullException), "Value cannot be null"),
        ("empty", string.Empty, typeof(ArgumentException), "An identifier must not be empty"),
        ("of 33 characters", new string('a', 33), typeof(ArgumentException), "at most 32 characters; this one has 33"),
        ("with '/'", "abc/def", typeof(ArgumentException), "found '/' at position 3"),
        ("with '?'", "abc?def", typeof(ArgumentException), "found '?' at position 3"),
        ("with '#'", "abc#def", typeof(ArgumentException), "found '#' at position 3"),
        ("with '%'", "abc%2Fdef", typeof(ArgumentException), "found '%' at position 3"),
        ("with '\\'", "abc\\def", typeof(ArgumentException), "found '\\' at position 3"),
        ("with a space", "abc def", typeof(ArgumentException), "found U+0020 at position 3"),
        ("with a control character", "abc\u0007def", typeof(ArgumentException), "found U+0007 at position 3"),
    ];

    private static readonly (string Label, string? Value, Type Exception, string Rule)[] BadNames =
    [
        ("null", null, typeof(ArgumentNullException), "Value cannot be null"),
        ("empty", string.Empty, typeof(ArgumentException), "A name must not be empty"),
        ("with a space inside", "MY KEY", typeof(ArgumentException),
            "must not contain white space or control characters; found U+0020 at position 2 of 6"),
        ("with a leading space", " MY_KEY", typeof(ArgumentException), "found U+0020 at position 0 of 7"),
        ("with a trailing newline", "MY_KEY\n", typeof(ArgumentException), "found U+000A at position 6 of 7"),
        ("with a tab", "MY\tKEY", typeof(ArgumentException), "found U+0009 at position 2"),
        ("with a no-break space", "MY\u00A0KEY", typeof(ArgumentException), "found U+00A0 at position 2"),
        ("with a space after a non-ASCII letter", "КЛЮЧ KEY", typeof(ArgumentException), "found U+0020 at position 4 of 8"),
    ];

    [TestCaseSource(nameof(BadInputs))]
    public void RejectsBadInputBeforeSendingAnything(BadInput input)
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(Canned.Success(null));
        SecretsStoreClient client = fake.CreateClient(input.Configure);

        ArgumentException? exception = Assert.CatchAsync<ArgumentException>(() => input.Call(client));

        Assert.That(exception, Is.TypeOf(input.Exception));
        Assert.That(exception!.ParamName, Is.EqualTo(input.ParamName));
        Assert.That(exception.Message, Does.Contain(input.Rule));
        Assert.That(fake.Requests, Is.Empty);
    }

    [Test]
    public async Task AcceptsAValueOfExactly65536AsciiBytes()
    {
        string value = new('a', SecretsStoreLimits.MaxValueBytes);

        string sent = await SentValueAsync(value);

        Assert.That(sent, Is.EqualTo(value));
    }

    [Test]
    public async Task AcceptsAMultiByteValueOfExactly65536Bytes()
    {
        string value = new string('€', 21_845) + "a";
        Assert.That(Encoding.UTF8.GetByteCount(value), Is.EqualTo(65_536));

        string sent = await SentValueAsync(value);

        Assert.That(sent, Is.EqualTo(value));
    }

    [Test]
    public async Task CountsFourByteCharactersByTheirUtf8Size()
    {
        string atLimit = string.Concat(Enumerable.Repeat("😀", 16_384));
        using var fake = new FakeCloudflare();
        fake.AnswerAll(Canned.Success(new JArray(Canned.Secret())));
        SecretsStoreClient client = fake.CreateClient();

        await client.CreateSecretAsync(Store, Name, atLimit, Scopes);
        Assert.That(
            () => client.CreateSecretAsync(Store, Name, atLimit + "😀", Scopes),
            Throws.ArgumentException.With.Message.Contains("this one is 65,540 bytes"));

        Assert.That(fake.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AcceptsIdentifiersOf32Characters()
    {
        string id = new('f', 32);
        using var fake = new FakeCloudflare();
        fake.AnswerAll(Canned.Success(Canned.Secret()));

        await fake.CreateClient().GetSecretAsync(id, id, id);

        Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.Url($"stores/{id}/secrets/{id}", id)));
    }

    [Test]
    public void FactoryHelpersRejectBadArgumentsToo()
    {
        Assert.That(() => AsyncPageable<Secret>.FromPages(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("pages"));
    }

    private static async Task<string> SentValueAsync(string value)
    {
        using var fake = new FakeCloudflare();
        fake.AnswerAll(Canned.Success(new JArray(Canned.Secret())));

        await fake.CreateClient().CreateSecretAsync(Store, Name, value, Scopes);

        return (string)JArray.Parse(fake.SingleRequest.Body!)[0]["value"]!;
    }

    private static IEnumerable<TestCaseData> BadInputs()
    {
        // Identifiers in the path.
        foreach ((string label, string? id, Type exception, string rule) in BadIds)
        {
            foreach ((string method, Func<ISecretsStoreClient, Task> call) in MethodsWithStoreId(id))
            {
                yield return Case($"{method}: storeId {label}", call, "storeId", exception, rule);
            }

            foreach ((string method, Func<ISecretsStoreClient, Task> call) in MethodsWithSecretId(id))
            {
                yield return Case($"{method}: secretId {label}", call, "secretId", exception, rule);
            }

            if (id is not null)
            {
                foreach (Operation operation in Operations.All)
                {
                    yield return Case(
                        $"{operation.Name}: accountId {label}",
                        c => operation.Invoke(c, id, CancellationToken.None),
                        "accountId",
                        exception,
                        rule);
                }
            }
        }

        foreach (Operation operation in Operations.All)
        {
            yield return Case(
                $"{operation.Name}: no account id and no default",
                c => operation.Invoke(c, null, CancellationToken.None),
                "accountId",
                typeof(ArgumentException),
                "No account id: pass one, or set SecretsStoreClientOptions.AccountId",
                o => o.AccountId = null);
        }

        // Secret names.
        foreach ((string label, string? name, Type exception, string rule) in BadNames)
        {
            yield return Case(
                $"CreateSecretAsync: name {label}",
                c => c.CreateSecretAsync(Store, name!, Value, Scopes),
                "name",
                exception,
                rule);
            yield return Case(
                $"DuplicateSecretAsync: newName {label}",
                c => c.DuplicateSecretAsync(Store, SecretId, name!, Scopes),
                "newName",
                exception,
                rule);
            yield return Case($"FindSecretByNameAsync: name {label}", c => c.FindSecretByNameAsync(Store, name!), "name", exception, rule);
            yield return Case(
                $"CreateSecretsAsync: a secret's name {label}",
                c => c.CreateSecretsAsync(Store, [new NewSecret("FIRST", Value, Scopes), new NewSecret(name!, Value, Scopes)]),
                "secrets[1].Name",
                exception,
                rule);
        }

        yield return Case(
            "CreateStoreAsync: name null",
            c => c.CreateStoreAsync(null!),
            "name",
            typeof(ArgumentNullException),
            "Value cannot be null");
        yield return Case(
            "CreateStoreAsync: name empty",
            c => c.CreateStoreAsync(string.Empty),
            "name",
            typeof(ArgumentException),
            "A store name must not be empty or white space (it has 0 characters)");
        yield return Case(
            "CreateStoreAsync: name white space",
            c => c.CreateStoreAsync("   "),
            "name",
            typeof(ArgumentException),
            "A store name must not be empty or white space (it has 3 characters)");

        // Scopes.
        foreach ((string label, string[]? scopes, Type exception, string rule) in BadScopes())
        {
            yield return Case(
                $"CreateSecretAsync: scopes {label}",
                c => c.CreateSecretAsync(Store, Name, Value, scopes!),
                "scopes",
                exception,
                rule);
            yield return Case(
                $"DuplicateSecretAsync: scopes {label}",
                c => c.DuplicateSecretAsync(Store, SecretId, "COPY", scopes!),
                "scopes",
                exception,
                rule);
            yield return Case(
                $"CreateSecretsAsync: a secret's scopes {label}",
                c => c.CreateSecretsAsync(Store, [new NewSecret(Name, Value, scopes!)]),
                "secrets[0].Scopes",
                exception,
                rule);
            if (scopes is { Length: > 0 })
            {
                yield return Case(
                    $"UpdateSecretAsync: scopes {label}",
                    c => c.UpdateSecretAsync(Store, SecretId, new SecretUpdate { Scopes = scopes }),
                    "update.Scopes",
                    exception,
                    rule);
                yield return Case(
                    $"ListSecretsAsync: scopes filter {label}",
                    c => c.ListSecretsAsync(Store, new ListSecretsOptions { Scopes = scopes }).ToListAsync().AsTask(),
                    "options.Scopes",
                    exception,
                    rule);
            }
        }

        yield return Case(
            "UpdateSecretAsync: scopes empty",
            c => c.UpdateSecretAsync(Store, SecretId, new SecretUpdate { Scopes = [] }),
            "update.Scopes",
            typeof(ArgumentException),
            "At least one scope is required");

        // Values.
        foreach ((string label, string? value, Type exception, string rule) in BadValues())
        {
            yield return Case(
                $"CreateSecretAsync: value {label}",
                c => c.CreateSecretAsync(Store, Name, value!, Scopes),
                "value",
                exception,
                rule);
            yield return Case(
                $"CreateSecretsAsync: a secret's value {label}",
                c => c.CreateSecretsAsync(Store, [new NewSecret("FIRST", Value, Scopes), new NewSecret(Name, value!, Scopes)]),
                "secrets[1].Value",
                exception,
                rule);
            if (value is not null)
            {
                yield return Case(
                    $"UpdateSecretAsync: value {label}",
                    c => c.UpdateSecretAsync(Store, SecretId, new SecretUpdate { Value = value }),
                    "update.Value",
                    exception,
                    rule);
            }
        }

        // Page sizes.
        foreach (int pageSize in new[] { 0, -1, 101 })
        {
            string rule = $"The page size must be from 1 to 100; it is {pageSize}.";
            yield return Case(
                $"ListSecretsAsync: page size {pageSize}",
                c => c.ListSecretsAsync(Store, new ListSecretsOptions { PageSize = pageSize }).ToListAsync().AsTask(),
                "options.PageSize",
                typeof(ArgumentOutOfRangeException),
                rule);
            yield return Case(
                $"ListStoresAsync: page size {pageSize}",
                c => c.ListStoresAsync(new ListStoresOptions { PageSize = pageSize }).ToListAsync().AsTask(),
                "options.PageSize",
                typeof(ArgumentOutOfRangeException),
                rule);
        }

        // Lists and objects.
        yield return Case(
            "DeleteSecretsAsync: ids null",
            c => c.DeleteSecretsAsync(Store, null!),
            "secretIds",
            typeof(ArgumentNullException),
            "Value cannot be null");
        yield return Case(
            "DeleteSecretsAsync: ids empty",
            c => c.DeleteSecretsAsync(Store, []),
            "secretIds",
            typeof(ArgumentException),
            "At least one secret id is required; the list is empty");
        yield return Case(
            "DeleteSecretsAsync: a null id",
            c => c.DeleteSecretsAsync(Store, [null!]),
            "secretIds",
            typeof(ArgumentException),
            "Identifier 0 is invalid: Value cannot be null");
        yield return Case(
            "DeleteSecretsAsync: an id with '/'",
            c => c.DeleteSecretsAsync(Store, ["id1", "a/b"]),
            "secretIds",
            typeof(ArgumentException),
            "Identifier 1 is invalid: An identifier must not contain '/'");
        yield return Case(
            "DeleteSecretsAsync: an id of 33 characters",
            c => c.DeleteSecretsAsync(Store, ["id1", new string('a', 33)]),
            "secretIds",
            typeof(ArgumentException),
            "Identifier 1 is invalid: An identifier must be at most 32 characters; this one has 33");
        yield return Case(
            "UpdateSecretAsync: update null",
            c => c.UpdateSecretAsync(Store, SecretId, null!),
            "update",
            typeof(ArgumentNullException),
            "Value cannot be null");
        yield return Case(
            "UpdateSecretAsync: nothing set",
            c => c.UpdateSecretAsync(Store, SecretId, new SecretUpdate()),
            "update",
            typeof(ArgumentException),
            "The update changes nothing: set Value, Scopes or Comment");
        yield return Case(
            "CreateSecretsAsync: list null",
            c => c.CreateSecretsAsync(Store, null!),
            "secrets",
            typeof(ArgumentNullException),
            "Value cannot be null");
        yield return Case(
            "CreateSecretsAsync: list empty",
            c => c.CreateSecretsAsync(Store, []),
            "secrets",
            typeof(ArgumentException),
            "At least one secret is required; the list is empty");
        yield return Case(
            "CreateSecretsAsync: a null secret",
            c => c.CreateSecretsAsync(Store, [new NewSecret(Name, Value, Scopes), null!]),
            "secrets",
            typeof(ArgumentException),
            "secrets[1] is null");
        yield return Case(
            "CreateSecretsAsync: a name given twice",
            c => c.CreateSecretsAsync(
                Store,
                [new NewSecret("A", Value, Scopes), new NewSecret("B", Value, Scopes), new NewSecret("A", "other", Scopes)]),
            "secrets",
            typeof(ArgumentException),
            "secrets[2].Name repeats a name given earlier in the list");
        yield return Case(
            "CreateSecretsAsync: a bad secret in a later batch",
            c => c.CreateSecretsAsync(
                Store,
                [new NewSecret("A", Value, Scopes), new NewSecret("B", Value, Scopes), new NewSecret("C", Value, [])]),
            "secrets[2].Scopes",
            typeof(ArgumentException),
            "At least one scope is required",
            o => o.CreateBatchSize = 1);
    }

    private static IEnumerable<(string Label, string[]? Scopes, Type Exception, string Rule)> BadScopes()
    {
        yield return ("null", null, typeof(ArgumentNullException), "Value cannot be null");
        yield return ("empty", [], typeof(ArgumentException),
            "At least one scope is required (for example SecretScopes.Workers); none was given");
        yield return ("with an empty scope", ["workers", string.Empty], typeof(ArgumentException), "Scope 1 is null or empty");
        yield return ("with a null scope", [null!], typeof(ArgumentException), "Scope 0 is null or empty");
        yield return ("with a comma", ["workers,ai_gateway"], typeof(ArgumentException),
            "Scope 0 must not contain commas, white space or control characters; found ',' at position 7");
        yield return ("with a space", ["ai gateway"], typeof(ArgumentException), "found U+0020 at position 2");
        yield return ("with a comma after a non-ASCII letter", ["wörkers,x"], typeof(ArgumentException), "found ',' at position 7");
        yield return ("with a line separator", ["workers\u2028"], typeof(ArgumentException), "found U+2028 at position 7");
    }

    private static IEnumerable<(string Label, string? Value, Type Exception, string Rule)> BadValues()
    {
        yield return ("null", null, typeof(ArgumentNullException), "Value cannot be null");
        yield return ("empty", string.Empty, typeof(ArgumentException), "A secret value must not be empty");
        yield return ("of 65,537 bytes", AsciiOverLimit, typeof(ArgumentException),
            "A secret value must be at most 65,536 bytes in UTF-8; this one is 65,537 bytes");
        yield return ("of 21,846 × '€' (65,538 bytes)", EuroOverLimit, typeof(ArgumentException), "this one is 65,538 bytes");
    }

    private static IEnumerable<(string Method, Func<ISecretsStoreClient, Task> Call)> MethodsWithStoreId(string? id)
    {
        yield return ("ListSecretsAsync", c => c.ListSecretsAsync(id!).ToListAsync().AsTask());
        yield return ("FindSecretByNameAsync", c => c.FindSecretByNameAsync(id!, Name));
        yield return ("GetSecretAsync", c => c.GetSecretAsync(id!, SecretId));
        yield return ("CreateSecretAsync", c => c.CreateSecretAsync(id!, Name, Value, Scopes));
        yield return ("CreateSecretsAsync", c => c.CreateSecretsAsync(id!, [new NewSecret(Name, Value, Scopes)]));
        yield return ("UpdateSecretAsync", c => c.UpdateSecretAsync(id!, SecretId, new SecretUpdate { Comment = "c" }));
        yield return ("DuplicateSecretAsync", c => c.DuplicateSecretAsync(id!, SecretId, "COPY", Scopes));
        yield return ("DeleteSecretAsync", c => c.DeleteSecretAsync(id!, SecretId));
        yield return ("DeleteSecretsAsync", c => c.DeleteSecretsAsync(id!, [SecretId]));
        yield return ("GetStoreAsync", c => c.GetStoreAsync(id!));
        yield return ("DeleteStoreAsync", c => c.DeleteStoreAsync(id!, force: true));
    }

    private static IEnumerable<(string Method, Func<ISecretsStoreClient, Task> Call)> MethodsWithSecretId(string? id)
    {
        yield return ("GetSecretAsync", c => c.GetSecretAsync(Store, id!));
        yield return ("UpdateSecretAsync", c => c.UpdateSecretAsync(Store, id!, new SecretUpdate { Comment = "c" }));
        yield return ("DuplicateSecretAsync", c => c.DuplicateSecretAsync(Store, id!, "COPY", Scopes));
        yield return ("DeleteSecretAsync", c => c.DeleteSecretAsync(Store, id!));
    }

    private static TestCaseData Case(
        string description,
        Func<ISecretsStoreClient, Task> call,
        string paramName,
        Type exception,
        string rule,
        Action<SecretsStoreClientOptions>? configure = null) =>
        new TestCaseData(new BadInput(description, call, paramName, exception, rule, configure)).SetArgDisplayNames(description);

    /// <summary>A call with one bad argument, and the exception it must throw.</summary>
    public sealed record BadInput(
        string Description,
        Func<ISecretsStoreClient, Task> Call,
        string ParamName,
        Type Exception,
        string Rule,
        Action<SecretsStoreClientOptions>? Configure)
    {
        public override string ToString() => Description;
    }
}
