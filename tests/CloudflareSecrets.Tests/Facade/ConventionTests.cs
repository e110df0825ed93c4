using System.Reflection;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>Rules of the public surface, checked by reflection over the library so a new member cannot break them unnoticed.</summary>
public class ConventionTests
{
    private const string GeneratedNamespace = "CloudflareSecrets.Generated";

    private static readonly Assembly Library = typeof(SecretsStoreClient).Assembly;

    /// <summary>
    /// Methods that return an async sequence or pageable but do no I/O of their own, so the Async suffix and the
    /// token would mislead: the pages view named as in Azure.Core, and the in-memory pageable for users' tests.
    /// </summary>
    private static readonly (Type Type, string Method)[] NotAsyncByDesign =
    [
        (typeof(AsyncPageable<>), nameof(AsyncPageable<object>.AsPages)),
        (typeof(AsyncPageable<>), nameof(AsyncPageable<object>.FromPages)),
    ];

    private static IEnumerable<MethodInfo> PublicMethods =>
        Library.GetExportedTypes()
            .SelectMany(t => t.GetMethods(
                BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && !m.IsSpecialName);

    [Test]
    public void EveryMethodReturningATaskOrAnAsyncSequenceEndsInAsyncAndTakesACancellationTokenLast()
    {
        var checkedMethods = new List<string>();
        var violations = new List<string>();
        foreach (MethodInfo method in PublicMethods.Where(m => IsAsyncShaped(m.ReturnType)))
        {
            Type declaring = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericTypeDefinition() : method.DeclaringType;
            if (NotAsyncByDesign.Contains((declaring, method.Name)))
            {
                continue;
            }

            string name = $"{method.DeclaringType!.Name}.{method.Name}";
            checkedMethods.Add(name);
            ParameterInfo[] parameters = method.GetParameters();
            if (!method.Name.EndsWith("Async", StringComparison.Ordinal))
            {
                violations.Add($"{name} does not end in Async");
            }

            if (parameters.Length == 0 || parameters[^1].ParameterType != typeof(CancellationToken))
            {
                violations.Add($"{name} does not take a CancellationToken last");
            }
        }

        Assert.That(violations, Is.Empty);
        Assert.That(checkedMethods, Has.Count.GreaterThanOrEqualTo(28), "the client's and the interface's operations were checked");
    }

    [Test]
    public void TheExemptionsFromTheAsyncRuleStillExist()
    {
        foreach ((Type type, string name) in NotAsyncByDesign)
        {
            Assert.That(type.GetMethods().Where(m => m.Name == name), Is.Not.Empty, $"{type.Name}.{name}");
        }

        Assert.That(
            typeof(AsyncPageable<Secret>).GetMethod(nameof(AsyncPageable<Secret>.AsPages))!.GetParameters().Select(p => p.ParameterType),
            Is.EqualTo(new[] { typeof(string), typeof(CancellationToken) }));
    }

    [Test]
    public void NoPublicTypeLivesInTheGeneratedNamespace()
    {
        Assert.That(Library.GetTypes().Where(t => t.Namespace == GeneratedNamespace), Is.Not.Empty, "the generated client is compiled in");
        Assert.That(Library.GetExportedTypes().Where(t => t.Namespace == GeneratedNamespace).Select(t => t.FullName), Is.Empty);
    }

    [Test]
    public void NoPublicMemberExposesAGeneratedOrInternalType()
    {
        var violations = new List<string>();
        foreach (Type type in Library.GetExportedTypes())
        {
            foreach ((string where, Type exposed) in ExposedTypes(type))
            {
                foreach (Type part in Flatten(exposed))
                {
                    if (part.Namespace == GeneratedNamespace || (part.Assembly == Library && !part.IsGenericParameter && !part.IsVisible))
                    {
                        violations.Add($"{type.Name}.{where} exposes {part.FullName}");
                    }
                }
            }
        }

        Assert.That(violations, Is.Empty);
    }

    [Test]
    public void EveryPublicExceptionTypeDerivesFromCloudflareApiException()
    {
        // One documented root: a caller who catches CloudflareApiException misses no failed API interaction, a sync or
        // a multi-batch create that stopped part-way included (they carry what was done besides).
        Type[] exceptions = Library.GetExportedTypes().Where(t => typeof(Exception).IsAssignableFrom(t)).ToArray();

        Assert.That(exceptions, Has.Length.EqualTo(10));
        Assert.That(exceptions, Has.All.Matches<Type>(t => typeof(CloudflareApiException).IsAssignableFrom(t)));
    }

    [Test]
    public void PublicExceptionSubclassesAreSealed()
    {
        Type[] subclasses = Library.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(CloudflareApiException))).ToArray();

