using CloudflareSecrets.Generated;

namespace CloudflareSecrets.Internal;

/// <summary>
/// One call's state across its attempts: what to send, what to mask, and what the attempts so far left behind (the
/// last status and CF-Ray for the operation's activity, and whether one of them may have acted unseen).
/// </summary>
internal sealed class CallState<TEnvelope>(
    HttpClient http,
    OperationRoute route,
    Func<SecretsStoreRawClient, CancellationToken, Task<TEnvelope>> send,
    IReadOnlyCollection<string>? sensitive,
    Func<CloudflareNotFoundException, bool>? targetGone,
    Credentials credentials)
{
    private IReadOnlyCollection<string>? _masked;

    public HttpClient Http { get; } = http;

    public OperationRoute Route { get; } = route;

    public OperationInfo Operation => Route.Operation;

    public Func<SecretsStoreRawClient, CancellationToken, Task<TEnvelope>> Send { get; } = send;

    /// <summary>
    /// What must be masked if a server echoes it: the request's sensitive values, those of the workflow the call is part
    /// of (<see cref="SensitiveScope"/>) and the credentials (a server, or a proxy before it, may echo the credentials it
    /// rejected). Put together only when a failure or Trace logging needs it.
    /// </summary>
    public IReadOnlyCollection<string> Sensitive => _masked ??= (sensitive, SensitiveScope.Current) switch
    {
        (null, null) => credentials.Masked,
        (null, { } scope) => [.. scope, .. credentials.Masked],
        ({ } own, null) => [.. own, .. credentials.Masked],
        ({ } own, { } scope) => [.. own, .. scope, .. credentials.Masked],
    };

    public int Attempt { get; set; }

    public int? LastStatus { get; set; }

    public string? LastRayId { get; set; }

    /// <summary>Whether an attempt so far failed without saying whether the server acted (see <see cref="RetryPolicy.IsAmbiguous"/>).</summary>
    public bool HadAmbiguousAttempt { get; set; }

    /// <summary>
    /// Whether a delete's not-found answer is that attempt's doing: a lost attempt before it may have deleted the target.
    /// The one place this is decided: such an answer ends the call as the success it was.
    /// </summary>
    public bool FoundGoneAfterItActed(Exception failure) =>
        HadAmbiguousAttempt && failure is CloudflareNotFoundException notFound && targetGone is not null && targetGone(notFound);
}
