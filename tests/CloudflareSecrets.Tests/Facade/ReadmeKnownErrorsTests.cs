using System.Globalization;
using System.Text;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>
/// The errors page (docs/errors.md, linked from the README) prints the table of known errors that client and emulator
/// share; this test renders it from <see cref="SecretsStoreKnownErrors"/> (with the evidence each row keeps internally:
/// provenance is documentation, not API) and fails when the page's copy differs (its message holds the table to paste).
/// </summary>
public sealed class ReadmeKnownErrorsTests
{
    private const string Start = "<!-- known-errors:start (generated from SecretsStoreKnownErrors; ReadmeKnownErrorsTests checks it) -->";
    private const string End = "<!-- known-errors:end -->";

    private static readonly string PagePath = RepositoryPaths.Of("docs", "errors.md");

    [Test]
    public void TheReadmesTableOfKnownErrors_IsTheOneTheClientAndEmulatorUse()
    {
        string readme = File.ReadAllText(PagePath).ReplaceLineEndings("\n");
        int start = readme.IndexOf(Start, StringComparison.Ordinal);
        int end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.That(start, Is.Not.EqualTo(-1).And.LessThan(end), "docs/errors.md has the known-errors markers");

        string printed = readme[(start + Start.Length)..end].Trim('\n');
        string expected = Render();

        Assert.That(printed, Is.EqualTo(expected),
            "docs/errors.md's table of known errors drifted from SecretsStoreKnownErrors; paste:\n" + expected);
    }

    [Test]
    public void TheTableNamesEachTokenOnce() =>
        Assert.That(SecretsStoreKnownErrors.All.Select(row => row.Token), Is.Unique);

    private static string Render()
    {
        var text = new StringBuilder();
        text.Append("| condition | code | message token | status | observed or inferred | source |\n");
        text.Append("| --- | --- | --- | --- | --- | --- |\n");
        foreach (SecretsStoreKnownError row in SecretsStoreKnownErrors.All)
        {
            string evidence = (row.CodeObserved, row.StatusObserved) switch
            {
                (true, true) => "observed",
                (true, false) => "status inferred",
                (false, true) => "code inferred",
                (false, false) => "code and status inferred",
            };
            text.Append(
                CultureInfo.InvariantCulture,
                $"| {row.Condition} | {row.Code} | `{row.Token}` | {(int)row.Status} | {evidence} | {row.Source} |\n");
        }

        return text.ToString().TrimEnd('\n');
    }
}
