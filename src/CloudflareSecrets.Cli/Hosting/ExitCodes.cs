namespace CloudflareSecrets.Cli.Hosting;

/// <summary>The tool's exit codes; the README's "Command line" section documents them, and scripts rely on them.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Cloudflare answered with another failure (a 400 or 5xx), the network failed, or something unexpected happened.</summary>
    public const int Failure = 1;

    /// <summary>
    /// The command line or its input is wrong (unknown option, refused --value, bad .env file, invalid name); nothing was sent.
    /// </summary>
    public const int Usage = 2;

    /// <summary>No credentials, or Cloudflare refused them (401) or their permissions (403).</summary>
    public const int Authentication = 3;

    /// <summary>No such account, store or secret (404, or no store or secret with that name).</summary>
    public const int NotFound = 4;

    /// <summary>A conflict (409): the name is taken, or the store is not empty (use --force).</summary>
    public const int Conflict = 5;

    /// <summary>Rate limited (429) for longer than the client waits.</summary>
    public const int RateLimited = 6;

    /// <summary>An account limit would be exceeded (the secrets quota or the store limit); checked before writing where possible.</summary>
    public const int LimitExceeded = 7;

    /// <summary>Cancelled (Ctrl+C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
