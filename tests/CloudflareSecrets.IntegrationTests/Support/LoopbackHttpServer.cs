using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CloudflareSecrets.IntegrationTests.Support;

/// <summary>
/// A bare HTTP/1.1 server on 127.0.0.1 and a port of its own, for what the emulator cannot show: answers no real server
/// gives (a redirect to another host) or none at all. It records the request head of every connection it accepts.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private const int MaxHeadBytes = 64 * 1024;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Func<string, string?> _respond;
    private readonly Task _accepting;

    /// <param name="respond">
    /// The whole response to a request head, or <see langword="null"/> to hold the connection open unanswered.
    /// </param>
    public LoopbackHttpServer(Func<string, string?> respond)
    {
        _respond = respond;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri ApiRoot => new($"http://127.0.0.1:{Port}/client/v4/");

    /// <summary>The request heads received (request line and headers), in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>A server that answers every request with a 302 to <paramref name="location"/>.</summary>
    public static LoopbackHttpServer RedirectingTo(Uri location) =>
        new(_ => $"HTTP/1.1 302 Found\r\nLocation: {location.AbsoluteUri}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    /// <summary>A server that answers every request with a Cloudflare-shaped 200 for the quota.</summary>
    public static LoopbackHttpServer AnsweringQuota()
    {
        const string body = """{"success":true,"errors":[],"messages":[],"result":{"secrets":{"quota":100,"usage":0}}}""";
        return new(_ => $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n"
            + $"Connection: close\r\n\r\n{body}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the accept loop with one of these.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient connection = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(TcpClient connection)
    {
        using (connection)
        {
            try
            {
                NetworkStream stream = connection.GetStream();
                var head = new StringBuilder();
                byte[] buffer = new byte[4096];
                while (head.Length < MaxHeadBytes && !head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    int read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                string request = head.ToString();
                _requests.Enqueue(request);
                if (_respond(request) is { } response)
                {
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(response), _stop.Token);
                }
                else
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // The client went away, or the server is stopping.
            }
        }
    }
}
