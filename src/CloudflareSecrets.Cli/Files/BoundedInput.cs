using System.Text;
using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Files;

/// <summary>
/// Every read of user input, with a ceiling: a value, a token file and a push file are read up to their limit and no
/// further, so <c>/dev/zero</c> or an endless pipe fails with the size instead of filling memory. Reads run off the
/// command's thread and are awaited with the command's cancellation, so a FIFO nobody writes to or a silent stdin
/// (whose reader blocks, deaf to any token) still ends with Ctrl+C.
/// </summary>
internal static class BoundedInput
{
    /// <summary>A value file or stdin: the largest value plus a final CRLF, which is dropped.</summary>
    public const int MaxValueInputBytes = SecretsStoreLimits.MaxValueBytes + 2;

    /// <summary>An <c>--api-token-file</c>: tokens are 40 characters; the rest is room for white space.</summary>
    public const int MaxTokenFileBytes = 1024;

    /// <summary>A push file or push stdin: 16 MiB, room for 250 values of the largest size.</summary>
    public const int MaxPushFileBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Reads <paramref name="reader"/> to its end; more than <paramref name="maxBytes"/> UTF-8 bytes throws
    /// <paramref name="tooLarge"/>.
    /// </summary>
    public static Task<string> ReadAsync(
        TextReader reader, int maxBytes, Func<CliException> tooLarge, CancellationToken cancellationToken) =>
        Task.Run(() => ReadCore(reader, maxBytes, tooLarge, cancellationToken), CancellationToken.None).WaitAsync(cancellationToken);

    /// <summary>Reads a file as <see cref="File.ReadAllText(string)"/> does (UTF-8, a byte-order mark honoured), with a ceiling.</summary>
    public static Task<string> ReadFileAsync(
        string fullPath, int maxBytes, Func<CliException> tooLarge, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                // Opening a FIFO waits for a writer: it happens here, off the command's thread, for the same reason.
                using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096);
                if (stream.CanSeek && stream.Length > maxBytes)
                {
                    throw tooLarge();
                }

                using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                return ReadCore(reader, maxBytes, tooLarge, cancellationToken);
            },
            CancellationToken.None).WaitAsync(cancellationToken);

    private static string ReadCore(TextReader reader, int maxBytes, Func<CliException> tooLarge, CancellationToken cancellationToken)
    {
        // A character comes from at least one byte, so more characters than the byte limit is over it already.
        var text = new StringBuilder();
        char[] buffer = new char[8192];
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int read = reader.Read(buffer, 0, Math.Min(buffer.Length, maxBytes + 1 - text.Length));
            if (read == 0)
            {
                break;
            }

            text.Append(buffer, 0, read);
            if (text.Length > maxBytes)
            {
                throw tooLarge();
            }
        }

        string result = text.ToString();
        return Encoding.UTF8.GetByteCount(result) > maxBytes ? throw tooLarge() : result;
    }
}
