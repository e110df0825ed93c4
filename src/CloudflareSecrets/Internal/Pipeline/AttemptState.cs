using CloudflareSecrets.Generated;

namespace CloudflareSecrets.Internal;

/// <summary>One call's state across its attempts; the static Polly callbacks get it instead of a closure.</summary>
internal sealed class AttemptState<TEnvelope>(SecretsStorePipeline pipeline, HttpClient http, OperationRoute route, Func<SecretsStoreRawClient, CancellationToken, Task<TEnvelope>> call, IReadOnlyCollection<string>? sensitive, Credentials credentials, CancellationToken callerToken)
{
    private IReadOnlyCollection<string>? _masked;

    public SecretsStorePipeline Pipeline { get; } = pipeline;

    public HttpClient Http { get; } = http;

    public OperationRoute Route { get; } = route;

    public Func<SecretsStoreRawClient, CancellationToken, Task<TEnvelope>> Call { get; } = call;

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

    /// <summary>The caller's token, to tell its cancellation from the per-attempt timeout's.</summary>
    public CancellationToken CallerToken { get; } = callerToken;

    public int Attempt { get; set; }

    public int? LastStatus { get; set; }

    public string? LastRayId { get; set; }

    /// <summary>
    /// The first attempt's failure, made outside the retry pipeline; the pipeline's first callback hands it on as its
    /// own outcome (<see cref="ReplayFirstFailure"/>) instead of sending again.
    /// </summary>
    public Exception? FirstFailure { get; set; }

    /// <summary>The first attempt's failure as the outcome of the retry pipeline's first callback; cleared, so the next callback sends.</summary>
    public ValueTask<(TEnvelope Envelope, RequestContext Context)> ReplayFirstFailure(Exception first)
    {
        FirstFailure = null;
        return ValueTask.FromException<(TEnvelope, RequestContext)>(first);
    }

    /// <summary>Whether an attempt so far failed without saying whether the server acted (see <see cref="RetryPolicy.IsAmbiguous"/>).</summary>
    public bool HadAmbiguousAttempt { get; set; }
}
