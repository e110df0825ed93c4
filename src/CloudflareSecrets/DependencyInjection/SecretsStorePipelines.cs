using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudflareSecrets.Internal;

/// <summary>
/// What the clients of a service provider are made of, one per options name, each built at its first use from the
/// options as they are then (later changes to the options have no effect, as for a client constructed by hand).
/// </summary>
internal sealed class SecretsStorePipelines(IOptionsMonitor<SecretsStoreClientOptions> options, ILoggerFactory loggerFactory)
{
    private readonly ConcurrentDictionary<string, Lazy<ClientSetup>> _setups = new(StringComparer.Ordinal);

    /// <exception cref="OptionsValidationException">The options of <paramref name="name"/> are invalid.</exception>
    public ClientSetup Get(string name) =>
        (_setups.TryGetValue(name, out Lazy<ClientSetup>? built)
            ? built
            : _setups.GetOrAdd(name, n => new Lazy<ClientSetup>(() => ClientSetup.From(options.Get(n), loggerFactory)))).Value;
}

/// <summary>A client's parts taken from one reading of its options: the request pipeline and the facade's defaults.</summary>
/// <param name="Pipeline">The request pipeline.</param>
/// <param name="DefaultAccountId">The account a call uses when it names none.</param>
/// <param name="CreateBatchSize">How many secrets one create request carries.</param>
internal sealed record ClientSetup(SecretsStorePipeline Pipeline, string? DefaultAccountId, int CreateBatchSize)
{
    /// <summary>Validates <paramref name="options"/> and builds the parts.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public static ClientSetup From(SecretsStoreClientOptions options, ILoggerFactory? loggerFactory) =>
        new(SecretsStorePipeline.Create(options, loggerFactory), options.AccountId, options.CreateBatchSize);
}
