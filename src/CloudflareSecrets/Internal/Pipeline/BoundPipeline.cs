using System.Net;
using CloudflareSecrets.Generated;

namespace CloudflareSecrets.Internal;

/// <summary>
/// The seam between the facade and the wire: the options' pipeline bound to the one <see cref="HttpClient"/> a client
/// sends through. A call names its operation and the generated method to run, and gets the envelope back with the
/// status and CF-Ray of its answer.
/// </summary>
internal sealed class BoundPipeline(SecretsStorePipeline pipeline, HttpClient http)
{
    /// <summary>The options' pipeline (shared by every client dependency injection makes for one options name).</summary>
    public SecretsStorePipeline Shared { get; } = pipeline;

    /// <summary>Sends one operation; see <see cref="SecretsStorePipeline.SendAsync"/>.</summary>
    public ValueTask<CallResult<TEnvelope>> SendAsync<TEnvelope>(
        OperationInfo operation,
        Func<SecretsStoreRawClient, CancellationToken, Task<TEnvelope>> send,
        CancellationToken cancellationToken)
        where TEnvelope : class, IEnvelope =>
        Shared.SendAsync(http, operation, null, null, send, cancellationToken);

    /// <summary>Sends one operation whose request carries <paramref name="sensitive"/> values, masked wherever echoed.</summary>
    public ValueTask<CallResult<TEnvelope>> SendAsync<TEnvelope>(
        OperationInfo operation,
        IReadOnlyCollection<string>? sensitive,
        Func<SecretsStoreRawClient, CancellationToken, Task<TEnvelope>> send,
        CancellationToken cancellationToken)
        where TEnvelope : class, IEnvelope =>
        Shared.SendAsync(http, operation, sensitive, null, send, cancellationToken);

    /// <summary>
    /// Sends a delete. When an attempt was lost after it may have acted and a later one finds the target gone (as
    /// <paramref name="targetGone"/> reads the not-found answer), the lost attempt deleted it: the call succeeds.
    /// </summary>
    public async Task DeleteAsync(
        OperationInfo operation,
        Func<CloudflareNotFoundException, bool> targetGone,
        Func<SecretsStoreRawClient, CancellationToken, Task<SecretsStore_delete_response>> send,
        CancellationToken cancellationToken) =>
        await Shared.SendAsync(http, operation, null, targetGone, send, cancellationToken).ConfigureAwait(false);
}

/// <summary>What a call brings back: the envelope, and the status and CF-Ray of the answer it came in.</summary>
internal readonly record struct CallResult<TEnvelope>(TEnvelope Envelope, OperationInfo Operation, HttpStatusCode Status, string? RayId)
{
    /// <summary>Makes the exception for an envelope that lacks what the operation needs, with this answer's status and CF-Ray.</summary>
    public MalformedResponse Malformed => new(Operation.Name, Status, RayId);
}
