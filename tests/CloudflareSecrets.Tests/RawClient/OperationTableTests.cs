using System.Net;
using System.Reflection;
using CloudflareSecrets.Internal;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.RawClient;

/// <summary>
/// The client's table of the 12 operations is the spec's: each operation's operationId, method and route are those of
/// the checked-in spec, and every request carries its operationId (under <c>CloudflareSecrets.OperationId</c> in the
/// request's options) for handlers, as the contract suite reads it.
/// </summary>
public class OperationTableTests
{
    private static readonly OperationInfo[] Table = [.. typeof(OperationInfo)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(OperationInfo))
        .Select(f => (OperationInfo)f.GetValue(null)!)];

    [Test]
    public void EachOperationHasTheSpecsOperationIdMethodAndRoute()
    {
        var spec = JObject.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "spec", "secrets-store.openapi.json")));
        (string, string, string)[] documented = (
            from path in ((JObject)spec["paths"]!).Properties()
            from method in ((JObject)path.Value).Properties()
            where method.Value is JObject { } operation && operation["operationId"] is not null
            select (method.Name.ToUpperInvariant(), path.Name.TrimStart('/'), (string)method.Value["operationId"]!)).ToArray();

        Assert.That(Table.Select(o => (o.Method, o.Route, o.Id)), Is.EquivalentTo(documented));
        Assert.That(
            Table.Select(o => o.Ordinal),
            Is.EquivalentTo(Enumerable.Range(0, OperationInfo.Count)),
            "one ordinal each, 0 to Count - 1");
        Assert.That(Table.Select(o => o.ActivityName), Is.EquivalentTo(Table.Select(o => "SecretsStore." + o.Name)));
        Assert.That(Table.Select(o => o.Name).Distinct().Count(), Is.EqualTo(OperationInfo.Count));
    }

    [Test]
    public async Task EveryRequestCarriesItsOperationId()
    {
        var key = new HttpRequestOptionsKey<string>("CloudflareSecrets.OperationId");
        string? seen = null;
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(request =>
        {
            seen = request.Options.TryGetValue(key, out string? id) ? id : null;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(
                    """{"success":true,"errors":[],"messages":[],"result":{"secrets":{"quota":100,"usage":1}}}""",
                    System.Text.Encoding.UTF8,
                    "application/json"),
            });
        });
        var client = new SecretsStoreClient(
            new SecretsStoreClientOptions { ApiToken = "test-token", AccountId = "acc" }, mock.ToHttpClient());

        await client.GetQuotaAsync();

        Assert.That(seen, Is.EqualTo("secrets-store-quota"));
    }
}
