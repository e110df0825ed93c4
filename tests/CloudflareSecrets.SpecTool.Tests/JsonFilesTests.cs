using System.Text;
using CloudflareSecrets.SpecTool.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Tests;

/// <summary>Reading documents without changing their values, and the one canonical way of writing them.</summary>
public static class JsonFilesTests
{
    public class TheCanonicalForm
    {
        [Test]
        public void SortsKeysOrdinally_IndentsTwoSpaces_UsesLf_AndEndsWithOneNewline()
        {
            JObject document = JsonFiles.ParseObject("""{"b":{"y":1,"x":[true,null]},"a_b":"s","a-b":"t","B":0.50}""", "test");

            string text = JsonFiles.ToCanonicalString(document);

            // Ordinal order puts upper case and '-' before lower case and '_' (a culture-aware sort would not).
            Assert.That(text, Is.EqualTo(
                "{\n" +
                "  \"B\": 0.50,\n" +
                "  \"a-b\": \"t\",\n" +
                "  \"a_b\": \"s\",\n" +
                "  \"b\": {\n" +
                "    \"x\": [\n" +
                "      true,\n" +
                "      null\n" +
                "    ],\n" +
                "    \"y\": 1\n" +
                "  }\n" +
                "}\n"));
        }

        [Test]
        public void KeepsArrayOrder()
        {
            string text = JsonFiles.ToCanonicalString(JsonFiles.ParseObject("""{"a":["z","a","m"]}""", "test"));

            Assert.That(JObject.Parse(text)["a"]!.Values<string>(), Is.EqualTo(new[] { "z", "a", "m" }));
        }

        [TestCase("2023-09-21T18:56:32.624632Z")]
        [TestCase("2026-08-14")]
        public void KeepsDateLikeStringsAsWritten(string value)
        {
            string text = JsonFiles.ToCanonicalString(JsonFiles.ParseObject($$"""{"example":"{{value}}"}""", "test"));

            Assert.That(text, Is.EqualTo($"{{\n  \"example\": \"{value}\"\n}}\n"));
        }

        [TestCase("0.50")]
        [TestCase("65536")]
        [TestCase("1.0")]
        [TestCase("-0.125")]
        public void KeepsNumbersAsWritten(string number)
        {
            string text = JsonFiles.ToCanonicalString(JsonFiles.ParseObject($$"""{"n":{{number}}}""", "test"));

            Assert.That(text, Is.EqualTo($"{{\n  \"n\": {number}\n}}\n"));
        }

        [Test]
        public void DoesNotChangeTheDocumentItWrites()
        {
            JObject document = JsonFiles.ParseObject("""{"b":1,"a":2}""", "test");

            JsonFiles.ToCanonicalString(document);

            Assert.That(document.Properties().Select(p => p.Name), Is.EqualTo(new[] { "b", "a" }));
        }
    }

    public class ReadObject
    {
        [Test]
        public void ReadsPlainJson()
        {
            using var dir = new TempDirectory();
            string path = dir.WriteText("doc.json", """{"a":1}""");

            Assert.That((int)JsonFiles.ReadObject(path, "Input document")["a"]!, Is.EqualTo(1));
        }

        [Test]
        public void ReadsGzip_RecognisedByItsMagicBytes_WhateverTheName()
        {
            using var dir = new TempDirectory();
            string path = dir.WriteGzip("doc.json", JObject.Parse("""{"a":1}"""));

            Assert.That((int)JsonFiles.ReadObject(path, "Input document")["a"]!, Is.EqualTo(1));
        }

        [Test]
        public void IgnoresAUtf8ByteOrderMark()
        {
            using var dir = new TempDirectory();
            string path = dir.WriteBytes("doc.json", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("""{"a":1}""")]);

            Assert.That((int)JsonFiles.ReadObject(path, "Input document")["a"]!, Is.EqualTo(1));
        }

        [Test]
        public void RejectsDuplicateKeys()
        {
            using var dir = new TempDirectory();
            string path = dir.WriteText("doc.json", """{"a":1,"a":2}""");

            Assert.That(() => JsonFiles.ReadObject(path, "Input document"),
                Throws.TypeOf<SpecToolException>().With.Message.Contains($"Input document '{path}' is not JSON"));
        }

        [Test]
        public void RejectsContentAfterTheDocument()
        {
            using var dir = new TempDirectory();
            string path = dir.WriteText("doc.json", """{"a":1} {"b":2}""");

            Assert.That(() => JsonFiles.ReadObject(path, "Input document"),
                Throws.TypeOf<SpecToolException>().With.Message.Contains($"Input document '{path}' is not JSON"));
        }
    }

    public class WriteAtomically
    {
        [Test]
        public void WritesUtf8WithoutByteOrderMark_CreatesTheFolder_AndLeavesNoTemporaryFile()
        {
            using var dir = new TempDirectory();
            string path = dir.File(Path.Combine("nested", "out.json"));

            JsonFiles.WriteAllAtomically([(path, "{\"é\": 1}\n")]);

            Assert.That(File.ReadAllBytes(path), Is.EqualTo(Encoding.UTF8.GetBytes("{\"é\": 1}\n")));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EqualTo(new[] { path }));
        }

        [Test]
        public void ReplacesAnExistingFile()
        {
            using var dir = new TempDirectory();
            string path = dir.WriteText("out.json", "old content that is longer than the new one");

            JsonFiles.WriteAllAtomically([(path, "new\n")]);

            Assert.That(File.ReadAllText(path), Is.EqualTo("new\n"));
        }

        [Test]
        public void WritesThroughASymbolicLink_AndKeepsTheLink()
        {
            // --output /dev/stdout is a link (to /proc/self/fd/1): moving a file over it would replace the link.
            using var dir = new TempDirectory();
            string target = dir.WriteText("target.json", "old\n");
            string link = dir.File("link.json");
            File.CreateSymbolicLink(link, target);

            JsonFiles.WriteAllAtomically([(link, "new\n")]);

            Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(target), "still a link");
            Assert.That(File.ReadAllText(target), Is.EqualTo("new\n"));
            Assert.That(Directory.GetFiles(dir.Path), Is.EquivalentTo(new[] { target, link }), "no temporary file left");
        }

        [Test]
        public void WritesNothing_WhenOneOfTheTargetsIsADirectory()
        {
            using var dir = new TempDirectory();
            string first = dir.WriteText("spec.json", "old\n");
            string second = dir.File("source");
            Directory.CreateDirectory(second);

            Assert.That(() => JsonFiles.WriteAllAtomically([(first, "new\n"), (second, "new\n")]),
                Throws.TypeOf<SpecToolException>().With.Message.Contains("is a directory"));
            Assert.That(File.ReadAllText(first), Is.EqualTo("old\n"));
            Assert.That(Directory.GetFiles(dir.Path), Is.EqualTo(new[] { first }));
        }
    }
}
