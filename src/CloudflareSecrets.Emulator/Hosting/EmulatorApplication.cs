using CloudflareSecrets.Emulator.Faults;
using CloudflareSecrets.Emulator.Http;
using CloudflareSecrets.Emulator.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudflareSecrets.Emulator.Hosting;

/// <summary>Builds the ASP.NET Core application: Kestrel, the middleware order, and the routes.</summary>
internal static class EmulatorApplication
{
    public static WebApplication Build(
        EmulatorSettings settings,
        SecretsStoreState state,
        FaultCollection faults,
        RequestLog log,
        RequestCounter counter,
        Action<KestrelServerOptions> listen)
    {
        // The empty builder reads no appsettings, environment variables or command line: nothing on the machine can
        // change what a test's emulator does, and no logging provider writes to the test output.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            listen(kestrel);
        });
        builder.Services.AddRoutingCore();

        // Whoever owns the emulator (a test, or Program on Ctrl+C) decides when it stops, not the console lifetime.
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();

        WebApplication app = builder.Build();
        var frontDoor = new FrontDoorMiddleware(counter, log, settings);
        var faultInjection = new FaultMiddleware(faults, frontDoor);
        var authentication = new Authentication(settings);

        app.Use(frontDoor.InvokeAsync);
        if (settings.Latency > TimeSpan.Zero)
        {
            app.Use(new LatencyMiddleware(settings.Latency).InvokeAsync);
        }

        app.Use(faultInjection.InvokeAsync);
        app.Use(RequestBudgetMiddleware.InvokeAsync);
        app.Use(authentication.InvokeAsync);
        app.UseRouting();
        new SecretsStoreEndpoints(state, settings).Map(app);
        app.UseEndpoints(_ => { });
        app.Run(SecretsStoreEndpoints.NoRoute);
        return app;
    }

    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
