using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CloudflareSecrets.Tests.Hostile;

/// <summary>
/// A real HTTP/1.1 listener on 127.0.0.1 that records the head (request line and headers) of every request it receives and
/// answers each with one canned response, then closes the connection. It stands for a proxy (which must receive nothing)
/// or for a server (which must receive the request).
/// </summary>
public sealed class LoopbackListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<string> _heads = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Func<string, string> _answer;

    /// <param name="answer">The response to a request head (status line, headers and body, CRLF line ends).</param>
    public LoopbackListener(Func<string, string> answer)
    {
        _answer = answer;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>Every request head received, in order.</summary>
    public IReadOnlyList<string> Heads => [.. _heads];

    /// <summary>A response with <paramref name="status"/>, a JSON body and the given extra header lines.</summary>
    public static string Response(int status, string body, params string[] headers) =>
        $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n"
        + $"Connection: close\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n{body}";

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient connection;
            try
            {
                connection = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (connection)
            {
                try
                {
                    await ServeAsync(connection).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
                {
                    // The client went away: what arrived is recorded.
                }
            }
        }
    }

    private async Task ServeAsync(TcpClient connection)
    {
        NetworkStream stream = connection.GetStream();
        var head = new StringBuilder();
        byte[] buffer = new byte[4096];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (head.Length < 64 * 1024 && !head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }

        string text = head.ToString();
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        _heads.Enqueue(end < 0 ? text : text[..end]);
        byte[] answer = Encoding.UTF8.GetBytes(_answer(text));
        await stream.WriteAsync(answer, timeout.Token).ConfigureAwait(false);
        await stream.FlushAsync(timeout.Token).ConfigureAwait(false);
    }
}
