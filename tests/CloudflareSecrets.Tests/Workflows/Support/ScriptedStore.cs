using System.Collections.Specialized;
using System.Net;
using System.Text;
using CloudflareSecrets.Tests.Facade.Support;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.Workflows.Support;

/// <summary>
/// One store behind a <see cref="FakeCloudflare"/>, answering as Cloudflare does: a taken name is HTTP 400, code 1003,
/// <c>secret_name_already_exists</c> (wrangler's output); a missing secret 404, code 1001, <c>secret_not_found</c>
/// (wrangler's e2e tests); lists page by <c>per_page</c> with <c>result_info</c>. <see cref="Before"/> runs before each
/// answer and may answer instead (a fault) or change the store (another client acting in between).
/// </summary>
internal sealed class ScriptedStore
{
    private readonly Lock _gate = new();
    private readonly List<(string Id, string Name)> _secrets = [];
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private int _nextId;

    public ScriptedStore(FakeCloudflare fake, int quota = 100)
    {
        Quota = quota;
        fake.Mock.When("*").Respond(async request =>
        {
            if (Holding is { } hold)
            {
                await hold(request.Method).ConfigureAwait(false);
            }

            return Answer(request);
        });
    }

    public int Quota { get; set; }

    /// <summary>Awaited before each answer, with the request's method: holds requests so a test sees how many are in flight.</summary>
    public Func<HttpMethod, Task>? Holding { get; set; }

    /// <summary>
    /// Runs before each answer with the method and the path after <c>secrets_store/</c>; a non-null response is sent
    /// instead.
    /// </summary>
    public Func<HttpMethod, string, HttpResponseMessage?>? Before { get; set; }

    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_gate)
            {
                return [.. _secrets.Select(s => s.Name)];
            }
        }
    }

    public string Add(string name, string value = "seeded-value")
    {
        lock (_gate)
        {
            string id = $"id{++_nextId}";
            _secrets.Add((id, name));
            _values[id] = value;
            return id;
        }
    }

    public void Remove(string name)
    {
        lock (_gate)
        {
            _secrets.RemoveAll(s => s.Name == name);
        }
    }

    public string? ValueOf(string name)
    {
        lock (_gate)
        {
            return _secrets.FirstOrDefault(s => s.Name == name) is { Id: { } id } ? _values[id] : null;
        }
    }

    /// <summary>
    /// Another client creates <paramref name="name"/> just before the first create arrives, which is then refused as
    /// Cloudflare refuses a name taken; returns the id the other client's secret got (null until then).
    /// </summary>
    public Func<string?> CreateFirstMeanwhile(string name, HttpStatusCode status, int code, string message)
    {
        string? raced = null;
        Before = (method, _) =>
        {
            if (method != HttpMethod.Post || raced is not null)
            {
                return null;
            }

            raced = Add(name, "another client's value");
            return Failure(status, code, message);
        };
        return () => raced;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Failure(HttpStatusCode status, int code, string message) =>
        Json(status, Canned.Failure(code, message));

    private HttpResponseMessage Answer(HttpRequestMessage request)
    {
        string path = request.RequestUri!.AbsolutePath;
        string route = path[(path.IndexOf("secrets_store/", StringComparison.Ordinal) + "secrets_store/".Length)..];
        if (Before?.Invoke(request.Method, route) is { } injected)
        {
            return injected;
        }

        string? body = request.Content?.ReadAsStringAsync().GetAwaiter().GetResult();
        NameValueCollection query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
        lock (_gate)
        {
            string secrets = $"stores/{FakeCloudflare.StoreId}/secrets";
            return (request.Method.Method, route) switch
            {
                ("GET", "quota") => Json(
                    HttpStatusCode.OK,
                    Canned.Success(new JObject { ["secrets"] = new JObject { ["quota"] = Quota, ["usage"] = _secrets.Count } })),
                ("GET", var r) when r == secrets => List(query["search"], int.Parse(query["page"]!), int.Parse(query["per_page"]!)),
                ("POST", var r) when r == secrets => Create(JArray.Parse(body!)),
                ("DELETE", var r) when r == secrets => Delete(JObject.Parse(body!)),
                ("PATCH", var r) when r.StartsWith(secrets + "/", StringComparison.Ordinal) =>
                    Patch(r[(secrets.Length + 1)..], JObject.Parse(body!)),
                _ => throw new InvalidOperationException($"The scripted store has no answer for {request.Method} {route}."),
            };
        }
    }

    private HttpResponseMessage List(string? search, int page, int perPage)
    {
        var matching = _secrets.Where(s => search is null || s.Name.Contains(search, StringComparison.OrdinalIgnoreCase)).ToList();
        JObject[] items = [.. matching.Skip((page - 1) * perPage).Take(perPage).Select(s => Canned.Secret(id: s.Id, name: s.Name))];
        int totalPages = (matching.Count + perPage - 1) / perPage;
        return Json(HttpStatusCode.OK, Canned.ListPage(page, perPage, matching.Count, totalPages, items));
    }

    private HttpResponseMessage Create(JArray batch)
    {
        foreach (JToken item in batch)
        {
            if (_secrets.Any(s => s.Name == (string)item["name"]!))
            {
                return Failure(HttpStatusCode.BadRequest, 1003, $"secret_name_already_exists: {(string)item["name"]!}");
            }
        }

        var created = new JArray();
        foreach (JToken item in batch)
        {
            string id = $"id{++_nextId}";
            _secrets.Add((id, (string)item["name"]!));
            _values[id] = (string)item["value"]!;
            created.Add(Canned.Secret(id: id, name: (string)item["name"]!));
        }

        return Json(HttpStatusCode.OK, Canned.Success(created));
    }

    private HttpResponseMessage Patch(string id, JObject patch)
    {
        int index = _secrets.FindIndex(s => s.Id == id);
        if (index < 0)
        {
            return Failure(HttpStatusCode.NotFound, 1001, "secret_not_found");
        }

        if (patch["value"] is JValue { Type: JTokenType.String } value)
        {
            _values[id] = (string)value!;
        }

        return Json(HttpStatusCode.OK, Canned.Success(Canned.Secret(id: id, name: _secrets[index].Name)));
    }

    private HttpResponseMessage Delete(JObject body)
    {
        var ids = body["ids"]!.Select(t => (string)t!).ToHashSet();
        _secrets.RemoveAll(s => ids.Contains(s.Id));
        return Json(HttpStatusCode.Accepted, Canned.Success(null));
    }
}
