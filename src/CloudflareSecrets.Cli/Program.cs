using CloudflareSecrets.Cli;
using CloudflareSecrets.Cli.Hosting;

return await CliApplication.RunAsync(args, CliHost.FromProcess());
