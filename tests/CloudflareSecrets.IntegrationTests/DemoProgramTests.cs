using System.Text.RegularExpressions;
using CloudflareSecrets.Demo;
using CloudflareSecrets.IntegrationTests.Infrastructure;

namespace CloudflareSecrets.IntegrationTests;

/// <summary>The quick start's main job (<c>dotnet run --project src/CloudflareSecrets.Demo</c>), run in process.</summary>
public sealed partial class DemoProgramTests
{
    // The steps the demo prints, in order, as their titles begin (names and counts follow in some).
    private static readonly string[] Steps =
    [
        "Read the account's secrets quota",
        "Find or create a store",
        "Create 60 secrets in one call",
        "List them with auto-paging",
        "Update DEMO_",
        "Duplicate DEMO_",
        "Find DEMO_",
        "Show how failures surface",
        "Delete one secret, then the rest in one bulk request",
        "Read the quota again",
        "Delete the store demo_",
    ];

    [Test]
    public async Task WithoutArguments_RunsEveryStepAgainstTheEmbeddedEmulator_AndSucceeds()
    {
        using var sent = new SentValueRecorder();
        using var output = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        int exitCode = await DemoProgram.RunAsync([], output, timeout.Token);

        string text = output.ToString();
        TestContext.Out.WriteLine(text);
        (int Number, string Title)[] steps = [.. StepLine().Matches(text).Select(m => (int.Parse(m.Groups[1].ValueSpan, provider: null), m.Groups[2].Value))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(steps.Select(s => s.Number), Is.EqualTo(Enumerable.Range(1, Steps.Length)), "every step, numbered in order");
            for (int i = 0; i < Math.Min(steps.Length, Steps.Length); i++)
            {
                Assert.That(steps[i].Title, Does.StartWith(Steps[i]), $"step {i + 1}");
            }

            Assert.That(text, Does.Contain("60 secrets in 3 pages"));
            Assert.That(text, Does.Contain("IsNameConflict = True"));
            Assert.That(text, Does.Contain("a 65,537-byte value is refused before sending"));
            Assert.That(text, Does.Contain("0 of 100 secrets used"));
            Assert.That(text.TrimEnd(), Does.EndWith("Done: every step succeeded."));
        }

        // The demo never prints a value: check every value it sent to its emulator (the 60 created, the rotated one,
        // the one of the refused duplicate name) against the output.
        Uri emulator = new(EmulatorAddress().Match(text).Groups[1].Value);
        IReadOnlyList<string> values = sent.ValuesSentTo(emulator);
        TestContext.Out.WriteLine($"The demo sent {values.Count} secret values to {emulator}.");
        Assert.That(values, Has.Count.GreaterThanOrEqualTo(61), "values the demo sent");
        Assert.That(values.Where(text.Contains), Is.Empty, "values in the output");
    }

    [Test]
    public async Task WithAnUnknownArgument_PrintsTheUsage_AndExitsWith2()
    {
        using var output = new StringWriter();

        int exitCode = await DemoProgram.RunAsync(["--bogus"], output, CancellationToken.None);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output.ToString(), Does.StartWith("usage: CloudflareSecrets.Demo [--live]"));
    }

    [GeneratedRegex(@"^\[(\d+)\] (.+?)\r?$", RegexOptions.Multiline)]
    private static partial Regex StepLine();

    [GeneratedRegex(@"Started the local Secrets Store emulator at (\S+)")]
    private static partial Regex EmulatorAddress();
}
