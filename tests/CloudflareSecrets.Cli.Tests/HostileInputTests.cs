using System.Diagnostics;
using CloudflareSecrets.Cli.Hosting;
using CloudflareSecrets.Cli.Tests.Support;
using CloudflareSecrets.Emulator;

namespace CloudflareSecrets.Cli.Tests;

/// <summary>
/// The tool under ordinary mistakes and a hostile server: response-file habits, other spellings of the refused flags,
/// values pasted where a name belongs, unbounded input, and server text made to look like terminal commands. Every test
/// holds a sentinel value and a sentinel token: neither may appear in any output, and where docs/cli.md says nothing is
/// sent, the emulator counts no request.
/// </summary>
public sealed class HostileInputTests : CliEmulatorTests
{
    /// <summary>A credential no output may ever contain.</summary>
    private const string SentinelToken = "s3ntinel-TOKEN-4be81a";

    private static readonly TimeSpan Liveness = TimeSpan.FromSeconds(20);

    /// <summary>Puts the sentinels where a spelling has <c>{S}</c> (a value) and <c>{T}</c> (a token).</summary>
    private static string Fill(string spelling) =>
        spelling.Replace("{S}", Sentinel, StringComparison.Ordinal).Replace("{T}", SentinelToken, StringComparison.Ordinal);

