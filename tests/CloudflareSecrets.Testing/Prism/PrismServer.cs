using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace CloudflareSecrets.Testing;

/// <summary>
/// Prism on the project's own spec (with the overlay applied), a child process on 127.0.0.1 with <c>--errors</c>.
/// As a mock (<see cref="StartAsync(TextWriter, CancellationToken)"/>) it answers every request with the spec's
/// examples; as a validating proxy (<see cref="StartProxyAsync"/>) it forwards every request to a real server and
/// checks the answer against the spec.
/// Either way a request the spec does not allow gets an error, and a violation an <c>sl-violations</c> header.
/// Disposing it kills its whole process tree.
/// </summary>
public sealed class PrismServer : IDisposable
{
    /// <summary>How long Prism may take to answer after it was started.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long <c>npm ci</c> may take (it downloads about 200 packages on a fresh machine).</summary>
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    private const int PortAttempts = 3;

    private readonly Process _process;
    private readonly OutputTail _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly EventHandler _stopOnExit;

    private PrismServer(string prism, IReadOnlyList<string> mode, int port)
    {
        Port = port;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(prism)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            CreateNoWindow = true,
        };
        foreach (string argument in mode.Concat(
            ["--errors", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        try
        {
            _process.Start();
        }
        catch (Win32Exception e)
        {
            _process.Dispose();
            throw new PrismUnavailableException($"Prism could not be started from {prism}: {e.Message}.", e);
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // A test host that ends without the fixture's tear-down (a crash, a cancelled run) must not leave Prism behind.
        _stopOnExit = (_, _) => Stop();
        AppDomain.CurrentDomain.ProcessExit += _stopOnExit;
    }

    /// <summary>The port Prism listens on.</summary>
    public int Port { get; }

    /// <summary>Where Prism serves the spec's paths: the spec's server path (<c>/client/v4</c>) is not part of them.</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// Installs Prism with <c>npm ci</c> when <c>tests/contract/node_modules</c> lacks it, starts it as a mock of the
    /// spec on a free loopback port and waits until it answers.
    /// </summary>
    /// <exception cref="PrismUnavailableException">Prism could not be installed or started; the message says why.</exception>
    public static Task<PrismServer> StartAsync(TextWriter log, CancellationToken cancellationToken) =>
        StartAsync(["mock", RepositoryPaths.Spec], $"mocks {RepositoryPaths.Relative(RepositoryPaths.Spec)}", log, cancellationToken);

    /// <summary>
    /// Like <see cref="StartAsync(TextWriter, CancellationToken)"/>, but as a proxy to
    /// <paramref name="upstream"/> (the server's API root, such as <c>http://127.0.0.1:5000/client/v4</c>): every request
    /// the spec allows is forwarded, and every answer is checked against the spec.
    /// </summary>
    /// <exception cref="PrismUnavailableException">Prism could not be installed or started; the message says why.</exception>
    public static Task<PrismServer> StartProxyAsync(Uri upstream, TextWriter log, CancellationToken cancellationToken)
    {
        // Prism appends the request path to the upstream URL as it is: a final slash would double.
        string root = upstream.AbsoluteUri.TrimEnd('/');
        return StartAsync(
            ["proxy", RepositoryPaths.Spec, root],
            $"proxies {root}, checking it against {RepositoryPaths.Relative(RepositoryPaths.Spec)}",
            log,
            cancellationToken);
    }

    private static async Task<PrismServer> StartAsync(
        IReadOnlyList<string> mode, string role, TextWriter log, CancellationToken cancellationToken)
    {
        if (!File.Exists(RepositoryPaths.PrismBin))
        {
            // Test projects run in parallel under 'dotnet test' of the solution, and two 'npm ci' in one folder delete
            // each other's node_modules: one installs while the others wait, then find Prism installed.
            using (await LockInstallationAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!File.Exists(RepositoryPaths.PrismBin))
                {
                    await InstallAsync(log, cancellationToken).ConfigureAwait(false);
                }
            }

            if (!File.Exists(RepositoryPaths.PrismBin))
            {
                throw new PrismUnavailableException(
                    $"'npm ci' in {RepositoryPaths.Relative(RepositoryPaths.ContractTools)} succeeded, "
                    + $"yet {RepositoryPaths.Relative(RepositoryPaths.PrismBin)} is missing.");
            }
        }

        for (int attempt = 1; ; attempt++)
        {
            var server = new PrismServer(RepositoryPaths.PrismBin, mode, FreeLoopbackPort());
            try
            {
                await server.WaitUntilAnsweringAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
                log.WriteLine($"Prism {server.BaseUrl} {role} (process {server._process.Id}).");
                return server;
            }
            catch (PortTakenException) when (attempt < PortAttempts)
            {
                // Another process took the port between our probe and Prism's bind: try another one.
                server.Dispose();
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }
    }

    /// <summary>Prism's most recent output lines (its request log and errors), for failure messages.</summary>
    public string RecentOutput() => _output.ToString();

    /// <summary>Kills Prism and every process it started.</summary>
    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= _stopOnExit;
        Stop();
        _process.Dispose();
    }

    private void Stop()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (Win32Exception)
        {
            // Exiting while being killed.
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Add(line);
        if (line.Contains("Prism is listening", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // flushes the redirected output
                string output = _output.ToString();
                if (output.Contains("EADDRINUSE", StringComparison.Ordinal))
                {
                    throw new PortTakenException();
                }

                throw new PrismUnavailableException(
                    $"Prism exited with code {_process.ExitCode} before answering. Its last output:{Environment.NewLine}{output}");
            }

            // The log line says Prism bound the port; an answer (any status: / is not a spec path) says it serves.
            if (_listening.Task.IsCompleted)
            {
                try
                {
                    using HttpResponseMessage response = await probe.GetAsync(BaseUrl, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }
            }

            if (elapsed.Elapsed > timeout)
            {
                throw new PrismUnavailableException(
                    $"Prism did not answer on {BaseUrl} within {timeout.TotalSeconds:0} s. Its last output:{Environment.NewLine}{_output}");
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>An exclusive lock on installing Prism into this checkout, held by one test process at a time.</summary>
    private static async Task<IDisposable> LockInstallationAsync(CancellationToken cancellationToken)
    {
        string checkout = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(RepositoryPaths.ContractTools)))[..16];
        string file = Path.Combine(Path.GetTempPath(), $"cloudflaresecrets-prism-install-{checkout}.lock");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < InstallTimeout)
            {
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new PrismUnavailableException(
                    $"Another test process has been installing Prism for {InstallTimeout.TotalMinutes:0} minutes.", e);
            }
        }
    }

    private static async Task InstallAsync(TextWriter log, CancellationToken cancellationToken)
    {
        string where = RepositoryPaths.Relative(RepositoryPaths.ContractTools);
        log.WriteLine($"Prism is not installed: running 'npm ci' in {where} (once per checkout).");
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = RepositoryPaths.ContractTools,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            CreateNoWindow = true,
        };
        start.ArgumentList.Add("ci");
        start.ArgumentList.Add("--no-audit");
        start.ArgumentList.Add("--no-fund");

        var output = new OutputTail();
        using var npm = new Process { StartInfo = start };
        npm.OutputDataReceived += (_, e) => output.Add(e.Data);
        npm.ErrorDataReceived += (_, e) => output.Add(e.Data);
        try
        {
            npm.Start();
        }
        catch (Win32Exception e)
        {
            throw new PrismUnavailableException(
                $"npm is not on PATH ({e.Message}): install Node.js 20 or later, or run 'npm ci' in {where}.", e);
        }

        npm.BeginOutputReadLine();
        npm.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(InstallTimeout);
        try
        {
            await npm.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw new PrismUnavailableException(
                $"'npm ci' in {where} did not finish within {InstallTimeout.TotalMinutes:0} minutes. "
                + $"Its last output:{Environment.NewLine}{output}");
        }

        npm.WaitForExit(); // flushes the redirected output
        if (npm.ExitCode != 0)
        {
            throw new PrismUnavailableException(
                $"'npm ci' in {where} failed with exit code {npm.ExitCode}. Its last output:{Environment.NewLine}{output}");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class PortTakenException : Exception
    {
    }

    /// <summary>The last lines a child process wrote, bounded (Prism logs every request).</summary>
    private sealed class OutputTail
    {
        private const int MaxLines = 60;
        private readonly Queue<string> _lines = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_lines)
            {
                _lines.Enqueue(line);
                if (_lines.Count > MaxLines)
                {
                    _lines.Dequeue();
                }
            }
        }

        public override string ToString()
        {
            lock (_lines)
            {
                return string.Join(Environment.NewLine, _lines);
            }
        }
    }
}

/// <summary>Prism could not be installed or started: the contract tests cannot run here.</summary>
public sealed class PrismUnavailableException : Exception
{
    public PrismUnavailableException(string message)
        : base(message)
    {
    }

    public PrismUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
