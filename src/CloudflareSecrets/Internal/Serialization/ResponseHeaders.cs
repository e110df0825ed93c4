using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace CloudflareSecrets.Internal;

/// <summary>
/// A response's headers as the generated client hands them on (to a body reader, or into a raw exception), copied only
/// when something reads them: a successful call never does, so it no longer pays for a dictionary of every header.
/// The copy has the response headers, then the content headers (a content header wins over a response header of the
/// same name), as the default generated code made it. A raw exception takes its copy at once (<see cref="Snapshot"/>),
/// while the response is still open.
/// </summary>
internal sealed class ResponseHeaders(HttpResponseMessage response) : IReadOnlyDictionary<string, IEnumerable<string>>
{
    private Dictionary<string, IEnumerable<string>>? _copy;

    public int Count => Copy().Count;

    public IEnumerable<string> Keys => Copy().Keys;

    public IEnumerable<IEnumerable<string>> Values => Copy().Values;

    public IEnumerable<string> this[string key] => Copy()[key];

    /// <summary>The headers as a dictionary of their own, or <paramref name="headers"/> itself when it is not a view.</summary>
    public static IReadOnlyDictionary<string, IEnumerable<string>> Snapshot(IReadOnlyDictionary<string, IEnumerable<string>> headers) =>
        headers is ResponseHeaders view ? view.Copy() : headers;

    public bool ContainsKey(string key) => Copy().ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out IEnumerable<string> value) => Copy().TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, IEnumerable<string>>> GetEnumerator() => Copy().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Dictionary<string, IEnumerable<string>> Copy()
    {
        if (_copy is null)
        {
            var copy = new Dictionary<string, IEnumerable<string>>();
            foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers)
            {
                copy[header.Key] = header.Value;
            }

            foreach (KeyValuePair<string, IEnumerable<string>> header in response.Content.Headers)
            {
                copy[header.Key] = header.Value;
            }

            _copy = copy;
        }

        return _copy;
    }
}
