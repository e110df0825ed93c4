namespace CloudflareSecrets.ContractTests;

/// <summary>What a contract case works with: the client under test and the exchanges it has had so far.</summary>
/// <param name="Client">The facade, sending to Prism.</param>
/// <param name="Exchanges">The exchanges so far, in order.</param>
public sealed record ContractCall(ISecretsStoreClient Client, Func<IReadOnlyList<Exchange>> Exchanges);

/// <summary>
/// One way of calling one operation through the facade. <see cref="Run"/> makes the call and asserts what the facade
/// returned and what it sent; the test around it asserts what holds for every exchange (2xx, no violation, credentials).
/// </summary>
/// <param name="OperationId">The spec's operationId every request of the case must carry.</param>
/// <param name="Description">What the case does and proves (part of the test name).</param>
/// <param name="Run">The call and its case-specific assertions.</param>
/// <param name="Requests">How many requests the call must send.</param>
/// <param name="Configure">Changes to the client options, when the case needs any.</param>
public sealed record ContractCase(
    string OperationId,
    string Description,
    Func<ContractCall, Task> Run,
    int Requests = 1,
    Action<SecretsStoreClientOptions>? Configure = null)
{
    public override string ToString() => $"{OperationId}: {Description}";
}
