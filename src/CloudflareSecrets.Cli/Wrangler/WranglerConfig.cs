using System.Text;
using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Wrangler;

/// <summary>The formats of a wrangler configuration file.</summary>
internal enum ConfigFormat
{
    Jsonc,
    Json,
    Toml,
}

/// <summary>
/// A wrangler configuration file (<c>wrangler.jsonc</c>, <c>wrangler.json</c> or <c>wrangler.toml</c>) as an editor
/// sees it: the <c>secrets_store_secrets</c> array of the top level or of one environment can be read, and replaced
/// while every other byte of the file (comments, order, spacing, other environments and bindings) stays as it was.
/// Wrangler does not inherit this array into environments, so each environment has its own.
/// </summary>
internal abstract class WranglerConfig
{
    /// <summary>The array's key, at the top level and in <c>env.NAME</c>.</summary>
    public const string ArrayName = "secrets_store_secrets";

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    protected WranglerConfig(string source) => Source = source;

    /// <summary>The file as named on the command line, for messages.</summary>
    public string Source { get; }

    /// <summary>The environments the file defines (<c>env.NAME</c>), in the order they first appear.</summary>
    public abstract IReadOnlyList<string> Environments { get; }

    /// <summary>The format a file's name says: <c>.jsonc</c>, <c>.json</c> or <c>.toml</c>.</summary>
    public static ConfigFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jsonc" => ConfigFormat.Jsonc,
        ".json" => ConfigFormat.Json,
        ".toml" => ConfigFormat.Toml,
        _ => throw new CliException($"'{path}' is not a wrangler configuration file: its name must end in .jsonc, .json or .toml."),
    };

    /// <summary>Reads a configuration from its bytes (a UTF-8 byte-order mark is kept aside and written back).</summary>
    public static WranglerConfig Parse(string source, ConfigFormat format, byte[] content)
    {
        bool bom = content.AsSpan().StartsWith(Bom);
        byte[] body = bom ? content[Bom.Length..] : content;
        return format == ConfigFormat.Toml ? new TomlConfig(source, body, bom) : new JsoncConfig(source, body, bom);
    }

    /// <summary>
    /// The largest configuration file read: 1 MiB. Wrangler's own files are a few kilobytes; the ceiling keeps
    /// <c>/dev/zero</c> or an endless pipe given as the file from filling memory.
    /// </summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>Reads the file <paramref name="path"/> (relative to the working directory), up to <see cref="MaxFileBytes"/>.</summary>
    public static async Task<WranglerConfig> ReadAsync(CliHost host, string path, CancellationToken cancellationToken)
    {
        ConfigFormat format = FormatOf(path);
        byte[] content;
        try
        {
            content = await ReadBoundedAsync(Path.GetFullPath(path, host.WorkingDirectory), path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot read '{path}': {e.Message}");
        }

        return Parse(path, format, content);
    }

    // The bytes as they are (a byte-order mark and the line breaks are kept), read off the command's thread: opening a
    // FIFO waits for a writer, and Ctrl+C still ends the wait.
    private static Task<byte[]> ReadBoundedAsync(string fullPath, string shown, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                CliException TooLarge() => new(
                    $"'{shown}' is larger than {MaxFileBytes:N0} bytes, the most read of a wrangler configuration; reading stopped there.");
                using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096);
                if (stream.CanSeek && stream.Length > MaxFileBytes)
                {
                    throw TooLarge();
                }

                using var content = new MemoryStream();
                byte[] buffer = new byte[8192];
                int read;
                while ((read = stream.Read(buffer, 0, Math.Min(buffer.Length, MaxFileBytes + 1 - (int)content.Length))) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    content.Write(buffer, 0, read);
                    if (content.Length > MaxFileBytes)
                    {
                        throw TooLarge();
                    }
                }

                return content.ToArray();
            },
            CancellationToken.None).WaitAsync(cancellationToken);

    /// <summary>The entries of the top level's array (<paramref name="environment"/> null) or of one environment's.</summary>
    public abstract IReadOnlyList<ConfiguredBinding> Bindings(string? environment);

    /// <summary>Every entry of the file: the top level's, then each environment's.</summary>
    public IReadOnlyList<ConfiguredBinding> AllBindings() =>
        [.. Bindings(null), .. Environments.SelectMany(Bindings)];

    /// <summary>
    /// The file's bytes with the array of the top level or of <paramref name="environment"/> holding exactly
    /// <paramref name="bindings"/>: replaced where it is, added where it is missing; nothing else changes.
    /// </summary>
    public abstract byte[] WithBindings(string? environment, IReadOnlyList<SecretsStoreBinding> bindings);

    protected CliException NoSuchEnvironment(string environment) =>
        CliException.NotFound(
            $"{Source} defines no environment '{environment}'"
            + $"{(Environments.Count > 0 ? $" (it has: {string.Join(", ", Environments)})" : "")}; "
            + $"wrangler does not inherit {ArrayName} into environments, so add env.{environment} first.");

    protected CliException BadEntry(string? environment, int index, string problem) =>
        new($"{Source}: {new ConfiguredBinding(environment, index, new SecretsStoreBinding("", "", "")).Location} {problem}.");

    protected static byte[] WithBom(bool bom, byte[] body) => bom ? [.. Bom, .. body] : body;

    /// <summary>The line break the file uses: CRLF when it has one, else LF.</summary>
    protected static string NewLineOf(ReadOnlySpan<byte> utf8) => utf8.IndexOf("\r\n"u8) >= 0 ? "\r\n" : "\n";

    /// <summary>
    /// A JSON or TOML basic string: both escape <c>"</c> and <c>\</c> the same way, and both read <c>\uXXXX</c>. Names
    /// come from the server, and the text is printed to a terminal too, so every control character (C0, DEL, C1) and the
    /// bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are written as <c>\uXXXX</c>:
    /// the same name, nothing that moves the cursor or reorders what an editor or a terminal shows.
    /// </summary>
    internal static string Quote(string text)
    {
        StringBuilder builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (char c in text)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                < ' ' or (>= '\u007F' and <= '\u009F') or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') =>
                    builder.Append($"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }
}
