using System.Runtime.InteropServices;
using CloudflareSecrets.Conformance;

// dotnet run --project build/conformance -c Release -- [--live] [--plan] [--out DIR] [--pace-ms N]
// Ctrl+C or SIGTERM stops the probes; everything the run created is still deleted before it exits (docs/conformance.md).
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    interrupt.Cancel();
});

return await KitCommand.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error, transport: null, interrupt.Token);
