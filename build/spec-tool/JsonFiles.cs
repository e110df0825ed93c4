using System.IO.Compression;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool;

/// <summary>Reads JSON documents (plain or gzip) without changing their values, and writes them deterministically.</summary>
public static class JsonFiles
{
    /// <summary>
    /// Reads a JSON object from <paramref name="path"/>, decompressing gzip when the file starts with the gzip magic bytes.
    /// </summary>
    public static JObject ReadObject(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new SpecToolException($"{what} '{path}' does not exist.");
        }

        byte[] bytes = File.ReadAllBytes(path);
        bool gzip = bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
        if (!gzip && path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            throw new SpecToolException($"{what} '{path}' is named .gz but is not gzip data.");
        }

        string text;
        try
        {
            text = gzip ? Gunzip(bytes) : DecodeUtf8(bytes);
        }
        catch (InvalidDataException e)
        {
            throw new SpecToolException(
                gzip ? $"{what} '{path}' is corrupt gzip data: {e.Message}" : $"{what} '{path}' is not UTF-8 text.",
                e);
        }

        return ParseObject(text, $"{what} '{path}'");
    }

    /// <summary>
    /// Parses <paramref name="text"/> as a JSON object, keeping strings that look like dates and decimals exactly as written.
    /// </summary>
    public static JObject ParseObject(string text, string what)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
            };
            var token = JToken.ReadFrom(
                reader,
                new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
            if (reader.Read())
            {
                throw new SpecToolException(
                    $"{what} is not JSON: unexpected content after the document at line {reader.LineNumber}, " +
                    $"position {reader.LinePosition}.");
            }

            return token as JObject ?? throw new SpecToolException($"{what} is JSON but not an object (it is {token.Type}).");
        }
        catch (JsonReaderException e)
        {
            throw new SpecToolException($"{what} is not JSON: {e.Message}", e);
        }
    }

    /// <summary>Serializes with object keys in ordinal order, 2-space indent, LF line ends and a final newline.</summary>
    public static string ToCanonicalString(JToken token)
    {
        var builder = new StringBuilder();
        using (var writer = new StringWriter(builder) { NewLine = "\n" })
        using (var json = new JsonTextWriter(writer) { Formatting = Formatting.Indented, Indentation = 2, IndentChar = ' ' })
        {
            Sorted(token).WriteTo(json);
        }

        return builder.Append('\n').ToString();
    }

    /// <summary>
    /// Writes every file through a temporary file, and moves them into place only when all were written, so that a
    /// failure leaves the targets as they were and a reader never sees half a file. A target that is a symbolic link
    /// (<c>/dev/stdout</c>, or a link to a file) is written through, after the others: moving a file over it would
    /// replace the link itself.
    /// </summary>
    public static void WriteAllAtomically(IReadOnlyList<(string Path, string Content)> files)
    {
        var temps = new List<(string Temp, string Target)>();
        var links = new List<(string Link, string Content)>();
        try
        {
            foreach ((string path, string content) in files)
            {
                string fullPath = Path.GetFullPath(path);
                if (Directory.Exists(fullPath))
                {
                    throw new SpecToolException($"Output '{path}' is a directory.");
                }

                if (new FileInfo(fullPath).LinkTarget is not null)
                {
                    links.Add((fullPath, content));
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
                string temp = fullPath + ".tmp";
                temps.Add((temp, fullPath));
                File.WriteAllText(temp, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }

            foreach ((string temp, string target) in temps)
            {
                File.Move(temp, target, overwrite: true);
            }

            foreach ((string link, string content) in links)
            {
                File.WriteAllText(link, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }
        }
        finally
        {
            foreach ((string temp, _) in temps)
            {
                File.Delete(temp);
            }
        }
    }

    private static JToken Sorted(JToken token) => token switch
    {
        JObject obj => new JObject(obj.Properties()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new JProperty(p.Name, Sorted(p.Value)))),
        JArray array => new JArray(array.Select(Sorted)),
        _ => token.DeepClone(),
    };

    private static string Gunzip(byte[] bytes)
    {
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);

        // GZipStream returns what it decoded of a truncated file without complaint; the trailer's length (mod 2^32) tells.
        uint expected = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4));
        if (bytes.Length < 18 || (uint)output.Length != expected)
        {
            throw new InvalidDataException("the gzip data is truncated");
        }

        return DecodeUtf8(output.ToArray());
    }

    private static string DecodeUtf8(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException("the content is not UTF-8 text", e);
        }
    }
}
