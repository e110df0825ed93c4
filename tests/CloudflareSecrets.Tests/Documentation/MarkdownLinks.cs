using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CloudflareSecrets.Tests.Documentation;

/// <summary>
/// The relative links of the repository's Markdown files and whether they resolve: a link to a file that does not
/// exist, or to a heading (<c>#anchor</c>) that its target does not have, is a problem. External links (any scheme)
/// are not fetched. Anchors follow GitHub's rules: the heading's text, lowercase, spaces to '-', punctuation other
/// than '-' and '_' dropped, a repeated heading suffixed '-1', '-2', ...
/// </summary>
internal static partial class MarkdownLinks
{
    /// <summary>
    /// Folders never searched for Markdown: what .gitignore leaves out (dependencies, build and test output, benchmark
    /// artifacts) and hidden folders such as .git.
    /// </summary>
    private static readonly HashSet<string> SkippedFolders =
        new(StringComparer.Ordinal) { "node_modules", "bin", "obj", "artifacts", "TestResults", "BenchmarkDotNet.Artifacts" };

    /// <summary>A link found in a file: its target as written and the line it is on (1-based).</summary>
    public sealed record Link(string Target, int Line);

    /// <summary>Every Markdown file under <paramref name="root"/>, as paths relative to it with '/' separators, sorted.</summary>
    public static IReadOnlyList<string> Files(string root)
    {
        var found = new List<string>();
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        while (pending.Count > 0)
        {
            DirectoryInfo folder = pending.Pop();
            found.AddRange(folder.EnumerateFiles("*.md").Select(f => Path.GetRelativePath(root, f.FullName).Replace('\\', '/')));
            foreach (DirectoryInfo child in folder.EnumerateDirectories())
            {
                if (!child.Name.StartsWith('.') && !SkippedFolders.Contains(child.Name))
                {
                    pending.Push(child);
                }
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>
    /// What is wrong with the relative links of <paramref name="files"/> (relative to <paramref name="root"/>): one line
    /// per broken link, <c>file:line: target: reason</c>. Empty when every link resolves.
    /// </summary>
    public static IReadOnlyList<string> Problems(string root, IEnumerable<string> files)
    {
        var anchorsOf = new Dictionary<string, ISet<string>>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (string file in files)
        {
            string path = Path.GetFullPath(Path.Combine(root, file));
            foreach (Link link in Find(File.ReadAllText(path)))
            {
                string? reason = Check(root, path, link.Target, anchorsOf);
                if (reason is not null)
                {
                    problems.Add($"{file}:{link.Line}: {link.Target}: {reason}");
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// The links of a Markdown text outside code: inline links and images (also when their text wraps onto the next
    /// line), reference definitions, HTML href and src.
    /// </summary>
    public static IEnumerable<Link> Find(string markdown)
    {
        string[] lines = markdown.ReplaceLineEndings("\n").Split('\n');
        foreach ((string text, int first) in Paragraphs(OutsideFences(lines)))
        {
            string prose = WithoutCodeSpans(text);
            var found = new List<(int At, string Target)>();
            found.AddRange(InlineLink().Matches(prose).Select(m => (m.Index, Destination(m.Groups["dest"].Value))));
            found.AddRange(ReferenceDefinition().Matches(prose).Select(m => (m.Index, Destination(m.Groups["dest"].Value))));
            found.AddRange(HtmlLink().Matches(prose).Select(m => (m.Index, m.Groups["dest"].Value)));
            foreach ((int at, string target) in found.OrderBy(f => f.At))
            {
                yield return new Link(target, first + prose.AsSpan(0, at).Count('\n'));
            }
        }
    }

    /// <summary>Runs of consecutive non-blank lines joined by line breaks, each with the number of its first line.</summary>
    private static IEnumerable<(string Text, int Line)> Paragraphs(IEnumerable<(string Text, int Line)> lines)
    {
        var paragraph = new List<string>();
        int first = 0, previous = 0;
        foreach ((string text, int line) in lines)
        {
            if (paragraph.Count > 0 && (text.Trim().Length == 0 || line != previous + 1))
            {
                yield return (string.Join('\n', paragraph), first);
                paragraph.Clear();
            }

            if (text.Trim().Length > 0)
            {
                if (paragraph.Count == 0)
                {
                    first = line;
                }

                paragraph.Add(text);
            }

            previous = line;
        }

        if (paragraph.Count > 0)
        {
            yield return (string.Join('\n', paragraph), first);
        }
    }

    /// <summary>The anchors GitHub gives a Markdown text's headings (and any explicit <c>id</c> or <c>name</c>).</summary>
    public static ISet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        string[] lines = markdown.ReplaceLineEndings("\n").Split('\n');
        string? previous = null;
        foreach ((string text, int line) in OutsideFences(lines))
        {
            string? heading = null;
            Match atx = AtxHeading().Match(text);
            if (atx.Success)
            {
                heading = atx.Groups["text"].Value;
            }
            else if (previous is not null && SetextUnderline().IsMatch(text) && !NotAParagraph().IsMatch(previous))
            {
                heading = previous.Trim();
            }

            if (heading is not null)
            {
                string slug = Slug(heading);
                int count = seen.GetValueOrDefault(slug);
                seen[slug] = count + 1;
                anchors.Add(count == 0 ? slug : $"{slug}-{count}");
            }

            foreach (Match m in HtmlAnchor().Matches(text))
            {
                anchors.Add(m.Groups["id"].Value);
            }

            previous = text.Trim().Length == 0 || atx.Success ? null : text;
        }

        return anchors;
    }

    /// <summary>
    /// GitHub's anchor for a heading's text: its rendered text, lowercase, spaces to '-', punctuation other than '-' and
    /// '_' dropped.
    /// </summary>
    public static string Slug(string heading)
    {
        string rendered = InlineLink().Replace(heading, m => m.Groups["text"].Value).Replace("`", string.Empty, StringComparison.Ordinal);
        var slug = new StringBuilder();
        foreach (char c in rendered.Trim().ToLower(CultureInfo.InvariantCulture))
        {
            if (c == ' ')
            {
                slug.Append('-');
            }
            else if (c is '-' or '_' || char.IsLetterOrDigit(c))
            {
                slug.Append(c);
            }
        }

        return slug.ToString();
    }

    private static string? Check(string root, string from, string target, Dictionary<string, ISet<string>> anchorsOf)
    {
        if (target.Length == 0 || Scheme().IsMatch(target))
        {
            return target.Length == 0 ? "an empty link" : null;
        }

        int hash = target.IndexOf('#', StringComparison.Ordinal);
        string pathPart = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        string? anchor = hash < 0 ? null : target[(hash + 1)..];
        int query = pathPart.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            pathPart = pathPart[..query];
        }

        string resolved = pathPart.Length == 0 ? from
            : pathPart.StartsWith('/') ? Path.GetFullPath(Path.Combine(root, pathPart.TrimStart('/')))
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(from)!, pathPart));
        if (!File.Exists(resolved) && !Directory.Exists(resolved))
        {
            return "no such file";
        }

        if (anchor is null)
        {
            return null;
        }

        if (!resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || Directory.Exists(resolved))
        {
            return LineAnchor().IsMatch(anchor) ? null : "an anchor into a file that is not Markdown";
        }

        if (!anchorsOf.TryGetValue(resolved, out ISet<string>? anchors))
        {
            anchors = Anchors(File.ReadAllText(resolved));
            anchorsOf[resolved] = anchors;
        }

        string name = Path.GetRelativePath(root, resolved).Replace('\\', '/');
        return anchors.Contains(Uri.UnescapeDataString(anchor)) ? null : $"no heading '{anchor}' in {name}";
    }

    /// <summary>The lines outside fenced code blocks (``` or ~~~, closed by a fence of the same kind at least as long).</summary>
    private static IEnumerable<(string Text, int Line)> OutsideFences(string[] lines)
    {
        string? fence = null;
        for (int i = 0; i < lines.Length; i++)
        {
            Match m = Fence().Match(lines[i]);
            if (fence is null && m.Success)
            {
                fence = m.Groups["fence"].Value;
            }
            else if (fence is not null)
            {
                string closing = m.Groups["fence"].Value;
                if (m.Success && closing[0] == fence[0] && closing.Length >= fence.Length && m.Groups["info"].Value.Trim().Length == 0)
                {
                    fence = null;
                }
            }
            else
            {
                yield return (lines[i], i + 1);
            }
        }
    }

    /// <summary>The text with its code spans (a backtick run to the next run of the same length) blanked, line breaks kept.</summary>
    private static string WithoutCodeSpans(string line)
    {
        var text = new StringBuilder(line.Length);
        int i = 0;
        while (i < line.Length)
        {
            if (line[i] != '`')
            {
                text.Append(line[i++]);
                continue;
            }

            int run = 1;
            while (i + run < line.Length && line[i + run] == '`')
            {
                run++;
            }

            int close = ClosingRun(line, i + run, run);
            if (close < 0)
            {
                text.Append(line, i, run);
                i += run;
                continue;
            }

            for (int j = i; j < close + run; j++)
            {
                text.Append(line[j] == '\n' ? '\n' : ' ');
            }

            i = close + run;
        }

        return text.ToString();
    }

    private static int ClosingRun(string line, int from, int length)
    {
        for (int j = from; j < line.Length; j++)
        {
            if (line[j] != '`')
            {
                continue;
            }

            int run = 1;
            while (j + run < line.Length && line[j + run] == '`')
            {
                run++;
            }

            if (run == length)
            {
                return j;
            }

            j += run - 1;
        }

        return -1;
    }

    /// <summary>A link destination without its angle brackets and title.</summary>
    private static string Destination(string raw)
    {
        string dest = raw.Trim();
        if (dest.StartsWith('<'))
        {
            int end = dest.IndexOf('>', StringComparison.Ordinal);
            return end < 0 ? dest : dest[1..end];
        }

        int space = dest.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? dest : dest[..space];
    }

    /// <summary>An inline link or image: [text](destination "optional title"), one level of brackets and parentheses.</summary>
    [GeneratedRegex(
        @"!?\[(?<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]" +
        @"\((?<dest><[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:""[^""]*""|'[^']*'|\([^)]*\)))?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:[ \t]*(?<dest>\S+)", RegexOptions.Multiline)]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(
        @"<a\s[^>]*?\bhref\s*=\s*[""'](?<dest>[^""']*)[""']|<img\s[^>]*?\bsrc\s*=\s*[""'](?<dest>[^""']*)[""']",
        RegexOptions.IgnoreCase)]
    private static partial Regex HtmlLink();

    [GeneratedRegex(@"<[a-z][a-z0-9]*\s[^>]*?\b(?:id|name)\s*=\s*[""'](?<id>[^""']+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlAnchor();

    [GeneratedRegex(@"^ {0,3}#{1,6}(?:\s+(?<text>.*?))?(?:\s+#+)?\s*$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^ {0,3}(?:=+|-+)\s*$")]
    private static partial Regex SetextUnderline();

    /// <summary>A line that cannot be the text of a setext heading: a table row, a list item, a quote.</summary>
    [GeneratedRegex(@"^\s*(?:\||[-*+]\s|\d+[.)]\s|>)")]
    private static partial Regex NotAParagraph();

    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}|~{3,})(?<info>.*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^L\d+(?:-L\d+)?$")]
    private static partial Regex LineAnchor();
}
