using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using CloudflareSecrets.SpecTool.Diff;
using CloudflareSecrets.SpecTool.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Tests;

/// <summary>The diff's table of which facade methods call which operation, checked against the interface and the real requests.</summary>
public static class FacadeMapTests
{
    private const string StoreId = "023e105f4ecef8ad9ca31a8372d0c353";
    private const string SecretId = "3fd85f74b32742f1bff64a85009dda07";

    /// <summary>One call of each interface method; a call may fail after its first request (every request here gets a 404).</summary>
    private static readonly Dictionary<string, Func<ISecretsStoreClient, Task>> Calls = new(StringComparer.Ordinal)
    {
        ["ListStoresAsync"] = c => FirstAsync(c.ListStoresAsync()),
        ["CreateStoreAsync"] = c => c.CreateStoreAsync("service_x_keys"),
        ["GetStoreAsync"] = c => c.GetStoreAsync(StoreId),
        ["DeleteStoreAsync"] = c => c.DeleteStoreAsync(StoreId),
        ["ListSecretsAsync"] = c => FirstAsync(c.ListSecretsAsync(StoreId)),
        ["GetSecretAsync"] = c => c.GetSecretAsync(StoreId, SecretId),
        ["CreateSecretAsync"] = c => c.CreateSecretAsync(StoreId, "MY_API_KEY", "not-a-real-value", ["workers"]),
        ["CreateSecretsAsync"] = c => c.CreateSecretsAsync(StoreId, [new NewSecret("MY_API_KEY", "not-a-real-value", ["workers"])]),
        ["UpdateSecretAsync"] = c => c.UpdateSecretAsync(StoreId, SecretId, new SecretUpdate { Comment = "rotated" }),
        ["DuplicateSecretAsync"] = c => c.DuplicateSecretAsync(StoreId, SecretId, "MY_API_KEY_COPY", ["workers"]),
        ["DeleteSecretAsync"] = c => c.DeleteSecretAsync(StoreId, SecretId),
        ["DeleteSecretsAsync"] = c => c.DeleteSecretsAsync(StoreId, [SecretId]),
        ["GetQuotaAsync"] = c => c.GetQuotaAsync(),
    };

    private static IEnumerable<string> InterfaceMethods =>
        typeof(ISecretsStoreClient).GetMethods(BindingFlags.Public | BindingFlags.Instance).Select(m => m.Name).Distinct();

    private static IEnumerable<string> SpecOperationIds =>
        OpenApi.Operations(JObject.Parse(File.ReadAllText(RepoPaths.CommittedSpec))).Select(o => o.Id);

    [Test]
    public static void HasAnEntryForEveryOperationOfTheSpec_AndNoOther()
    {
        Assert.That(FacadeMap.Table.Select(e => e.OperationId), Is.EquivalentTo(SpecOperationIds));
    }

    [Test]
    public static void NamesEveryMethodOfTheInterface_AndOnlyMethodsOfIt()
    {
        Assert.That(FacadeMap.Table.SelectMany(e => e.Members).Distinct(), Is.EquivalentTo(InterfaceMethods));
        Assert.That(Calls.Keys, Is.EquivalentTo(InterfaceMethods), "every interface method needs a call here");
    }

    [TestCaseSource(nameof(InterfaceMethodNames))]
    public static async Task NamesForEachMethod_ExactlyTheOperationsItSends(string member)
    {
        var handler = new RecordingHandler();
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:9/client/v4/") };
        var client = new SecretsStoreClient(new SecretsStoreClientOptions
        {
            BaseUrl = http.BaseAddress, ApiToken = "facade-map-test-token", AccountId = "0123456789abcdef0123456789abcdef",
        }, http);

        try
        {
            await Calls[member](client);
        }
        catch (CloudflareApiException)
        {
            // Every request was answered 404: the requests sent so far are what the test reads.
        }

        IEnumerable<string> sent = handler.Requests.Select(OperationOf).Distinct();
        Assert.That(sent, Is.EquivalentTo(FacadeMap.Table.Where(e => e.Members.Contains(member)).Select(e => e.OperationId)));
    }

    private static IEnumerable<string> InterfaceMethodNames() =>
        typeof(ISecretsStoreClient).GetMethods().Select(m => m.Name).Distinct().Order(StringComparer.Ordinal);

    private static async Task FirstAsync<T>(IAsyncEnumerable<T> items)
    {
        await foreach (T _ in items)
        {
            break;
        }
    }

    /// <summary>The spec operation a request was sent to, found by method and path template.</summary>
    private static string OperationOf((string Method, string Path) request)
    {
        var matches = OpenApi.Operations(JObject.Parse(File.ReadAllText(RepoPaths.CommittedSpec)))
            .Where(o => o.Method.Equals(request.Method, StringComparison.OrdinalIgnoreCase)
                && Regex.IsMatch(request.Path, "^/client/v4" + Regex.Replace(Regex.Escape(o.Path), @"\\\{[^}]*}", "[^/]+") + "$"))
            .Select(o => o.Id)
            .ToList();
        return matches.Count == 1 ? matches[0] : $"no single operation for {request.Method} {request.Path}";
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<(string Method, string Path)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add((request.Method.Method, request.RequestUri!.AbsolutePath));
            }

            const string body =
                """{ "success": false, "errors": [ { "code": 1001, "message": "not found" } ], "messages": [], "result": null }""";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            });
        }
    }
}
