using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.Tests.Resilience.Support;

/// <summary>One generated response: status, headers and the exact body bytes.</summary>
public sealed record MutatedResponse(
    int Status, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body, string Mutations, int? MaxResponseBytes)
{
    /// <summary>The body as it can be pasted into a test: text when it is valid UTF-8 without control characters, else Base64.</summary>
    public string ShowBody(int max = 2000)
    {
        string shown;
        try
        {
            string text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Body);
            shown = text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) ? "base64:" + Convert.ToBase64String(Body) : text;
        }
        catch (DecoderFallbackException)
        {
            shown = "base64:" + Convert.ToBase64String(Body);
        }

        return shown.Length <= max ? shown : $"{shown[..max]}… ({Body.Length:N0} bytes in all; the seed reproduces it)";
    }

    public override string ToString() =>
        $"HTTP {Status}; mutations: {Mutations}; headers: [{string.Join(", ", Headers.Select(h => $"{h.Name}: {h.Value}"))}]" +
        $"{(MaxResponseBytes is { } max ? $"; MaxResponseBytes {max}" : string.Empty)}; body ({Body.Length:N0} bytes): {ShowBody()}";
}

/// <summary>
/// Makes hostile variations of an operation's response from a seeded <see cref="Random"/>: dropped, duplicated and retyped
/// fields, nulls, huge numbers, deep nesting, strange strings and dates, truncation, random bytes, non-JSON bodies, odd
/// headers and any status from 100 to 599. The same seed always gives the same response.
/// </summary>
public static class ResponseMutator
{
    private const string FailureEnvelope =
        """{"success":false,"errors":["""
        + """{"code":1003,"message":"not found","documentation_url":"https://developers.cloudflare.com/","source":{"pointer":"/id"}}]"""
        + ""","messages":[{"code":1,"message":"m"}],"result":null}""";

