using System.Diagnostics;
using System.Text.RegularExpressions;
using CloudflareSecrets.Cli.Tests.Support;

namespace CloudflareSecrets.Cli.Tests;

/// <summary>
/// docs/ci-github-actions.md's job, run: its YAML is read from the page (not copied here), and each step's shell
/// command runs in bash, in order, stopping at the first failure as the runner does, against the emulator. The install
/// step is checked word for word and stood in for by the tool under test on PATH; <c>npx wrangler</c> runs the pinned
/// wrangler with <c>--dry-run</c> (no account). GitHub's <c>${{ secrets.X }}</c> and <c>${{ vars.X }}</c> come from
/// the test's own values, and a variable the test does not know fails it, so page and test stay in step.
/// </summary>
public sealed partial class CiRecipeTests : CliEmulatorTests
{
    private const string InstallStep = "dotnet tool install -g CloudflareSecrets.Cli";

    private string _dir = "";

    [SetUp]
    public void NewCheckout()
    {
        WranglerProcess.RequireInstalled();
        _dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "ci-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_dir, "checkout", "src"));
        Directory.CreateDirectory(Path.Combine(_dir, "bin"));
        File.WriteAllText(
            Path.Combine(_dir, "checkout", "src", "index.js"),
            "export default { async fetch(request, env) { return new Response(\"ok\"); } };\n");
        WriteShim("cfsecrets", $"exec {ToolProcess.ShellCommand("\"$@\"")}");
        WriteShim(
            "npx",
            $"if [ \"$1\" = wrangler ]; then shift; exec '{WranglerProcess.Executable}' \"$@\" "
            + $"--dry-run --outdir '{Path.Combine(_dir, "dist")}'; fi\n"
            + $"echo \"npx: only wrangler is provided here\" >&2\nexit 127");
    }

    [TearDown]
    public void DeleteCheckout()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Test]
    public async Task TheJobPushesChecksAndDeploys()
    {
        SecretStore store = await NewStoreAsync();
        WriteConfig(store.Id, "DB_PASSWORD", "WEBHOOK_KEY");

        List<(string Step, CliResult Result)> run = await RunJobAsync();

        Assert.That(run.Select(r => (r.Step, r.Result.ExitCode)), Is.EqualTo(new[]
        {
            ("Push the secrets", 0),
            ("Check the Worker's bindings", 0),
            ("Deploy", 0),
        }), string.Join("\n", run.Select(r => $"{r.Step}: {r.Result}")));
        Secret db = (await Client.FindSecretByNameAsync(store.Id, "DB_PASSWORD"))!;
        Secret hook = (await Client.FindSecretByNameAsync(store.Id, "WEBHOOK_KEY"))!;
        Assert.That(StoredValue(store.Id, db.Id), Is.EqualTo(Sentinel + "-db"));
        Assert.That(StoredValue(store.Id, hook.Id), Is.EqualTo(Sentinel + "-hook"));
        Assert.That(run[^1].Result.Stdout, Does.Contain($"env.DB_PASSWORD ({store.Id}/DB_PASSWORD)").And.Contain("Secrets Store Secret"));
        Assert.That(string.Concat(run.Select(r => r.Result.AllOutput)), Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task ABindingToASecretThatDoesNotExistStopsTheJobBeforeTheDeploy()
    {
        SecretStore store = await NewStoreAsync();
        WriteConfig(store.Id, "DB_PASSWORD", "WEBHOOK_KEY", "DB_PASWORD");

        List<(string Step, CliResult Result)> run = await RunJobAsync();

        Assert.That(
            run.Select(r => (r.Step, r.Result.ExitCode)),
            Is.EqualTo(new[] { ("Push the secrets", 0), ("Check the Worker's bindings", 4) }));
        Assert.That(run[^1].Result.Stdout, Does.Contain("DB_PASWORD").And.Contain("no such secret in the store"));
        Assert.That(string.Concat(run.Select(r => r.Result.AllOutput)), Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task AMissingRepositorySecretFailsThePushBeforeAnyRequest()
    {
        await NewStoreAsync();
        WriteConfig("0123456789abcdef0123456789abcdef", "DB_PASSWORD");
        MarkSetupDone();

        List<(string Step, CliResult Result)> run = await RunJobAsync(withoutSecret: "WEBHOOK_KEY");

        Assert.That(run.Select(r => (r.Step, r.Result.ExitCode)), Is.EqualTo(new[] { ("Push the secrets", 2) }));
        Assert.That(
            run[0].Result.Stderr,
            Does.Contain("empty: --from-env item 2"),
            "named by its position: an argument could be a value pasted in the wrong place");
        Assert.That(Writes(), Is.Empty);
        Assert.That(run[0].Result.AllOutput, Does.Not.Contain(Sentinel));
    }

    private void WriteConfig(string storeId, params string[] names)
    {
        IEnumerable<string> entries =
            names.Select(n => $"{{ \"binding\": \"{n}\", \"store_id\": \"{storeId}\", \"secret_name\": \"{n}\" }}");
        File.WriteAllText(Path.Combine(_dir, "checkout", "wrangler.jsonc"), $$"""
            {
              // the Worker the job deploys
              "name": "orders-api",
              "main": "src/index.js",
              "compatibility_date": "2025-09-01",
              "secrets_store_secrets": [
                {{string.Join(",\n    ", entries)}}
              ]
            }
            """);
    }

    private void WriteShim(string name, string body)
    {
        string path = Path.Combine(_dir, "bin", name);
        File.WriteAllText(path, $"#!/usr/bin/env bash\n{body}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// The values GitHub would give <c>${{ secrets.X }}</c> and <c>${{ vars.X }}</c> (an empty string for an undefined
    /// secret, as GitHub does).
    /// </summary>
    private Dictionary<string, string> Expressions(string? withoutSecret) => new()
    {
        ["secrets.CLOUDFLARE_API_TOKEN"] = Environment["CLOUDFLARE_API_TOKEN"],
        ["vars.CLOUDFLARE_ACCOUNT_ID"] = AccountId,
        ["secrets.DB_PASSWORD"] = withoutSecret == "DB_PASSWORD" ? "" : Sentinel + "-db",
        ["secrets.WEBHOOK_KEY"] = withoutSecret == "WEBHOOK_KEY" ? "" : Sentinel + "-hook",
    };

    private async Task<List<(string Step, CliResult Result)>> RunJobAsync(string? withoutSecret = null)
    {
        var job = Job.Read(Path.Combine(RepositoryPaths.Root, "docs", "ci-github-actions.md"));
        Dictionary<string, string> expressions = Expressions(withoutSecret);
        string Resolve(string value)
        {
            Match m = ExpressionPattern().Match(value);
            return !m.Success
                ? value
                : expressions.TryGetValue(m.Groups[1].Value, out string? known)
                    ? known
                    : throw new AssertionException($"The page uses ${{{{ {m.Groups[1].Value} }}}}, which this test gives no value.");
        }

        var run = new List<(string, CliResult)>();
        foreach (Step step in job.Steps.Where(s => s.Run is not null))
        {
            if (step.Run == InstallStep)
            {
                continue;   // the shim on PATH is the tool under test
            }

            var environment = job.Env.Concat(step.Env).ToDictionary(e => e.Key, e => Resolve(e.Value));
            environment["CLOUDFLARE_BASE_URL"] = Emulator.BaseAddress.ToString();   // the emulator stands in for Cloudflare
            CliResult result = await BashAsync(step.Run!, environment);
            run.Add((step.Name ?? step.Run!, result));
            if (result.ExitCode != 0)
            {
                break;
            }
        }

        Assert.That(job.Steps.Any(s => s.Run == InstallStep), "the page installs the tool with: " + InstallStep);
        return run;
    }

    private async Task<CliResult> BashAsync(string script, Dictionary<string, string> environment)
    {
        // GitHub runs 'run' with 'bash -e {0}'.
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Path.Combine(_dir, "checkout"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment.Clear();
        foreach ((string name, string value) in WranglerProcess.Environment(Path.Combine(_dir, "home")))
        {
            start.Environment[name] = value;
        }

        start.Environment["PATH"] = Path.Combine(_dir, "bin") + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");
        foreach (string name in new[] { "DOTNET_ROOT", "TMPDIR" })
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var result = new CliResult(process.ExitCode, await stdout, await stderr);
        TestContext.Out.WriteLine($"$ {script}\n{result}");
        return result;
    }

    [GeneratedRegex(@"^\$\{\{\s*([A-Za-z_.]+)\s*\}\}$")]
    private static partial Regex ExpressionPattern();

    private sealed record Step(string? Name, string? Run, Dictionary<string, string> Env);

    /// <summary>The page's one YAML job, read for what this test needs: the job's env, and each step's name, env and run.</summary>
    private sealed record Job(Dictionary<string, string> Env, List<Step> Steps)
    {
        public static Job Read(string page)
        {
            string text = File.ReadAllText(page).Replace("\r\n", "\n", StringComparison.Ordinal);
            int start = text.IndexOf("```yaml\n", StringComparison.Ordinal);
            Assert.That(start, Is.GreaterThanOrEqualTo(0), "the page has a ```yaml block");
            start += "```yaml\n".Length;
            string[] lines = text[start..text.IndexOf("\n```", start, StringComparison.Ordinal)].Split('\n');

            var jobEnv = new Dictionary<string, string>();
            var steps = new List<Step>();
            Dictionary<string, string>? env = null;
            int envIndent = -1;
            foreach (string line in lines)
            {
                int indent = line.Length - line.TrimStart().Length;
                string content = line.Trim();
                if (content.Length == 0)
                {
                    continue;
                }

                if (env is not null
                    && indent > envIndent
                    && !content.StartsWith("- ", StringComparison.Ordinal)
                    && content.Contains(": ", StringComparison.Ordinal))
                {
                    string[] pair = content.Split(": ", 2);
                    env[pair[0]] = pair[1];
                    continue;
                }

                env = null;
                if (content.StartsWith("- ", StringComparison.Ordinal))
                {
                    steps.Add(new Step(null, null, []));
                    content = content[2..];
                    indent += 2;
                }

                if (content == "env:")
                {
                    env = steps.Count == 0 ? jobEnv : steps[^1].Env;
                    envIndent = indent;
                }
                else if (steps.Count > 0 && content.StartsWith("name: ", StringComparison.Ordinal))
                {
                    steps[^1] = steps[^1] with { Name = content["name: ".Length..] };
                }
                else if (steps.Count > 0 && content.StartsWith("run: ", StringComparison.Ordinal))
                {
                    steps[^1] = steps[^1] with { Run = content["run: ".Length..] };
                }
            }

            Assert.That(steps.Count(s => s.Run is not null), Is.GreaterThanOrEqualTo(4), "the job's steps were read");
            return new Job(jobEnv, steps);
        }
    }
}
