using System.IO.Pipes;
using System.Text.Json;
using CloudflareSecrets.Cli.Files;
using CloudflareSecrets.Cli.Hosting;
using CloudflareSecrets.Cli.Tests.Support;
using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Cli.Tests;

/// <summary>
/// The "Values and credentials" promises of the command line's page (docs/cli.md), row by row: each row of its table is a
/// case here, read from the page itself, so a promise added without a case (or a case whose promise was removed) fails.
/// </summary>
public sealed class ValuesAndCredentialsPromiseTests : CliEmulatorTests
{
    private const string SentinelToken = "s3ntinel-TOKEN-90c3e1";

    private static readonly string PagePath = RepositoryPaths.Of("docs", "cli.md");

    private IReadOnlyDictionary<string, Func<Task>> Cases => new Dictionary<string, Func<Task>>(StringComparer.Ordinal)
    {
        ["No value or credential in arguments"] = async () =>
        {
            foreach (string[] flag in new[]
            {
                new[] { "--value:" + Sentinel }, ["--VALUE", Sentinel], ["-v", Sentinel], ["--valeu", Sentinel],
                ["--api_token", SentinelToken], ["--Token=" + SentinelToken], ["--api-key", SentinelToken],
            })
            {
                CliResult result = await RunWithStdinAsync(Sentinel, ["set", "K", .. flag]);
                Refused(result, "is refused");
            }
        },
        ["No response files"] = async () =>
        {
            string name = "@" + Guid.NewGuid().ToString("N");
            string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, name);
            await File.WriteAllTextAsync(path, Sentinel);
            try
            {
                CliResult set = await RunAsync("set", "FROM_AT_FILE", "--value-file", name, "--json");
                Assert.That(set.ExitCode, Is.EqualTo(0), set.ToString());
                JsonElement secret = Json.Parse(set.Stdout).GetProperty("secret");
                Assert.That(
                    StoredValue(secret.GetProperty("store_id").GetString()!, secret.GetProperty("id").GetString()!),
                    Is.EqualTo(Sentinel));
                NotShown(set);
            }
            finally
            {
                File.Delete(path);
            }

            int before = Requests().Count;
            string env = await WriteFileAsync("args.env", $"--value {Sentinel}\nA={Sentinel}\n");
            CliResult push = await RunAsync("push", "@" + env);
            Assert.That(push.ExitCode, Is.EqualTo(ExitCodes.Usage), push.ToString());
            Assert.That(Requests(), Has.Count.EqualTo(before));
            NotShown(push);
        },
        ["Errors never repeat an argument"] = async () =>
        {
            CliResult result = await RunAsync("secret", "create", "K", "--scopes", "workers", "--frobnicate", Sentinel);
            Refused(result, "(argument 7)");
        },
        ["File errors never repeat the file"] = async () =>
        {
            CliResult pem = await RunWithStdinAsync(
                $"KEY=-----BEGIN PRIVATE KEY-----\n{Sentinel}\n-----END PRIVATE KEY-----\n", "push", "-");
            Refused(pem, "stdin:1:5:");
            CliResult json = await RunWithStdinAsync($"{{\"{Sentinel}\": 1}}", "push", "-");
            Refused(json, "stdin: entry 1:");
        },
        ["Nothing is sent when the input is wrong"] = async () =>
        {
            Refused(await RunWithStdinAsync(Sentinel, "set", "BAD NAME"), "position 3");
            Refused(await RunWithStdinAsync(Sentinel + "\0", "set", "K"), "NUL");
            Refused(await RunWithStdinAsync($"{{\"K\": \"{Sentinel}\"}}", "push", "-", "--scopes", "work ers"), "white space");
            Assert.That(await Client.ListStoresAsync().CountAsync(), Is.EqualTo(0), "no store was created");
        },
        ["Size ceilings"] = async () =>
        {
            string row = Row("Size ceilings");
            Assert.That(row, Does.Contain($"at most {SecretsStoreLimits.MaxValueBytes:N0} bytes")
                .And.Contain($"up to {BoundedInput.MaxValueInputBytes:N0} bytes"));
            Assert.That(row, Does.Contain($"({BoundedInput.MaxPushFileBytes:N0} bytes)")
                .And.Contain($"({BoundedInput.MaxTokenFileBytes:N0} bytes)"));

            string largest = Sentinel + new string('x', SecretsStoreLimits.MaxValueBytes - Sentinel.Length);
            CliResult fits = await RunWithStdinAsync(largest + "\r\n", "set", "LARGEST", "--json");
            Assert.That(fits.ExitCode, Is.EqualTo(0), fits.ToString());
            NotShown(fits);

            int before = Requests().Count;
            CliResult over = await RunWithStdinAsync(largest + "x", "set", "LARGEST");
            Assert.That(over.ExitCode, Is.EqualTo(ExitCodes.Usage), over.ToString());
            Assert.That(over.Stderr, Does.Contain("65,536"));
            string token = await WriteFileAsync("token", SentinelToken + new string(' ', BoundedInput.MaxTokenFileBytes));
            CliResult tokenOver = await RunAsync("quota", "--api-token-file", token);
            Assert.That(tokenOver.ExitCode, Is.EqualTo(ExitCodes.Authentication), tokenOver.ToString());
            Assert.That(tokenOver.Stderr, Does.Contain("1,024 bytes"));
            Assert.That(Requests(), Has.Count.EqualTo(before));
            NotShown(over);
            NotShown(tokenOver);
        },
        ["No read that cannot be interrupted"] = async () =>
        {
            using var silence = new AnonymousPipeServerStream(PipeDirection.Out);
            using var stdin = new StreamReader(new AnonymousPipeClientStream(PipeDirection.In, silence.ClientSafePipeHandle));
            using var ctrlC = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            using var output = new StringWriter();
            using var error = new StringWriter();
            var host = new CliHost
            {
                Input = stdin,
                Output = output,
                Error = error,
                Environment = name => Environment.TryGetValue(name, out string? value) ? value : null,
            };

            int exit = await Task.Run(() => CliApplication.RunAsync(["set", "K"], host, ctrlC.Token)).WaitAsync(TimeSpan.FromSeconds(20));

            silence.Dispose();
            Assert.That(exit, Is.EqualTo(ExitCodes.Cancelled), error.ToString());
            Assert.That(Requests(), Is.Empty);
        },
        ["Never printed"] = async () =>
        {
            Environment["ROTATED"] = Sentinel + "-env";
            string file = await WriteFileAsync("value", Sentinel + "-file\n");
            CliResult[] runs =
            [
                await RunWithStdinAsync(Sentinel, "set", "K"),
                await RunWithStdinAsync(Sentinel, "secret", "create", "C", "--scopes", "workers", "--comment", "c"),
                await RunAsync("secret", "update", "C", "--value-env", "ROTATED"),
                await RunAsync("secret", "update", "C", "--value-file", file, "--json"),
                await RunAsync("secret", "duplicate", "C", "D"),
                await RunAsync("secret", "list"),
                await RunAsync("secret", "get", "C", "--json"),
                await RunWithStdinAsync($"K={Sentinel}-push\nE=\"{Sentinel}\"\n", "push", "-", "--prune"),
            ];
            foreach (CliResult run in runs)
            {
                Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
                NotShown(run);
                Assert.That(run.AllOutput, Does.Not.Contain(EmulatorOptions.DefaultApiToken));
            }
        },
        ["A token file only you can read"] = async () =>
        {
            string path = await WriteFileAsync("token", EmulatorOptions.DefaultApiToken + "\n");
            if (OperatingSystem.IsWindows())
            {
                Assert.Ignore("Unix file modes only.");
            }
            else
            {
                File.SetUnixFileMode(
                    path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                CliResult open = await RunAsync("quota", "--api-token-file", path);
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                CliResult own = await RunAsync("quota", "--api-token-file", path);

                Assert.That((open.ExitCode, own.ExitCode), Is.EqualTo((0, 0)), open + "\n" + own);
                Assert.That(open.Stderr, Does.StartWith("warning: ").And.Contain("(mode 644)"));
                Assert.That(own.Stderr, Is.Empty);
                Assert.That(open.AllOutput + own.AllOutput, Does.Not.Contain(EmulatorOptions.DefaultApiToken));
            }
        },
        ["Server text cannot drive the terminal"] = async () =>
        {
            Emulator.Faults.Add(new FaultRule
            {
                PathPattern = $"/accounts/{AccountId}/",
                Status = 400,
                ErrorCode = 1000,
                ErrorMessage = "bad \u001b[2J\u202Etxt.exe",
                Headers = { ["CF-Ray"] = "forged" },
            });

            CliResult result = await RunAsync("quota");

            Assert.That(result.Stderr, Does.Contain("bad \\x1B[2J\\u202Etxt.exe").And.Contain("CF-Ray: (none)"));
            Assert.That(result.Stderr, Does.Not.Contain("\u001b").And.Not.Contain("\u202E").And.Not.Contain("forged"));
        },
    };

