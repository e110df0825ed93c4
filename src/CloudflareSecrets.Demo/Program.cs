using CloudflareSecrets.Demo;

// With no arguments: start the embedded emulator on 127.0.0.1 and run every step against it.
// With --live: run the same steps against the real API with the CLOUDFLARE_* environment variables.
return await DemoProgram.RunAsync(args, Console.Out, CancellationToken.None);
