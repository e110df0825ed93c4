using CloudflareSecrets.Cli.Files;
using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Tests;

/// <summary>The <c>.env</c> rules <c>push</c> reads files by (docs/cli.md lists the same rules).</summary>
public sealed class DotenvParserTests
{
    private static IReadOnlyDictionary<string, string> Parse(string text) =>
        DotenvParser.Parse(text, ".env").ToDictionary(e => e.Name, e => e.Value);

    private static CliException Fails(string text) => Assert.Throws<CliException>(() => DotenvParser.Parse(text, ".env"))!;

    [Test]
    public void PlainPairsAreReadAndTrimmed() =>
        Assert.That(Parse("A=1\nB = two words  \n"), Is.EqualTo(new Dictionary<string, string> { ["A"] = "1", ["B"] = "two words" }));

    [Test]
    public void AnEqualsSignInsideAValueIsKept() =>
        Assert.That(Parse("URL=postgres://u:p@h/db?sslmode=require&x=y==")["URL"], Is.EqualTo("postgres://u:p@h/db?sslmode=require&x=y=="));

    [Test]
    public void TheExportPrefixIsIgnored() =>
        Assert.That(Parse("export TOKEN=abc\nexport\tOTHER=d")["TOKEN"], Is.EqualTo("abc"));

    [Test]
    public void ANameCalledExportIsStillAName() =>
        Assert.That(Parse("export=yes")["export"], Is.EqualTo("yes"));

    [Test]
    public void FullLineAndInlineCommentsAreSkipped()
    {
        IReadOnlyDictionary<string, string> values = Parse(
            "# a comment\n  # indented comment\nA=1 # inline\nB=a#b\nC=\"quoted # kept\" # dropped\nD='x' #c\n");

        Assert.That(
            values,
            Is.EqualTo(new Dictionary<string, string> { ["A"] = "1", ["B"] = "a#b", ["C"] = "quoted # kept", ["D"] = "x" }));
    }

    [Test]
    public void SingleQuotesKeepEverythingAsWritten() =>
        Assert.That(Parse("P='a\\nb \"c\" $HOME'")["P"], Is.EqualTo("a\\nb \"c\" $HOME"));

    [Test]
    public void DoubleQuotesUnderstandEscapes() =>
        Assert.That(
            Parse("P=\"line1\\nline2\\t\\\"q\\\" back\\\\slash C:\\path\"")["P"],
            Is.EqualTo("line1\nline2\t\"q\" back\\slash C:\\path"));

    [Test]
    public void QuotedValuesMaySpanLines()
    {
        IReadOnlyDictionary<string, string> values = Parse("KEY=\"-----BEGIN KEY-----\nabc\n-----END KEY-----\"\nNEXT=1\nS='one\ntwo'");

        Assert.That(values["KEY"], Is.EqualTo("-----BEGIN KEY-----\nabc\n-----END KEY-----"));
        Assert.That(values["NEXT"], Is.EqualTo("1"));
        Assert.That(values["S"], Is.EqualTo("one\ntwo"));
    }

    [Test]
    public void CrlfLineEndingsReadAsLf()
    {
        IReadOnlyDictionary<string, string> values = Parse("A=1\r\nB=\"x\r\ny\"\r\nC=3\r\n");

        Assert.That(values, Is.EqualTo(new Dictionary<string, string> { ["A"] = "1", ["B"] = "x\ny", ["C"] = "3" }));
    }

    [Test]
    public void AByteOrderMarkIsSkipped() =>
        Assert.That(Parse("\uFEFFFIRST=1").Keys, Is.EqualTo(new[] { "FIRST" }));

    [Test]
    public void BlankLinesAndSpacesAroundPairsAreAllowed() =>
        Assert.That(Parse("\n\n   A=1\n\t\nB=2\n\n").Count, Is.EqualTo(2));

    [Test]
    public void TheLineOfEachEntryIsKept()
    {
        IReadOnlyList<SecretsFileEntry> entries = DotenvParser.Parse("# c\nA=\"x\ny\"\nB=2", ".env");

        Assert.That(entries.Select(e => e.Line), Is.EqualTo(new[] { 2, 4 }));
    }

    [Test]
    public void ADuplicateNameIsAnErrorNamingBothLines() =>
        Assert.That(Fails("A=1\nB=2\n  A=3").Message, Is.EqualTo(".env:3:3: this name is already defined on line 1; keep one."));

    [Test]
    public void AnUnclosedQuoteIsAnErrorAtTheLineItOpens() =>
        Assert.That(Fails("A=1\nB=\"never closed\nC=3").Message, Does.StartWith(".env:2:3: the double quote"));

    [Test]
    public void ALineWithoutEqualsIsAnErrorAtTheColumnWhereEqualsWasExpected() =>
        Assert.That(Fails("A=1\nJUST_A_NAME\n").Message, Is.EqualTo(".env:2:12: expected '=' after the name."));

    [Test]
    public void ALineThatIsNoNameIsAnErrorAtItsFirstColumn() =>
        Assert.That(Fails("A=1\n+abc/def==\n").Message, Does.StartWith(".env:2:1: expected NAME=value"));

    [Test]
    public void AnUnquotedPemBlockIsAnErrorAtTheValue() =>
        Assert.That(
            Fails("A=1\nKEY = -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n").Message,
            Is.EqualTo(".env:2:7: a PEM block spans lines, so it must be in double or single quotes."));

    [Test]
    public void AQuotedPemBlockIsRead() =>
        Assert.That(Parse("KEY='-----BEGIN K-----\nabc\n-----END K-----'")["KEY"], Is.EqualTo("-----BEGIN K-----\nabc\n-----END K-----"));

    [Test]
    public void TextAfterAClosingQuoteIsAnError() =>
        Assert.That(Fails("A=1\nB=\"x\"y").Message, Does.StartWith(".env:2:6: unexpected text"));

    [Test]
    public void ErrorsNeverShowTheValue()
    {
        const string secret = "s3ntinel-in-a-file";

        Assert.That(Fails($"A=\"{secret}").Message, Does.Not.Contain(secret));
        Assert.That(Fails($"A={secret}\nA={secret}").Message, Does.Not.Contain(secret));
        Assert.That(Fails($"A=\"{secret}\"junk").Message, Does.Not.Contain(secret));
        Assert.That(Fails($"A=1\n{secret}\n").Message, Does.Not.Contain(secret));
        Assert.That(Fails($"A=-----BEGIN KEY-----\n{secret}\n").Message, Does.Not.Contain(secret));
    }

    [Test]
    public void VariablesAreNotExpanded() =>
        Assert.That(Parse("A=${HOME}/x")["A"], Is.EqualTo("${HOME}/x"));
}
