using CloudflareSecrets;
using CloudflareSecrets.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the Cloudflare Secrets Store client with dependency injection: one default registration (options from
/// configuration and the <c>CLOUDFLARE_*</c> environment variables), and any number of named ones for several accounts
/// or credential sets, resolved as keyed services. Every registration is validated when the host starts. Each
/// registration's request pipeline (retries, timeouts, rate-limit state) is built once, at its first resolution; the
/// <see cref="HttpClient"/> of each resolved client comes from <c>IHttpClientFactory</c>, so handler rotation keeps working.
/// </summary>
public static class SecretsStoreServiceCollectionExtensions
{
    /// <summary>
    /// The name of the default registration's <see cref="HttpClient"/> (as a typed client of
    /// <see cref="ISecretsStoreClient"/> had).
    /// </summary>
    private const string DefaultHttpClientName = nameof(ISecretsStoreClient);

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
    public static IHttpClientBuilder AddCloudflareSecretsStore(
        this IServiceCollection services, Action<SecretsStoreClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, null, builder => builder.Configure(configure));
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
        return Register(services, null, builder => builder.Bind(configuration));
    }

    /// <summary>
    /// Registers a named <see cref="ISecretsStoreClient"/>, resolved as a keyed service with <paramref name="name"/>
    /// (<c>[FromKeyedServices("prod")] ISecretsStoreClient</c>, or <c>GetRequiredKeyedService&lt;ISecretsStoreClient&gt;("prod")</c>),
    /// with options named <paramref name="name"/> set by <paramref name="configure"/>. The environment variables are not
    /// read: they describe one account, and feed only the default registration. Validated when the host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The registration's name: the service key and the options name.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HTTP client builder of this registration, to add handlers.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public static IHttpClientBuilder AddCloudflareSecretsStore(
        this IServiceCollection services, string name, Action<SecretsStoreClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, name, builder => builder.Configure(configure));
    }

    /// <summary>
    /// Registers a named <see cref="ISecretsStoreClient"/>, resolved as a keyed service with <paramref name="name"/>, with
    /// options named <paramref name="name"/> bound from <paramref name="configuration"/> (for example <c>Cloudflare:Prod</c>).
    /// The environment variables are not read. Validated when the host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The registration's name: the service key and the options name.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <returns>The HTTP client builder of this registration, to add handlers.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public static IHttpClientBuilder AddCloudflareSecretsStore(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, name, builder => builder.Bind(configuration));
    }

    private static IHttpClientBuilder Register(
        IServiceCollection services, string? name, Action<OptionsBuilder<SecretsStoreClientOptions>> configure)
    {
        string optionsName = name ?? Options.Options.DefaultName;
        OptionsBuilder<SecretsStoreClientOptions> options = services.AddOptions<SecretsStoreClientOptions>(optionsName);
        configure(options);
        if (name is null)
        {
            // The environment fills only what configuration left unset, so explicit settings win.
            options.PostConfigure(static o => o.ApplyEnvironment(Environment.GetEnvironmentVariable));
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<SecretsStoreClientOptions>, SecretsStoreClientOptionsValidator>());
        services.TryAddSingleton<SecretsStorePipelines>();

        // The client's own per-attempt timeout and retries govern (HttpClient's timeout would cut retries short);
        // credentials never follow a redirect. The factory's default loggers are replaced by one that logs no header:
        // theirs pass raw header values (the credentials) to structured log sinks, whatever RedactLoggedHeaders says.
        string httpClientName = name is null ? DefaultHttpClientName : $"{DefaultHttpClientName}:{name}";
        IHttpClientBuilder builder = services
            .AddHttpClient(httpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(HttpTransport.CreatePrimaryHandler)
            .RedactLoggedHeaders(static _ => true)
            .RemoveAllLoggers();
        string category = $"System.Net.Http.HttpClient.{httpClientName}.ClientHandler";
        builder.AddLogger(sp => new HeaderlessHttpClientLogger(sp.GetRequiredService<ILoggerFactory>().CreateLogger(category)));

        // Transient clients, as IHttpClientFactory wants them; the pipeline behind them is built once per options name.
        if (name is null)
        {
            builder.AddTypedClient<ISecretsStoreClient>(static (http, sp) =>
                new SecretsStoreClient(http, sp.GetRequiredService<SecretsStorePipelines>().Get(Options.Options.DefaultName)));
        }
        else
        {
            services.AddKeyedTransient<ISecretsStoreClient>(name, (sp, _) => new SecretsStoreClient(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName),
                sp.GetRequiredService<SecretsStorePipelines>().Get(name)));
        }

        return builder;
    }
}
