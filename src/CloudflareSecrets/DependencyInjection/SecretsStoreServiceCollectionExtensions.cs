using CloudflareSecrets;
using CloudflareSecrets.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Cloudflare Secrets Store client with dependency injection.</summary>
public static class SecretsStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISecretsStoreClient"/> as a typed <see cref="HttpClient"/> client, with options read from the
    /// <c>CLOUDFLARE_*</c> environment variables. Options are validated when the host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The HTTP client builder, to add handlers.</returns>
    public static IHttpClientBuilder AddCloudflareSecretsStore(this IServiceCollection services) =>
        AddCloudflareSecretsStore(services, static _ => { });

    /// <summary>
    /// Registers <see cref="ISecretsStoreClient"/>: options start from the <c>CLOUDFLARE_*</c> environment variables,
    /// then <paramref name="configure"/> sets what it sets. Options are validated when the host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HTTP client builder, to add handlers.</returns>
    public static IHttpClientBuilder AddCloudflareSecretsStore(this IServiceCollection services, Action<SecretsStoreClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, builder => builder.Configure(configure));
    }

    /// <summary>
    /// Registers <see cref="ISecretsStoreClient"/> with options bound from <paramref name="configuration"/> (for example the
    /// <c>Cloudflare</c> section: <c>ApiToken</c>, <c>Email</c>, <c>ApiKey</c>, <c>AccountId</c>, <c>BaseUrl</c>,
    /// <c>CreateBatchSize</c>); what it leaves unset comes from the <c>CLOUDFLARE_*</c> environment variables.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <returns>The HTTP client builder, to add handlers.</returns>
    public static IHttpClientBuilder AddCloudflareSecretsStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, builder => builder.Bind(configuration));
    }

    private static IHttpClientBuilder Register(IServiceCollection services, Action<OptionsBuilder<SecretsStoreClientOptions>> configure)
    {
        OptionsBuilder<SecretsStoreClientOptions> options = services.AddOptions<SecretsStoreClientOptions>();
        configure(options);

        // The environment fills only what configuration left unset, so explicit settings win.
        options.PostConfigure(o => o.ApplyEnvironment(Environment.GetEnvironmentVariable)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecretsStoreClientOptions>, SecretsStoreClientOptionsValidator>());

        // The client's own per-attempt timeout and retries govern (HttpClient's timeout would cut retries short);
        // credentials never follow a redirect. The factory's default loggers are replaced by one that logs no header:
        // theirs pass raw header values (the credentials) to structured log sinks, whatever RedactLoggedHeaders says.
        IHttpClientBuilder builder = services
            .AddHttpClient<ISecretsStoreClient, SecretsStoreClient>(static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(HttpTransport.CreatePrimaryHandler)
            .RedactLoggedHeaders(static _ => true)
            .RemoveAllLoggers();
        string category = $"System.Net.Http.HttpClient.{builder.Name}.ClientHandler";
        return builder.AddLogger(sp => new HeaderlessHttpClientLogger(sp.GetRequiredService<ILoggerFactory>().CreateLogger(category)));
    }
}
