using System.Diagnostics;
using System.Net;
using CloudflareSecrets.Emulator.Hosting;
using CloudflareSecrets.Emulator.Tests.Support;

namespace CloudflareSecrets.Emulator.Tests;

public class LatencyTests
{
    public class WithALatency : EmulatorTest
    {
        private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(300);

        protected override EmulatorOptions CreateEmulatorOptions() => new() { Latency = Latency };

        [Test]
        public async Task HoldsEveryAnswerBackAtLeastTheLatency()
        {
            foreach (string? path in new[] { Accounts("quota"), Accounts("stores"), "no/such/route" })
            {
                long started = Stopwatch.GetTimestamp();
                await GetAsync(path);
                TimeSpan elapsed = Stopwatch.GetElapsedTime(started);

                // A lower bound only: that the delay happens is behaviour; how fast the rest is belongs to the benchmarks.
                Assert.That(elapsed, Is.GreaterThanOrEqualTo(Latency - TimeSpan.FromMilliseconds(5)), path);
            }
        }

        [Test]
        public async Task DelayedAnswersKeepTheirHeadersAndTheirPlaceInTheLog()
        {
            ApiResponse response = await GetAsync(Accounts("quota"));

            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Header("CF-Ray"), Does.EndWith("-EMU"));
            Assert.That(Emulator.Requests.Snapshot().Select(r => (r.Method, r.StatusCode)), Is.EqualTo(new[] { ("GET", 200) }));
        }
    }

    public class TheOption
    {
        [TestCase(-1)]
        [TestCase(10_001)]
        public void IsRefusedOutsideZeroToTenSeconds(int milliseconds)
        {
            var options = new EmulatorOptions { Latency = TimeSpan.FromMilliseconds(milliseconds) };

            Assert.That(
                async () => await SecretsStoreEmulator.StartAsync(options),
                Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("options.Latency"));
        }

        [Test]
        public void IsZeroByDefault() => Assert.That(new EmulatorOptions().Latency, Is.EqualTo(TimeSpan.Zero));
    }

    public class TheCommandLineFlag
    {
        [TestCase("50ms", 50)]
        [TestCase("0.2s", 200)]
        [TestCase("2s", 2000)]
        [TestCase("75", 75)]
        [TestCase("0", 0)]
        public void ReadsMillisecondsSecondsOrAPlainNumberOfMilliseconds(string value, int milliseconds)
        {
            var commandLine = CommandLine.TryParse(["--latency", value], out string? error);

            Assert.That(error, Is.Null);
            Assert.That(commandLine!.Options.Latency, Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
        }

        [TestCase("fast")]
        [TestCase("-5ms")]
        [TestCase("11s")]
        [TestCase("5m")]
        public void RejectsAnythingElseWithTheOptionName(string value)
        {
            var commandLine = CommandLine.TryParse(["--latency", value], out string? error);

            Assert.That(commandLine, Is.Null);
            Assert.That(error, Does.StartWith("--latency"));
        }

        [Test]
        public async Task IsShownWhenTheEmulatorStarts()
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

            int exitCode = await Program.RunAsync(
                ["--urls", "http://127.0.0.1:0", "--latency", "50ms"], output, error, stop.Token, _ => stop.Cancel());

            Assert.That(exitCode, Is.EqualTo(Program.ExitOk), error.ToString);
            Assert.That(output.ToString(), Does.Contain("Latency: every answer is held back 50 ms."));
        }
    }
}
