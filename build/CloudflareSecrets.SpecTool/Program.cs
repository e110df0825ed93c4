using CloudflareSecrets.SpecTool;

// Usage: spec tool --input <cloudflare-openapi.json[.gz]> [--overlay spec/overlay.json]
//                  [--output spec/secrets-store.openapi.json] [--source spec/source.json] [--date YYYY-MM-DD]
return SpecToolCommand.Run(args, Console.Out, Console.Error);
