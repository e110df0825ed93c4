using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CloudflareSecrets.Cli.Hosting;

/// <summary>
/// One run of a command: the client from the library's dependency injection, the consoles, and the output mode.
/// Created only for commands that talk to Cloudflare, after the command line parsed.
/// </summary>
internal sealed class CliSession : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private CliSession(CliHost host, ServiceProvider provider, ClientSettings settings, bool json)
    {
        Host = host;
        _provider = provider;
        Settings = settings;
        Json = json;
        Client = provider.GetRequiredService<ISecretsStoreClient>();
        Out = host.CreateConsole(host.Output, host.OutputIsTerminal);
        Err = host.CreateConsole(host.Error, host.ErrorIsTerminal);
    }

    public CliHost Host { get; }

    public ClientSettings Settings { get; }

    public ISecretsStoreClient Client { get; }

    /// <summary>Whether stdout gets the documented JSON shape instead of tables.</summary>
    public bool Json { get; }

    /// <summary>stdout: data only.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>stderr: messages, prompts and progress.</summary>
    public IAnsiConsole Err { get; }

    public static CliSession Create(CliHost host, ClientSettings settings, bool json)
    {
        var services = new ServiceCollection();
        services.AddCloudflareSecretsStore(settings.ApplyTo);
        return new CliSession(host, services.BuildServiceProvider(), settings, json);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