    private static void NothingShown(CliResult result)
    {
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel).And.Not.Contain(SentinelToken));
        Assert.That(result.AllOutput, Does.Not.Contain("\u001b").And.Not.Contain("\u009b").And.Not.Contain("\u0007"));
    }

    private void NothingSent(CliResult result)
    {
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
        Assert.That(Requests(), Is.Empty, "nothing was sent");
    }

    // ---- 1. Response files are off: '@' is an ordinary character.

    [Test]
    public async Task AnAtSignBeforeAValueFileIsPartOfThePathNotAResponseFile()
    {
        string path = await WriteFileAsync("value.txt", Sentinel);

        CliResult result = await RunAsync("secret", "create", "K", "--scopes", "workers", "--value-file", "@" + path);

        NothingSent(result);
        NothingShown(result);
        Assert.That(result.Stderr, Does.Contain("Cannot read the value file"));
    }

    [Test]
    public async Task AFileWhoseNameStartsWithAnAtSignIsReadAsIs()
    {
        SecretStore store = await NewStoreAsync();
        string name = "@" + Guid.NewGuid().ToString("N");
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, name);
        await File.WriteAllTextAsync(path, Sentinel);
        try
        {
            CliResult result = await RunAsync("secret", "create", "AT_FILE", "--scopes", "workers", "--value-file", name, "--json");

            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            Assert.That(StoredValue(store.Id, Json.Parse(result.Stdout).GetProperty("id").GetString()!), Is.EqualTo(Sentinel));
            NothingShown(result);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task AnAtSignBeforeATokenFileNeverShowsTheToken()
    {
        string path = await WriteFileAsync("token", SentinelToken);

        CliResult result = await RunAsync("quota", "--api-token-file", "@" + path);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Authentication), result.ToString());
        Assert.That(Requests(), Is.Empty);
        NothingShown(result);
    }

    [Test]
    public async Task PushOfAnAtFileNeverShowsItsValues()
    {
        string path = await WriteFileAsync("secrets.env", $"A=1\nB={Sentinel}\n");

        CliResult result = await RunAsync("push", "@" + path);

        NothingSent(result);
        NothingShown(result);
    }

    [Test]
    public async Task AResponseFileHoldingARefusedFlagIsNotExpanded()
    {
        string path = await WriteFileAsync("args.rsp", $"--value {Sentinel}\n--api-token {SentinelToken}\n");

        CliResult result = await RunAsync("secret", "create", "K", "--scopes", "workers", "@" + path);

        NothingSent(result);
        NothingShown(result);
    }

    // ---- 2. One refusal, every spelling; parse errors never repeat an argument.

    [TestCase("--value:{S}")]
    [TestCase("--value={S}")]
    [TestCase("--value {S}")]
    [TestCase("--VALUE {S}")]
    [TestCase("--Value={S}")]
    [TestCase("-value {S}")]
    [TestCase("-v {S}")]
    [TestCase("-v:{S}")]
    [TestCase("-V={S}")]
    [TestCase("--valeu {S}")]
    [TestCase("--values {S}")]
    [TestCase("--api-token:{T}")]
    [TestCase("--API-TOKEN {T}")]
    [TestCase("--api_token {T}")]
    [TestCase("--apitoken={T}")]
    [TestCase("--api-tokn {T}")]
    [TestCase("--token:{T}")]
    [TestCase("--Token={T}")]
    [TestCase("--tokne {T}")]
    [TestCase("--api-key:{T}")]
    [TestCase("--API-KEY={T}")]
    [TestCase("--apikey {T}")]
    public async Task EverySpellingOfARefusedFlagIsRefusedWithoutRepeatingWhatFollowed(string spelling)
    {
        string[] flag = Fill(spelling).Split(' ');

        CliResult result = await RunAsync(["secret", "create", "K", "--scopes", "workers", .. flag]);

        NothingSent(result);
        NothingShown(result);
        Assert.That(result.Stderr, Does.Contain("is refused").And.Contain("process list"));
    }

    // A secret after '--' is on the command line all the same: as an argument it would be sent and shown as a name.
    [TestCase("secret get -- --value={S}")]
    [TestCase("secret get -- -v {S}")]
    [TestCase("secret create K --scopes workers -- --value {S}")]
    [TestCase("secret delete X -- --Api-Token={T}")]
    [TestCase("set -- --value:{S}")]
    [TestCase("bindings -- --token {T}")]
    public async Task ARefusedFlagAfterADoubleDashIsRefusedToo(string commandLine)
    {
        await NewStoreAsync();
        int before = Requests().Count;

        CliResult result = await RunAsync([.. Fill(commandLine).Split(' ')]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
        Assert.That(Requests().Count, Is.EqualTo(before), "nothing was sent");
        NothingShown(result);
        Assert.That(result.Stderr, Does.Contain("is refused"));
    }

    [TestCase("secret create K --scopes workers --frobnicate S")]
    [TestCase("secret create K S --scopes workers")]
    [TestCase("secret list --order S")]
    [TestCase("quota S")]
    [TestCase("S")]
    [TestCase("secret S")]
    [TestCase("push a.env --format S")]
    [TestCase("secret create K --scopes workers --json S")]
    [TestCase("secret create K --scopes:workers --comment:x S")]
    public async Task AParseErrorNamesThePositionNeverTheText(string commandLine)
    {
        string[] args = commandLine.Split(' ').Select(a => a == "S" ? Sentinel : a).ToArray();

        CliResult result = await RunAsync(args);

        NothingSent(result);
        NothingShown(result);
        Assert.That(result.Stderr, Does.Contain($"argument {Array.IndexOf(args, Sentinel) + 1}"));
    }

    /// <summary>Every command, with each way a secret could be slipped onto its command line.</summary>
    private static IEnumerable<TestCaseData> EveryCommandWithEverySpelling()
    {
        string[][] commands =
        [
            ["quota"], ["store", "list"], ["store", "create", "N"], ["store", "delete", "N"],
            ["secret", "list"], ["secret", "get", "X"], ["secret", "create", "X", "--scopes", "workers"], ["secret", "update", "X"],
            ["secret", "duplicate", "X", "Y"], ["secret", "delete", "X"], ["set", "X"], ["push", "F"],
            ["push", "--from-env", "X"], ["push", "--from-user-secrets"], ["bindings"],
        ];
        string[][] spellings =
        [
            ["--value", "{S}"], ["--value={S}"], ["--value:{S}"], ["--VALUE", "{S}"], ["-v", "{S}"],
            ["--api-token", "{T}"], ["--api-token:{T}"], ["--Api-Token={T}"], ["--token:{T}"], ["--api-key", "{T}"], ["--API-KEY:{T}"],
            ["@RSP"], ["--", "--value={S}"], ["--", "-v", "{S}"], ["--", "--api-token:{T}"],
        ];
        foreach (string[] command in commands)
        {
            foreach (string[] spelling in spellings)
            {
                yield return new TestCaseData(command, spelling).SetArgDisplayNames(string.Join(' ', command), string.Join(' ', spelling));
            }
        }
    }

    [TestCaseSource(nameof(EveryCommandWithEverySpelling))]
    public async Task NoCommandShowsOrSendsASecretGivenOnItsCommandLine(string[] command, string[] spelling)
    {
        string responseFile = await WriteFileAsync("args.rsp", $"--value {Sentinel} --api-token {SentinelToken}");
        string[] extra = [.. spelling.Select(a => a == "@RSP" ? "@" + responseFile : Fill(a))];

        CliResult result = await RunWithStdinAsync(Sentinel, [.. command, .. extra]);

        NothingShown(result);
        if (command is ["secret", "delete", ..] or ["bindings"] && spelling is ["@RSP"])
        {
            // delete and bindings take several names: '@path' is one more (unknown) secret, looked up by reading, never written.
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.NotFound), result.ToString());
            Assert.That(Requests().Where(r => r.Method != "GET"), Is.Empty);
        }
        else
        {
            NothingSent(result);
        }
    }

    // ---- 3. .env errors name a line and a column, never text from the line.

    [Test]
    public async Task AnUnquotedPemKeyIsAnErrorAtItsLineAndColumn()
    {
        string file = $"A=1\nKEY=-----BEGIN PRIVATE KEY-----\nMIIE{Sentinel}\n-----END PRIVATE KEY-----\n";

        CliResult result = await RunWithStdinAsync(file, "push", "-");

        NothingSent(result);
        NothingShown(result);
        Assert.That(result.Stderr, Does.Contain("stdin:2:5:").And.Contain("quote"));
    }

    [Test]
    public async Task ABareValueLineIsAnErrorAtItsLineAndColumn()
    {
        CliResult result = await RunWithStdinAsync($"A=1\n{Sentinel}\n", "push", "-");

        NothingSent(result);
        NothingShown(result);
        Assert.That(result.Stderr, Does.Contain($"stdin:2:{Sentinel.Length + 1}:"));
    }

    // ---- 4. Everything is checked before the first request, store resolution included.

    [TestCase("BAD NAME", "v")]
    [TestCase("BAD\u001bNAME", "v")]
    [TestCase("OK", "big")]
    [TestCase("OK", "nul")]
    public async Task SetChecksTheNameAndValueBeforeAnyRequest(string name, string value)
    {
        CliResult result = await RunWithStdinAsync(Value(value), "set", name);

        NothingSent(result);
        NothingShown(result);
        Assert.That(await Client.ListStoresAsync().CountAsync(), Is.EqualTo(0), "no default store was created");
    }

    [TestCase("{\"BAD NAME\": \"S\"}")]
    [TestCase("{\"OK\": \"S\\u0000\"}")]
    [TestCase("A=S\nB=big\n")]
    [TestCase("A=\"S\"\nB=nul\n")]
    public async Task PushChecksEveryEntryBeforeAnyRequest(string file)
    {
        string text = file.Replace("big", Value("big"), StringComparison.Ordinal)
            .Replace("nul", Value("nul"), StringComparison.Ordinal)
            .Replace("S", Sentinel, StringComparison.Ordinal);

        CliResult result = await RunWithStdinAsync(text, "push", "-");

        NothingSent(result);
        NothingShown(result);
        Assert.That(await Client.ListStoresAsync().CountAsync(), Is.EqualTo(0), "no default store was created");
    }

    [TestCase("create", "BAD NAME", "v")]
    [TestCase("create", "OK", "nul")]
    [TestCase("create", "OK", "big")]
    [TestCase("update", "OK", "nul")]
    public async Task SecretCreateAndUpdateCheckBeforeResolvingTheStore(string verb, string name, string value)
    {
        await NewStoreAsync();
        int before = Requests().Count;

        CliResult result = await RunWithStdinAsync(
            Value(value), ["secret", verb, name, .. verb == "create" ? new[] { "--scopes", "workers" } : []]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
        Assert.That(Requests(), Has.Count.EqualTo(before), "nothing was sent, not even the store lookup");
        NothingShown(result);
    }

    private static string Value(string kind) => kind switch
    {
        "big" => Sentinel + new string('x', SecretsStoreLimits.MaxValueBytes),
        "nul" => Sentinel + "\0tail",
        _ => Sentinel,
    };

    // ---- 6. Size ceilings, and no read that cannot be interrupted.

    [Test]
    public async Task EndlessStdinStopsAtTheCeilingWithTheSizeError()
    {
        using var endless = new EndlessReader();

        CliResult result = await RunWithHostAsync(endless, CancellationToken.None, "set", "K");

        NothingSent(result);
        Assert.That(result.Stderr, Does.Contain("65,536 bytes"));
        Assert.That(endless.CharsRead, Is.LessThan(1_000_000), "the read stopped near the ceiling");
    }

    [Test]
    public async Task AnEndlessPushOnStdinStopsAtTheFileCeiling()
    {
        using var endless = new EndlessReader(line: $"A=\"{Sentinel}\n", limit: 20_000_000);

        CliResult result = await RunWithHostAsync(endless, CancellationToken.None, "push", "-");

        NothingSent(result);
        NothingShown(result);
        Assert.That(result.Stderr, Does.Contain("16,777,216 bytes"));
        Assert.That(endless.CharsRead, Is.LessThan(20_000_000));
    }

    [Test]
    public async Task AValueFileOfDevZeroFailsWithTheSizeError()
    {
        if (!File.Exists("/dev/zero"))
        {
            Assert.Ignore("No /dev/zero on this system.");
        }

        CliResult result = await RunAsync("set", "K", "--value-file", "/dev/zero");

        NothingSent(result);
        Assert.That(result.Stderr, Does.Contain("65,536 bytes"));
    }

    [Test]
    public async Task APushFileOverTheCeilingFailsBeforeAnyRequest()
    {
        string path = await WriteFileAsync("huge.env", "# " + new string('x', 16 * 1024 * 1024) + $"\nA={Sentinel}\n");

        CliResult result = await RunAsync("push", path);

        NothingSent(result);
        NothingShown(result);
        Assert.That(result.Stderr, Does.Contain("16,777,216 bytes"));
    }

    [Test]
    public async Task ATokenFileOverTheCeilingIsRefusedBeforeAnyRequest()
    {
        string path = await WriteFileAsync("token", SentinelToken + new string('t', 2_000));

        CliResult result = await RunAsync("quota", "--api-token-file", path);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Authentication), result.ToString());
        Assert.That(result.Stderr, Does.Contain("1,024 bytes"));
        Assert.That(Requests(), Is.Empty);
        NothingShown(result);
    }

    [Test]
    public async Task StdinThatNeverAnswersIsInterruptedByCtrlC()
    {
        using var silent = new SilentReader();
        using var ctrlC = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        CliResult result = await RunWithHostAsync(silent, ctrlC.Token, "set", "K").WaitAsync(Liveness);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Cancelled), result.ToString());
        Assert.That(Requests(), Is.Empty);
    }

    [Test]
    public async Task AFifoWithoutAWriterIsInterruptedByCtrlC()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("FIFOs are a Unix thing.");
        }

        string fifo = Path.Combine(TestContext.CurrentContext.WorkDirectory, Guid.NewGuid().ToString("N") + ".fifo");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        try
        {
            using var ctrlC = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            Task<CliResult> run = RunWithHostAsync(new StringReader(""), ctrlC.Token, "set", "K", "--value-file", fifo);

            CliResult result = await run.WaitAsync(Liveness);

            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Cancelled), result.ToString());
            Assert.That(Requests(), Is.Empty);
        }
        finally
        {
            // Release the reader still waiting in open(): a writer that opens and closes ends it with end of file.
            using (var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write))
            {
            }

            File.Delete(fifo);
        }
    }

    // ---- 7. Server text and headers, and the token file's permissions.

    [Test]
    public async Task EscapeSequencesInServerNamesAndCommentsAreNeutralisedInTables()
    {
        SecretStore store = await NewStoreAsync();
        await Client.CreateSecretAsync(store.Id, "PLAIN_NAME_01", "v", [SecretScopes.Workers], "PLAIN_COMMENT");
        string body = await RawAsync($"secrets_store/stores/{store.Id}/secrets");
        string hostile = body
            .Replace("PLAIN_NAME_01", "EVIL\\u001b]0;owned\\u0007\\u001b[2J\\u009b31m", StringComparison.Ordinal)
            .Replace("PLAIN_COMMENT", "\\u001b[31mred\\u001b[0m\\r\\nfake line", StringComparison.Ordinal);
        Assume.That(hostile, Does.Contain("EVIL"));
        Emulator.Faults.Add(new FaultRule
        {
            Method = "GET",
            PathPattern = $"/stores/{store.Id}/secrets",
            Status = 200,
            Body = FaultBody.Custom,
            CustomBody = hostile,
        });

        CliResult result = await RunAsync("secret", "list");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        NothingShown(result);
        Assert.That(result.Stdout, Does.Contain("EVIL\\x1B]0;owned\\x07"));
        Assert.That(result.Stdout, Does.Not.Contain("\r"));
    }

    [Test]
    public async Task EscapeSequencesInServerErrorsAreNeutralised()
    {
        Emulator.Faults.Add(new FaultRule
        {
            PathPattern = $"/accounts/{AccountId}/",
            Status = 400,
            ErrorCode = 1000,
            ErrorMessage = "bad \u001b[2J\u001b]8;;http://evil/\u0007link\u009b0m",
        });

        CliResult result = await RunAsync("quota");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure), result.ToString());
        NothingShown(result);
        Assert.That(result.Stderr, Does.Contain("bad \\x1B[2J"));
    }

    [TestCase("not-a-ray-at-all")]
    [TestCase("0123456789abcdef-LONDON")]
    [TestCase("0123456789abcde-SJC")]
    public async Task ACfRayOfTheWrongShapeIsNotShown(string ray)
    {
        Emulator.Faults.Add(new FaultRule
        {
            PathPattern = $"/accounts/{AccountId}/",
            Status = 400,
            ErrorCode = 1000,
            Headers = { ["CF-Ray"] = ray },
        });

        CliResult result = await RunAsync("quota");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure), result.ToString());
        Assert.That(result.Stderr, Does.Contain("CF-Ray: (none)"), "the library drops a ray id of another shape where it reads the header");
        Assert.That(result.Stderr.Split('\n').Where(l => l.Contains("CF-Ray", StringComparison.Ordinal)), Has.None.Contain(ray));
    }

    [TestCase("0123456789abcdef")]
    [TestCase("0123456789abcdef-SJC")]
    public async Task ACfRayOfTheRightShapeIsShown(string ray)
    {
        Emulator.Faults.Add(new FaultRule
        {
            PathPattern = $"/accounts/{AccountId}/",
            Status = 400,
            ErrorCode = 1000,
            Headers = { ["CF-Ray"] = ray },
        });

        CliResult result = await RunAsync("quota");

        Assert.That(result.Stderr.Split('\n').Select(l => l.TrimEnd('\r')), Does.Contain($"  CF-Ray: {ray}"));
    }

    [TestCase(0b110_100_100, true)]
    [TestCase(0b110_000_000, false)]
    [TestCase(0b110_110_000, true)]
    [TestCase(0b100_000_100, true)]
    public async Task ATokenFileOthersCanReadGetsAWarning(int mode, bool warned)
    {
        string path = await WriteFileAsync("token", EmulatorOptions.DefaultApiToken);
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Unix file modes only.");
        }
        else
        {
            File.SetUnixFileMode(path, (UnixFileMode)mode);
        }

        CliResult result = await RunAsync("quota", "--api-token-file", path);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stderr, warned ? Does.StartWith("warning: ").And.Contain("chmod 600") : Is.Empty);
        Assert.That(result.AllOutput, Does.Not.Contain(EmulatorOptions.DefaultApiToken));
    }

    /// <summary>The tool in process with a given stdin and cancellation (Ctrl+C), stdout and stderr captured.</summary>
    private async Task<CliResult> RunWithHostAsync(TextReader input, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost
        {
            Input = input,
            Output = output,
            Error = error,
            Environment = name => Environment.TryGetValue(name, out string? value) ? value : null,
            WorkingDirectory = TestContext.CurrentContext.WorkDirectory,
        };

        // As the real process: the tool's entry runs on its own, so a read blocked inside it cannot block the caller.
        int exit = await Task.Run(() => CliApplication.RunAsync(args, host, cancellationToken));
        var result = new CliResult(exit, output.ToString(), error.ToString());
        TestContext.Out.WriteLine($"$ cfsecrets {string.Join(' ', args)}\n{result}");
        return result;
    }

    /// <summary>
    /// stdin that never ends (like /dev/zero or `yes`); past <c>limit</c> characters it fails the test instead of eating
    /// memory.
    /// </summary>
    private sealed class EndlessReader(string line = "x", int limit = 1_000_000) : TextReader
    {
        public long CharsRead { get; private set; }

        public override int Read(Span<char> buffer)
        {
            if (CharsRead > limit)
            {
                throw new InvalidOperationException($"Read {CharsRead:N0} characters of an endless stdin: the read is not bounded.");
            }

            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = line[(int)((CharsRead + i) % line.Length)];
            }

            CharsRead += buffer.Length;
            return buffer.Length;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
            new(Read(buffer.Span));

        public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer.AsSpan(index, count)));

        public override int Peek() => line[(int)(CharsRead % line.Length)];

        public override int Read()
        {
            Span<char> one = stackalloc char[1];
            return Read(one) == 0 ? -1 : one[0];
        }
    }

    /// <summary>stdin that blocks without data (a terminal nobody types into), synchronously, as the console's reader does.</summary>
    private sealed class SilentReader : TextReader
    {
        private readonly ManualResetEventSlim _released = new();

        public override int Read(Span<char> buffer)
        {
            _released.Wait();
            return 0;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
            new(Read(buffer.Span));

        public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer.AsSpan(index, count)));

        public override string ReadToEnd()
        {
            _released.Wait();
            return "";
        }

        public override Task<string> ReadToEndAsync(CancellationToken cancellationToken) => Task.FromResult(ReadToEnd());

        public override int Peek()
        {
            _released.Wait();
            return -1;
        }

        public override int Read() => Peek();

        protected override void Dispose(bool disposing)
        {
            _released.Set();
            base.Dispose(disposing);
        }
    }
}
