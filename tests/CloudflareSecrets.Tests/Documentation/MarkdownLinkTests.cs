namespace CloudflareSecrets.Tests.Documentation;

/// <summary>
/// Every relative link of the repository's Markdown (the README, docs/, the package and emulator READMEs, the results
/// files under build/) points at a file that exists and, with an anchor, at a heading that file has. The checker itself
/// is tested on small files of its own, so a link check that finds nothing cannot pass by accident.
/// </summary>
public sealed class MarkdownLinkTests
{
    [Test]
    public void EveryRelativeLinkOfTheRepository_PointsAtAFileAndHeadingThatExist()
    {
        IReadOnlyList<string> files = MarkdownLinks.Files(RepositoryPaths.Root);

        Assert.That(files, Does.Contain("README.md").And.Contain("docs/client-guide.md").And.Contain("docs/errors.md")
            .And.Contain("src/CloudflareSecrets.Emulator/README.md"), "the Markdown files found");
        Assert.That(files, Has.None.StartsWith("tests/contract/node_modules/").And.None.Contains("/bin/").And.None.Contains("/obj/"));
        Assert.That(MarkdownLinks.Problems(RepositoryPaths.Root, files), Is.Empty, "broken links (file:line: target: reason)");
    }

    [Test]
    public void TheReadme_LinksEveryPageOfDocs()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        string[] linked = [.. MarkdownLinks.Find(readme).Select(l => l.Target.Split('#')[0])];
        string[] pages =
            [.. Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md").Select(p => "docs/" + Path.GetFileName(p))];

        Assert.That(pages, Is.Not.Empty);
        Assert.That(pages, Is.SubsetOf(linked), "a page of docs/ that the README does not link");
    }

    [Test]
    public void AMissingFile_AMissingAnchor_AndAnAnchorIntoCode_AreProblems()
    {
        using var folder = new TemporaryFolder();
        folder.Write("docs/guide.md", "# Guide\n\n## Retries, rate limits and transport\n\n## `push`\n");
        folder.Write("src/Code.cs", "class C { }\n");
        folder.Write("README.md", string.Join('\n',
            "# Title",
            "[ok](docs/guide.md) [ok](docs/guide.md#retries-rate-limits-and-transport) [ok](docs/guide.md#push) [ok](#title)",
            "[ok](src/Code.cs) [ok](src/Code.cs#L1-L2) [ok](docs) [ok](https://example.com/none.md#nothing) [ok](mailto:a@b.c)",
            "[gone](docs/missing.md)",
            "[no heading](docs/guide.md#retries)",
            "![no image](images/none.png)",
            "[here](#nowhere)",
            "[code anchor](src/Code.cs#main)",
            "[ref]: docs/other.md",
            "<a href=\"docs/html.md\">html</a>"));

        IReadOnlyList<string> problems = MarkdownLinks.Problems(folder.Path, ["README.md", "docs/guide.md"]);

        Assert.That(problems, Is.EqualTo(new[]
        {
            "README.md:4: docs/missing.md: no such file",
            "README.md:5: docs/guide.md#retries: no heading 'retries' in docs/guide.md",
            "README.md:6: images/none.png: no such file",
            "README.md:7: #nowhere: no heading 'nowhere' in README.md",
            "README.md:8: src/Code.cs#main: an anchor into a file that is not Markdown",
            "README.md:9: docs/other.md: no such file",
            "README.md:10: docs/html.md: no such file",
        }));
    }

    [Test]
    public void LinksInCode_AreNotLinks()
    {
        string markdown = string.Join('\n',
            "Text `[not](a-link.md)` and ``[nor](this.md)`` here, [but](this-one.md).",
            "```csharp",
            "var x = a[i](b);   // [not](code.md)",
            "```",
            "~~~",
            "[not](tilde.md)",
            "```",
            "[still](code.md)",
            "~~~",
            "[after](fence.md \"a title\") and [angle](<with space.md>)");

        Assert.That(MarkdownLinks.Find(markdown).Select(l => (l.Target, l.Line)), Is.EqualTo(new[]
        {
            ("this-one.md", 1), ("fence.md", 10), ("with space.md", 10),
        }));
    }

    [Test]
    public void ALinkWhoseTextWraps_IsFound_OnTheLineItStarts()
    {
        string markdown = string.Join('\n',
            "A paragraph with `a code span",
            "over two lines` and a [link whose text",
            "wraps](wrapped.md#there) onto the next line,",
            "then [another](second.md).",
            "",
            "[ref]: <defined.md>");

        Assert.That(MarkdownLinks.Find(markdown).Select(l => (l.Target, l.Line)), Is.EqualTo(new[]
        {
            ("wrapped.md#there", 2), ("second.md", 4), ("defined.md", 6),
        }));
    }

    [TestCase("Retries, rate limits and transport", ExpectedResult = "retries-rate-limits-and-transport")]
    [TestCase("`push`", ExpectedResult = "push")]
    [TestCase("Start-up and speed", ExpectedResult = "start-up-and-speed")]
    [TestCase("Values & credentials", ExpectedResult = "values--credentials")]
    [TestCase("The [client guide](docs/client-guide.md): x_y", ExpectedResult = "the-client-guide-x_y")]
    [TestCase("Spec changes 2026-07-06 → 2026-08-14", ExpectedResult = "spec-changes-2026-07-06--2026-08-14")]
    public string AHeadingsAnchor_FollowsGitHubsRules(string heading) => MarkdownLinks.Slug(heading);

    [Test]
    public void ARepeatedHeading_IsNumbered_AndSetextAndHtmlAnchorsCount()
    {
        string markdown = string.Join('\n',
            "# Notes", "## Notes", "Title", "=====", "| a |", "| --- |", "- item", "---",
            "<a name=\"custom\"></a>", "```", "# not a heading", "```");

        Assert.That(MarkdownLinks.Anchors(markdown), Is.EquivalentTo(new[] { "notes", "notes-1", "title", "custom" }));
    }

    /// <summary>A folder of its own under the system's temporary folder, deleted at the end of the test.</summary>
    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("markdown-links-").FullName;

        public void Write(string relative, string content)
        {
            string file = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            File.WriteAllText(file, content);
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
