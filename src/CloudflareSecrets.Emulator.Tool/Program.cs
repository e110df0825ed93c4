namespace CloudflareSecrets.Emulator.Tool;

/// <summary>The <c>cloudflare-secrets-emulator</c> command: the emulator's own standalone host, unchanged.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => CloudflareSecrets.Emulator.Program.Main(args);
}
