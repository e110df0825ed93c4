using System.Diagnostics;
using System.Net;
using CloudflareSecrets.Emulator.Hosting;

namespace CloudflareSecrets.Emulator.Tests;

public class CommandLineTests
{
    [TestCase("http://0.0.0.0:8787")]
    [TestCase("http://*:8787")]
    [TestCase("http://+:8787")]
    [TestCase("http://[::]:8787")]
    [TestCase("http://192.168.1.20:8787")]
    [TestCase("http://example.com:8787")]
    [TestCase("http://127.0.0.1:8787;http://0.0.0.0:8788")]
    public async Task RefusesANonLoopbackAddressWithoutTheExplicitFlag(string urls)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exitCode = await Program.RunAsync(["--urls", urls], output, error, CancellationToken.None);

        Assert.That(exitCode, Is.EqualTo(Program.ExitUsage));
        Assert.That(error.ToString(), Does.Contain("refusing to listen").And.Contain("--allow-non-loopback"));
        Assert.That(output.ToString(), Is.Empty);
    }

    [TestCase("http://127.0.0.1:8787")]
    [TestCase("http://127.0.0.2:8787")]
    [TestCase("http://localhost:8787")]
    [TestCase("http://[::1]:8787")]
    public void TreatsLoopbackAddressesAsLoopback(string url)
    {
        var commandLine = CommandLine.TryParse(["--urls", url], out string? error);

        Assert.That(error, Is.Null);
        Assert.That(commandLine!.Addresses.Single().IsLoopback, Is.True);
    }

    [Test]
    public void AcceptsANonLoopbackAddressOnlyWithTheFlag()
    {
        var commandLine = CommandLine.TryParse(["--urls", "http://0.0.0.0:8787", "--allow-non-loopback"], out string? error);

        Assert.That(error, Is.Null);
        Assert.That(commandLine!.AllowNonLoopback, Is.True);
        Assert.That(commandLine.Addresses.Single().IsLoopback, Is.False);
    }

    [TestCase("--urls", "https://127.0.0.1:8787")]
    [TestCase("--urls", "127.0.0.1:8787")]
    [TestCase("--urls", "http://127.0.0.1:99999")]
    [TestCase("--max-secrets", "many")]
    [TestCase("--pending", "-1")]
    [TestCase("--email", "a@b.c")]
    [TestCase("--bogus")]
    [TestCase("--token")]
    [TestCase("--token", "a", "b")]
    [TestCase("--latency", "11s")]
    [TestCase("--max-stores", "1", "--max-stores", "2")]
    [TestCase("@more-arguments.txt")]
    public async Task RejectsABadCommandLine(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exitCode = await Program.RunAsync(args, output, error, CancellationToken.None);

        Assert.That(exitCode, Is.EqualTo(Program.ExitUsage));
        Assert.That(error.ToString(), Does.StartWith("error: "));
    }

    [Test]
    public async Task HelpListsEveryOptionTheReadmeNamesAndSucceeds()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exitCode = await Program.RunAsync(["--help"], output, error, CancellationToken.None);

        // The options src/CloudflareSecrets.Emulator/README.md names in "Standalone", and the help option itself.
        string[] documented =
        [
            "--urls", "--allow-non-loopback", "--allowed-host", "--token", "--email", "--key", "--max-stores", "--max-secrets",
            "--scope", "--pending", "--delete-delay", "--request-budget", "--request-window", "--latency", "--help",
        ];
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(Program.ExitOk));
            Assert.That(error.ToString(), Is.Empty);
            Assert.That(output.ToString(), Is.EqualTo(CommandLine.Usage));
            foreach (string option in documented)
            {
                Assert.That(output.ToString(), Does.Contain(option + " ").Or.Contain(option + Environment.NewLine), option);
            }
        });
    }

    [Test]
    public void TheDefaultLimitsAreTheLibrarys()
    {
        CommandLine commandLine = CommandLine.TryParse([], out _)!;

        Assert.Multiple(() =>
        {
            Assert.That(commandLine.Options.MaxStoresPerAccount, Is.EqualTo(SecretsStoreLimits.MaxStoresPerAccount));
            Assert.That(commandLine.Options.MaxSecretsPerAccount, Is.EqualTo(SecretsStoreLimits.MaxSecretsPerAccount));
            Assert.That(
                EmulatorOptions.DefaultScopes,
                Is.EqualTo(new[]
                {
                    SecretScopes.Workers, SecretScopes.AiGateway, SecretScopes.Dex,
                    SecretScopes.Access, SecretScopes.Containers, SecretScopes.WebSearch,
                }));
            Assert.That(CommandLine.Usage, Does.Contain($"(default {SecretsStoreLimits.MaxSecretsPerAccount}, Cloudflare's)"));
        });
    }

    [Test]
    public void ReadsLatencyAndEveryUrl()
    {
        var commandLine = CommandLine.TryParse(
            ["--latency", "0.2s", "--urls", "http://127.0.0.1:0;http://localhost:0", "--urls", "http://[::1]:0"], out string? error);

        Assert.That(error, Is.Null);
        Assert.That(commandLine!.Options.Latency, Is.EqualTo(TimeSpan.FromMilliseconds(200)));
        Assert.That(commandLine.Addresses.Select(a => a.Host), Is.EqualTo(new[] { "127.0.0.1", "localhost", "[::1]" }));
    }

    [Test]
    public void ReadsCredentialsLimitsAndBudget()
    {
        CommandLine commandLine = CommandLine.TryParse(
            [
                "--token", "t1", "--token", "t2", "--email", "me@example.com", "--key", "k",
                "--max-stores", "3", "--max-secrets", "5", "--request-budget", "10", "--request-window", "30",
            ],
            out _)!;

        Assert.Multiple(() =>
        {
            Assert.That(commandLine.Options.ApiTokens, Is.EquivalentTo(new[] { "t1", "t2" }));
            Assert.That(commandLine.Options.GlobalApiKeys, Is.EquivalentTo(new Dictionary<string, string> { ["me@example.com"] = "k" }));
            Assert.That(commandLine.Options.MaxStoresPerAccount, Is.EqualTo(3));
            Assert.That(commandLine.Options.MaxSecretsPerAccount, Is.EqualTo(5));
            Assert.That(commandLine.Options.RequestBudget?.Limit, Is.EqualTo(10));
            Assert.That(commandLine.Options.RequestBudget?.Window, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(commandLine.Addresses.Single().Url, Is.EqualTo(CommandLine.DefaultUrl));
        });
    }

    [Test]
    public void ReadsScopesAndTheAsynchronousLifecycle()
    {
        CommandLine commandLine = CommandLine.TryParse(
            ["--scope", "workers", "--scope", "durable_objects", "--pending", "5", "--delete-delay", "30"], out _)!;

        Assert.Multiple(() =>
        {
            Assert.That(commandLine.Options.AcceptedScopes, Is.EquivalentTo(new[] { "workers", "durable_objects" }));
            Assert.That(commandLine.Options.PendingDuration, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(commandLine.Options.DeleteDelay, Is.EqualTo(TimeSpan.FromSeconds(30)));
        });
    }

    [Test]
    public async Task ServesOnLoopbackPrintsAddressAndCredentialsAndStopsOnCancel()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        HttpStatusCode? status = null;

        Task<int> run = Program.RunAsync(["--urls", "http://127.0.0.1:0"], output, error, stop.Token, emulator =>
        {
            _ = Task.Run(async () =>
            {
                using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
                http.DefaultRequestHeaders.Authorization = new("Bearer", EmulatorOptions.DefaultApiToken);
                using HttpResponseMessage response = await http.GetAsync("accounts/acc/secrets_store/quota");
                status = response.StatusCode;
                await stop.CancelAsync();
            });
        });
        int exitCode = await run;

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(Program.ExitOk), error.ToString);
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(output.ToString(), Does.Match(@"http://127\.0\.0\.1:\d+/client/v4/"));
            Assert.That(
                output.ToString(), Does.Contain("Bearer emulator-token").And.Contain("dev@example.com").And.Contain("emulator-key"));
        });
    }

    [Test]
    public async Task TheBuiltExecutableRefusesANonLoopbackAddress()
    {
        string assembly = typeof(SecretsStoreEmulator).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly, "--urls", "http://0.0.0.0:8787" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.That(process.ExitCode, Is.EqualTo(Program.ExitUsage), await stdout);
        Assert.That(await stderr, Does.Contain("refusing to listen on http://0.0.0.0:8787"));
    }
}
