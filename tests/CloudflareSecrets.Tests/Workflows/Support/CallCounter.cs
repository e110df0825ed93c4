using System.Reflection;

namespace CloudflareSecrets.Tests.Workflows.Support;

/// <summary>
/// An <see cref="ISecretsStoreClient"/> that checks nothing and only counts the calls it gets (each fails): for the
/// workflows' own argument checks, which must not depend on the client's.
/// </summary>
public class CallCounter : DispatchProxy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public static ISecretsStoreClient Create(out CallCounter counter)
    {
        ISecretsStoreClient client = Create<ISecretsStoreClient, CallCounter>();
        counter = (CallCounter)(object)client;
        return client;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        Interlocked.Increment(ref _count);
        throw new InvalidOperationException($"{targetMethod?.Name} was called");
    }
}
