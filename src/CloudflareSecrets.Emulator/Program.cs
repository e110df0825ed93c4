using System.Runtime.InteropServices;
using CloudflareSecrets.Emulator.Hosting;

namespace CloudflareSecrets.Emulator;

/// <summary>
/// The standalone emulator: <c>dotnet run --project src/CloudflareSecrets.Emulator -- --urls http://127.0.0.1:8787</c>.
/// </summary>
internal static class Program
{
    public const int ExitOk = 0;
    public const int ExitStartFailed = 1;
    public const int ExitUsage = 2;

    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return await RunAsync(args, Console.Out, Console.Error, stop.Token);

        void Stop(PosixSignalContext context)
        {
            // Let RunAsync stop the server and return its exit code instead of the runtime killing the process.
            context.Cancel = true;
            stop.Cancel();
        }
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires; returns the process exit code.</summary>
    internal static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken,
        Action<SecretsStoreEmulator>? started = null)
    {
        var commandLine = CommandLine.TryParse(args, out string? problem);
        if (commandLine is null)
        {
            await error.WriteLineAsync($"error: {problem}");
            await error.WriteLineAsync("Run with --help for the options.");
            return ExitUsage;
        }

        if (commandLine.ShowHelp)
        {
            commandLine.WriteHelp(output);
            return ExitOk;
        }

        // Secret values and well-known default credentials must not become reachable from the network by accident.
        ListenAddress[] remote = commandLine.Addresses.Where(address => !address.IsLoopback).ToArray();
        if (remote.Length > 0 && !commandLine.AllowNonLoopback)
        {
            await error.WriteLineAsync(
                $"error: refusing to listen on {string.Join(", ", remote.Select(address => address.Url))}: not a loopback address. " +
                "The emulator has well-known credentials and no real security; pass --allow-non-loopback to bind it anyway.");
            return ExitUsage;
        }

        SecretsStoreEmulator emulator;
        try
        {
            var settings = EmulatorSettings.From(commandLine.Options);
            emulator = await SecretsStoreEmulator.StartAsync(
                settings,
                kestrel => commandLine.Addresses.ForEach(address => address.Apply(kestrel)),
                cancellationToken);
        }
        catch (Exception exception)
            when (exception is IOException or ArgumentException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            await error.WriteLineAsync($"error: could not start the emulator: {exception.Message}");
            return ExitStartFailed;
        }

        await using (emulator)
        {
            await output.WriteLineAsync("Cloudflare Secrets Store emulator listening on:");
            foreach (Uri address in emulator.Addresses)
            {
                await output.WriteLineAsync($"  {new Uri(address, "/client/v4/")}");
            }

            await output.WriteLineAsync("Accepted credentials:");
            foreach (string token in commandLine.Options.ApiTokens)
            {
                await output.WriteLineAsync($"  Authorization: Bearer {token}");
            }

            foreach ((string? email, string? key) in commandLine.Options.GlobalApiKeys)
            {
                await output.WriteLineAsync($"  X-Auth-Email: {email}  X-Auth-Key: {key}");
            }

            RequestBudget? budget = commandLine.Options.RequestBudget;
            await output.WriteLineAsync(
                $"Limits: {commandLine.Options.MaxStoresPerAccount} store(s) and " +
                $"{commandLine.Options.MaxSecretsPerAccount} secrets per account; " +
                (budget is null ? "no request budget." : $"{budget.Limit} requests per {budget.Window.TotalSeconds:0} s."));
            if (commandLine.Options.Latency > TimeSpan.Zero)
            {
                await output.WriteLineAsync(
                    $"Latency: every answer is held back {commandLine.Options.Latency.TotalMilliseconds:0.###} ms.");
            }

            await output.WriteLineAsync("Press Ctrl+C to stop.");
            await output.FlushAsync(CancellationToken.None);
            started?.Invoke(emulator);

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C, SIGTERM or the caller: the normal way to stop.
            }
        }

        return ExitOk;
    }
}
