using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudflareSecrets.Internal;

/// <summary>
/// The request pipelines of a service provider, one per options name, each built at its first use from the options as
/// they are then (later changes to the options have no effect, as for a client constructed by hand).
/// </summary>
internal sealed class SecretsStorePipelines(IOptionsMonitor<SecretsStoreClientOptions> options, ILoggerFactory loggerFactory)
{
    private readonly ConcurrentDictionary<string, Lazy<SecretsStorePipeline>> _pipelines = new(StringComparer.Ordinal);

    /// <exception cref="OptionsValidationException">The options of <paramref name="name"/> are invalid.</exception>
    public SecretsStorePipeline Get(string name) =>
        (_pipelines.TryGetValue(name, out Lazy<SecretsStorePipeline>? built)
            ? built
            : _pipelines.GetOrAdd(name, n => new Lazy<SecretsStorePipeline>(() => SecretsStorePipeline.Create(options.Get(n), loggerFactory)))).Value;
}
