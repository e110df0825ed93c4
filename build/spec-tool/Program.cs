using CloudflareSecrets.SpecTool;

// Usage: spec tool --input <cloudflare-openapi.json[.gz]> [--overlay spec/overlay.json]
//                  [--output spec/secrets-store.openapi.json] [--source spec/source.json] [--date YYYY-MM-DD]
//        spec tool diff --from <old.json[.gz]> --to <new.json[.gz]> [--format markdown|json|summary] [--output <file>]
return SpecToolCommand.Run(args, Console.Out, Console.Error);