    /// <summary>The first cell of each row of the promise table in the page's "Values and credentials" section.</summary>
    private static IEnumerable<string> Promises()
    {
        string readme = File.ReadAllText(PagePath);
        int section = readme.IndexOf("## Values and credentials\n", StringComparison.Ordinal);
        int table = readme.IndexOf("| Promise | What it means |", section, StringComparison.Ordinal);
        foreach (string line in readme[table..].Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|')))
        {
            yield return line.Split('|')[1].Trim();
        }
    }

    [TestCaseSource(nameof(Promises))]
    public async Task TheReadmePromiseHolds(string promise)
    {
        Assert.That(Cases.ContainsKey(promise), Is.True, $"docs/cli.md promises \"{promise}\" but no case here checks it.");

        await Cases[promise]();
    }

    [Test]
    public void EveryCaseIsAPromiseOfTheReadme() =>
        Assert.That(Cases.Keys, Is.EquivalentTo(Promises()), "a case whose promise left docs/cli.md, or a promise without a case");

    private static string Row(string promise) =>
        File.ReadAllLines(PagePath).Single(l => l.StartsWith($"| {promise} |", StringComparison.Ordinal));

    private void Refused(CliResult result, string expected)
    {
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
        Assert.That(result.Stderr, Does.Contain(expected));
        Assert.That(Requests(), Is.Empty, "nothing was sent");
        NotShown(result);
    }

    private static void NotShown(CliResult result) =>
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel).And.Not.Contain(SentinelToken));
}
