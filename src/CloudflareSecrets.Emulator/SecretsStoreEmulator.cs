using System.Diagnostics.CodeAnalysis;
using System.Net;
using CloudflareSecrets.Emulator.Hosting;
using CloudflareSecrets.Emulator.Http;
using CloudflareSecrets.Emulator.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace CloudflareSecrets.Emulator;

/// <summary>
/// An in-memory emulator of Cloudflare's Secrets Store API, serving real HTTP on the loopback interface.
/// Start one per test fixture (or per test), point an <see cref="HttpClient"/> at <see cref="BaseAddress"/>, and call
/// <see cref="Reset"/> between tests.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await SecretsStoreEmulator.StartAsync();
/// using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
/// http.DefaultRequestHeaders.Authorization = new("Bearer", EmulatorOptions.DefaultApiToken);
/// var response = await http.GetAsync("accounts/985e105f4ecef8ad9ca31a8372d0c353/secrets_store/quota");
/// </code>
/// </example>
public sealed class SecretsStoreEmulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly SecretsStoreState state;
    private readonly RequestCounter counter;
    private int disposed;

    private SecretsStoreEmulator(
        WebApplication app,
        SecretsStoreState state,
        RequestCounter counter,
        FaultCollection faults,
        RequestLog requests,
        IReadOnlyList<Uri> addresses)
    {
        this.app = app;
        this.state = state;
        this.counter = counter;
        Faults = faults;
        Requests = requests;
        Addresses = addresses;
        BaseAddress = new Uri(addresses[0], SecretsStoreEndpoints.ApiPrefix + "/");
    }

    /// <summary>The API root, such as <c>http://127.0.0.1:49152/client/v4/</c> (with the trailing slash relative URLs need).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Faults to inject into upcoming requests.</summary>
    public FaultCollection Faults { get; }

    /// <summary>Every request answered so far (method, path and query, status, credential kind), oldest first.</summary>
    public RequestLog Requests { get; }

    internal IReadOnlyList<Uri> Addresses { get; }

    /// <summary>Starts an emulator on 127.0.0.1 (a free port unless <see cref="EmulatorOptions.Port"/> says otherwise).</summary>
    /// <param name="options">Credentials, limits, budget, seed and clock; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">
    /// The options are invalid (negative limits, blank credentials, seed data breaking a rule or limit).
    /// </exception>
    /// <exception cref="IOException">The port is in use.</exception>
    public static Task<SecretsStoreEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var settings = EmulatorSettings.From(options ?? new EmulatorOptions());
        return StartAsync(settings, kestrel => kestrel.Listen(IPAddress.Loopback, settings.Port), cancellationToken);
    }

    internal static async Task<SecretsStoreEmulator> StartAsync(
        EmulatorSettings settings, Action<KestrelServerOptions> listen, CancellationToken cancellationToken)
    {
        SecretsStoreState state;
        try
        {
            state = new SecretsStoreState(settings);
        }
        catch (ApiErrorException error)
        {
            throw new ArgumentException($"The seed data breaks a rule or limit: {error.Message}", "options", error);
        }

        var faults = new FaultCollection();
        var requests = new RequestLog();
        var counter = new RequestCounter(settings);
        WebApplication app = EmulatorApplication.Build(settings, state, faults, requests, counter, listen);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        Uri[] addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(address => new Uri(address))
            .ToArray();
        return new SecretsStoreEmulator(app, state, counter, faults, requests, addresses);
    }

    /// <summary>
    /// Restores the state at start: seed data only, no pending faults, an empty request log and a fresh rate-limit window.
    /// </summary>
    public void Reset()
    {
        state.Reset();
        Faults.Clear();
        Requests.Clear();
        counter.Reset();
    }

    /// <summary>
    /// Reads a stored secret value. The API never returns values; this in-process door exists so tests can check that a
    /// create, patch or duplicate stored what they meant.
    /// </summary>
    /// <param name="accountId">The account identifier.</param>
    /// <param name="storeId">The store identifier.</param>
    /// <param name="secretId">The secret identifier.</param>
    /// <param name="value">The stored value, or <see langword="null"/> when there is no such secret.</param>
    /// <returns>Whether the secret exists.</returns>
    public bool TryGetSecretValue(string accountId, string storeId, string secretId, [NotNullWhen(true)] out string? value) =>
        state.TryGetSecretValue(accountId, storeId, secretId, out value);

    /// <summary>Stops the server and releases its port. Safe to call more than once.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await app.StopAsync();
        await app.DisposeAsync();
    }
}