        Assert.That(subclasses.Select(t => t.Name), Is.EquivalentTo(new[]
        {
            nameof(CloudflareValidationException), nameof(CloudflareAuthenticationException),
            nameof(CloudflareAuthorizationException), nameof(CloudflareNotFoundException), nameof(CloudflareConflictException),
            nameof(CloudflareRateLimitException), nameof(CloudflareServerException),
            nameof(SecretsPartiallyCreatedException), nameof(SecretsSyncException),
        }));
        Assert.That(subclasses.Where(t => !t.IsSealed).Select(t => t.Name), Is.Empty);
    }

    [Test]
    public void EveryMemberOfTheInterfaceIsVirtualOnTheClient()
    {
        InterfaceMapping map = typeof(SecretsStoreClient).GetInterfaceMap(typeof(ISecretsStoreClient));

        // The API's 12 operations, with the one-secret create beside the bulk create that sends it; workflows such as
        // FindSecretByNameAsync are extensions built on these, so overriding an operation is the one seam.
        Assert.That(map.TargetMethods, Has.Length.EqualTo(typeof(ISecretsStoreClient).GetMethods().Length).And.Length.EqualTo(13));
        Assert.That(map.TargetMethods.Where(m => !m.IsPublic || !m.IsVirtual || m.IsFinal).Select(m => m.Name), Is.Empty);
    }

    [Test]
    public void TheClientHasAProtectedParameterlessConstructorForMocking()
    {
        ConstructorInfo? constructor =
            typeof(SecretsStoreClient).GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);

        Assert.That(constructor, Is.Not.Null);
        Assert.That(constructor!.IsFamily, Is.True, "protected");
    }

    [Test]
    public async Task AHandWrittenSubclassCanStandInForTheClient()
    {
        ISecretsStoreClient client = new QuotaOnlyClient();

        SecretsQuota quota = await client.GetQuotaAsync();

        Assert.That(quota, Is.EqualTo(SecretsStoreModelFactory.SecretsQuota(usage: 42)));
    }

    [Test]
    public void TheModelFactoryBuildsEveryModelTheClientReturns()
    {
        Type[] returned = typeof(ISecretsStoreClient).GetMethods()
            .Select(m => Unwrap(m.ReturnType))
            .Where(t => t is not null)
            .Distinct()
            .ToArray()!;
        MethodInfo[] factories = typeof(SecretsStoreModelFactory).GetMethods(BindingFlags.Public | BindingFlags.Static);

        Assert.That(returned, Is.EquivalentTo(new[] { typeof(SecretStore), typeof(Secret), typeof(SecretsQuota) }));
        foreach (Type model in returned)
        {
            MethodInfo? factory = factories.SingleOrDefault(f => f.ReturnType == model);
            Assert.That(factory, Is.Not.Null, $"a factory for {model.Name}");
            Assert.That(factory!.Name, Is.EqualTo(model.Name), "a factory method is named after the type it builds");
            object? built = factory!.Invoke(null, factory.GetParameters().Select(p => p.DefaultValue).ToArray());
            Assert.That(built, Is.InstanceOf(model), $"{factory.Name}() with every default");
        }

        Assert.That(
            factories.Where(f => f.ReturnType.IsGenericType && f.ReturnType.GetGenericTypeDefinition() == typeof(AsyncPageable<>)),
            Is.Empty,
            "one way to build a test pageable: AsyncPageable<T>.FromPages");
        Assert.That(
            factories.Where(f => f.ReturnType == typeof(CloudflareApiException)).Select(f => f.Name),
            Is.EqualTo(new[] { nameof(CloudflareApiException) }),
            "a factory for the exceptions, named after their root");
    }

    private static bool IsAsyncShaped(Type type)
    {
        if (type == typeof(Task) || type == typeof(ValueTask))
        {
            return true;
        }

        if (!type.IsGenericType)
        {
            return false;
        }

        Type definition = type.GetGenericTypeDefinition();
        return definition == typeof(Task<>) || definition == typeof(ValueTask<>) || definition == typeof(IAsyncEnumerable<>)
            || definition == typeof(AsyncPageable<>)
            || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>));
    }

    /// <summary>The model inside Task&lt;T&gt;, AsyncPageable&lt;T&gt;, IReadOnlyList&lt;T&gt; (null for a plain Task).</summary>
    private static Type? Unwrap(Type type)
    {
        while (type.IsGenericType)
        {
            type = type.GetGenericArguments()[0];
        }

        return type == typeof(Task) ? null : type;
    }

    private static IEnumerable<(string Where, Type Type)> ExposedTypes(Type type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return ("(base type)", baseType);
        }

        foreach (Type implemented in type.GetInterfaces())
        {
            yield return ("(interface)", implemented);
        }

        const BindingFlags all =
            BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (MemberInfo member in type.GetMembers(all))
        {
            switch (member)
            {
                case MethodBase method when method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly:
                    if (method is MethodInfo info)
                    {
                        yield return (method.Name, info.ReturnType);
                    }

                    foreach (ParameterInfo parameter in method.GetParameters())
                    {
                        yield return ($"{method.Name}({parameter.Name})", parameter.ParameterType);
                    }

                    break;
                case PropertyInfo property
                    when property.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly):
                    yield return (property.Name, property.PropertyType);
                    break;
                case FieldInfo field when field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly:
                    yield return (field.Name, field.FieldType);
                    break;
                case EventInfo @event when @event.AddMethod is { } add && (add.IsPublic || add.IsFamily):
                    yield return (@event.Name, @event.EventHandlerType!);
                    break;
            }
        }
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType)
        {
            foreach (Type element in Flatten(type.GetElementType()!))
            {
                yield return element;
            }

            yield break;
        }

        yield return type;
        if (type.IsGenericType)
        {
            foreach (Type argument in type.GetGenericArguments().SelectMany(Flatten))
            {
                yield return argument;
            }
        }
    }

    private sealed class QuotaOnlyClient : SecretsStoreClient
    {
        public override Task<SecretsQuota> GetQuotaAsync(string? accountId = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(SecretsStoreModelFactory.SecretsQuota(usage: 42));
    }
}