    private static readonly int[] CommonStatuses = [
        200, 202, 204, 301, 304, 400, 401, 403, 404, 405, 408, 409, 410, 413, 415, 422, 429, 500, 502, 503, 504, 520, 522, 524];

    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "1.5", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "123456789012345678901234567890", "1e308", "-1e308", "1e309", "1e400", "-1e400", "4.9e-324",
        "1e-400", "0.1e1", "1E+2",
    ];

    private static readonly string[] NotJsonValues = [
        "NaN", "Infinity", "-Infinity", "undefined", "0x10", "01", "+1", ".5", "1.", "'single'", "tru", "nul"];

    private static readonly string[] Strings =
    [
        "", " ", "null", "true", "0", "not-a-date", "2025-13-45T99:99:99Z", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00",
        "2025-01-02T03:04:05Z", "2025-01-02", "\\u0000", "\\ud800", "\\udfff\\ud800", "é\\u00e9\\uD83D\\uDE00", "\\\\\\\"", "%s%n{0}",
        "workers", "active", "pending", "deleted", "\\n\\r\\t",
    ];

    private static readonly string[] NotJsonBodies =
    [
        "", " ", "\n", "null", "true", "false", "0", "-1", "1e999", "[]", "{}", "[null]", "\"text\"",
        "<html><body>502 Bad Gateway</body></html>",
        "{{{{", "}", "]", "{\"success\":true", "{\"success\":true}}", "{\"success\":true}{\"success\":true}", "{'success':true}",
        "{\"success\":true,/*c*/\"errors\":[]}", "{\"success\":true,}", "{\"success\":tru}", "NaN", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
    ];

    private static readonly (string Name, string[] Values)[] HeaderChoices =
    [
        ("Retry-After", [
            "0", "-1", "1", "1.5", "1e308", "NaN", "Infinity", "-Infinity", "abc", "", "99999999999999999999",
            "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT"]),
        ("retry-after-ms", ["0", "-5", "12.5", "1e15", "1e300", "1e309", "NaN", "Infinity", "-Infinity", "x", ""]),
        ("Ratelimit", [
            "\"default\";r=0;t=0", "\"default\";r=0;t=99999999999999999999", "\"default\";r=-1;t=5", "\"default\";r=99999999999;t=1",
            "r=0", "t=0.5;r=0", "garbage", ""]),
        ("x-ratelimit-remaining", ["0", "-1", "NaN", "99999999999", ""]),
        ("x-ratelimit-reset", ["0", "NaN", "Infinity", "-Infinity", "1e309", "99999999999", "-5", ""]),
        ("CF-Ray", ["", "8f00aa-EWR", new string('r', 3000), "ray with spaces", "é"]),
        ("Content-Type", [
            "text/html", "application/json; charset=bogus", "application/json; charset=utf-16", "application/octet-stream", "garbage"]),
    ];

    public static MutatedResponse Create(Random random, ApiOperation operation)
    {
        var mutations = new List<string>();
        int status = random.Next(100) switch
        {
            < 55 => (int)operation.SuccessStatus,
            < 75 => CommonStatuses[random.Next(CommonStatuses.Length)],
            _ => random.Next(100, 600),
        };

        byte[] body;
        if (random.Next(100) < 65)
        {
            bool success = random.Next(100) < 75;
            string text = MutateJson(random, JToken.Parse(success ? operation.SuccessBody : FailureEnvelope), mutations);
            mutations.Insert(0, success ? "success body" : "failure body");
            body = Encoding.UTF8.GetBytes(text);
            if (random.Next(100) < 20)
            {
                body = MutateBytes(random, body, mutations);
            }
        }
        else
        {
            body = RawBody(random, operation, mutations);
        }

        var headers = new List<(string, string)>();
        if (random.Next(100) < 35)
        {
            foreach ((string name, string[] values) in HeaderChoices)
            {
                if (random.Next(100) < 30)
                {
                    headers.Add((name, values[random.Next(values.Length)]));
                }
            }
        }

        int? maxResponseBytes = random.Next(100) < 15 ? 1024 + random.Next(4096) : null;
        return new MutatedResponse(status, headers, body, string.Join(", ", mutations), maxResponseBytes);
    }

    private static string MutateJson(Random random, JToken root, List<string> mutations)
    {
        var raw = new Dictionary<string, string>();
        var duplicates = new Dictionary<string, (string Name, string Value)>();
        // Mostly one change, so that many responses stay close enough to valid to reach the mapping code; sometimes none.
        int count = random.Next(100) switch
        {
            < 10 => 0,
            < 60 => 1,
            _ => 2 + random.Next(3),
        };
        for (int m = 0; m < count; m++)
        {
            JToken[] values = Tokens(root).Where(t => t is JValue or JObject or JArray).ToArray();
            JProperty[] properties = Tokens(root).OfType<JProperty>().Where(p => !p.Name.StartsWith("@@", StringComparison.Ordinal))
                .ToArray();
            JToken target = values[random.Next(values.Length)];
            switch (random.Next(10))
            {
                case 0 when properties.Length > 0:
                    JProperty dropped = properties[random.Next(properties.Length)];
                    mutations.Add($"drop {dropped.Path}");
                    dropped.Remove();
                    break;
                case 1 when properties.Length > 0:
                    JProperty duplicated = properties[random.Next(properties.Length)];
                    string key = $"@@DUP{duplicates.Count}@@";
                    duplicates[key] = (duplicated.Name, RandomValue(random));
                    mutations.Add($"duplicate {duplicated.Path}");
                    duplicated.Replace(new JProperty(key, duplicated.Value));
                    break;
                case 2:
                    mutations.Add($"null {target.Path}");
                    root = Replace(root, target, JValue.CreateNull());
                    break;
                case 3 when target.Parent is JArray array:
                    // Many copies of a small item make a long list; never more than about 2 MB of them.
                    int copies = Math.Min(
                        1 + random.Next(random.Next(100) < 10 ? 2000 : 5), 2_000_000 / (target.ToString(Formatting.None).Length + 1));
                    mutations.Add($"repeat {target.Path} x{copies}");
                    for (int i = 0; i < copies; i++)
                    {
                        array.Add(target.DeepClone());
                    }

                    break;
                case 4 when target is JObject obj:
                    string unknown = "unknown_" + random.Next(1000).ToString(CultureInfo.InvariantCulture);
                    mutations.Add($"add {target.Path}.{unknown}");
                    obj[unknown] = Placeholder(raw, RandomValue(random));
                    break;
                default:
                    string value = RandomValue(random);
                    mutations.Add($"set {(target.Path.Length == 0 ? "(root)" : target.Path)} = {Clip(value, 40)}");
                    root = Replace(root, target, Placeholder(raw, value));
                    break;
            }
        }

        string text = root.ToString(Formatting.None);
        foreach ((string key, (string name, string value)) in duplicates)
        {
            text = text.Replace(
                $"\"{key}\":", $"{JsonConvert.ToString(name)}:{value},{JsonConvert.ToString(name)}:", StringComparison.Ordinal);
        }

        foreach ((string key, string value) in raw)
        {
            text = text.Replace(JsonConvert.ToString(key), value, StringComparison.Ordinal);
        }

        return text;
    }

    private static IEnumerable<JToken> Tokens(JToken root) => root is JContainer container ? container.DescendantsAndSelf() : [root];

    private static JToken Replace(JToken root, JToken target, JToken replacement)
    {
        if (ReferenceEquals(root, target))
        {
            return replacement;
        }

        target.Replace(replacement);
        return root;
    }

    private static JValue Placeholder(Dictionary<string, string> raw, string value)
    {
        string key = $"@@RAW{raw.Count}@@";
        raw[key] = value;
        return new JValue(key);
    }

    /// <summary>A JSON value as text (or not quite JSON): literals, numbers, strings, containers, deep nesting.</summary>
    private static string RandomValue(Random random) => random.Next(14) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => random.Next(-5, 5000).ToString(CultureInfo.InvariantCulture),
        3 or 4 => Numbers[random.Next(Numbers.Length)],
        5 or 6 => "\"" + Strings[random.Next(Strings.Length)] + "\"",
        7 => "[]",
        8 => "{}",
        9 => "[1,\"a\",null,{},[],true]",
        10 => "\"" + new string((char)random.Next('a', 'z' + 1), random.Next(100) < 20 ? 200_000 : random.Next(1, 5000)) + "\"",
        11 => Nest(random),
        12 => NotJsonValues[random.Next(NotJsonValues.Length)],
        _ => """{"id":"x","name":"y","created":"2025-01-02T03:04:05Z","modified":"2025-01-02T03:04:05Z","secrets":{"quota":1,"usage":2}"""
            + ""","code":1000,"message":"m"}""",
    };

    private static string Nest(Random random)
    {
        int depth = random.Next(100) < 30 ? random.Next(1000, 20_000) : random.Next(2, 60);
        return random.Next(2) == 0
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
    }

    private static byte[] RawBody(Random random, ApiOperation operation, List<string> mutations)
    {
        switch (random.Next(6))
        {
            case 0:
                byte[] bytes = new byte[random.Next(0, 2048)];
                random.NextBytes(bytes);
                mutations.Add($"{bytes.Length} random bytes");
                return bytes;
            case 1:
                string text = NotJsonBodies[random.Next(NotJsonBodies.Length)];
                mutations.Add("not JSON");
                return Encoding.UTF8.GetBytes(text);
            case 2:
                Encoding encoding = new[] { Encoding.Unicode, Encoding.BigEndianUnicode, Encoding.UTF32, new UTF8Encoding(true) }[
                    random.Next(4)];
                mutations.Add($"{encoding.WebName} with preamble");
                return [.. encoding.GetPreamble(), .. encoding.GetBytes(operation.SuccessBody)];
            case 3:
                mutations.Add("gzip magic");
                return [0x1f, 0x8b, 0x08, 0x00, .. Encoding.UTF8.GetBytes(operation.SuccessBody)];
            default:
                mutations.Add("success body");
                return MutateBytes(random, Encoding.UTF8.GetBytes(operation.SuccessBody), mutations);
        }
    }

    private static byte[] MutateBytes(Random random, byte[] body, List<string> mutations)
    {
        var bytes = new List<byte>(body);
        switch (random.Next(4))
        {
            case 0:
                int keep = random.Next(bytes.Count + 1);
                mutations.Add($"truncate at {keep}");
                bytes.RemoveRange(keep, bytes.Count - keep);
                break;
            case 1:
                int at = random.Next(bytes.Count + 1);
                byte[] inserted = new byte[1 + random.Next(16)];
                random.NextBytes(inserted);
                mutations.Add($"insert {inserted.Length} random bytes at {at}");
                bytes.InsertRange(at, inserted);
                break;
            case 2 when bytes.Count > 0:
                int flips = 1 + random.Next(8);
                mutations.Add($"flip {flips} bytes");
                for (int i = 0; i < flips; i++)
                {
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                }

                break;
            default:
                mutations.Add("append garbage");
                bytes.AddRange(Encoding.UTF8.GetBytes(NotJsonBodies[random.Next(NotJsonBodies.Length)]));
                break;
        }

        return [.. bytes];
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
