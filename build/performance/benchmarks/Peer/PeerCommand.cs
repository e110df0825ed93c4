using System.Globalization;
using System.Text.Json;

using CloudflareSecrets.Benchmarks.Support;

namespace CloudflareSecrets.Benchmarks.Peer;

/// <summary>
/// The .NET sides of the peer comparison (build/performance/peer-comparison/run.sh starts the emulator and runs every
/// side):
/// <list type="bullet">
/// <item><c>peer seed --base-url U --token T --account A --secrets N</c>: creates a store holding N secrets (100 per
/// request) and prints <c>{"store":..,"secret":..}</c>.</item>
/// <item><c>peer run --base-url U --token T --account A --list-account L --list-store S --get-secret ID [--gets 5000]
/// [--warmup 2000] [--creates 1000] [--list-expected 10000] [--emulator-pid P] [--clock-ticks 100]
/// [--client facade|stj|newtonsoft]</c>: the workload, one JSON line per phase. <c>facade</c> (the default) runs it
/// with <see cref="SecretsStoreClient"/>; <c>stj</c> and <c>newtonsoft</c> with the hand-written HttpClient +
/// System.Text.Json (<see cref="HandWrittenClient"/>) or HttpClient + Newtonsoft.Json
/// (<see cref="HandWrittenNewtonsoftClient"/>) baseline, to show what the HTTP stack itself costs.</item>
/// </list>
/// The same workload is in build/performance/peer-comparison/peer.js for Cloudflare's TypeScript SDK.
/// </summary>
public static class PeerCommand
{
    public const string ClientName = "CloudflareSecrets (.NET)";
    public const string StjBaselineName = "HttpClient + System.Text.Json (.NET baseline)";
    public const string NewtonsoftBaselineName = "HttpClient + Newtonsoft.Json (.NET baseline)";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("seed" or "run"))
        {
            await Console.Error
                .WriteLineAsync("usage: peer seed|run --base-url URL --token TOKEN --account ID [...]")
                .ConfigureAwait(false);
            return 2;
        }

        Dictionary<string, string> options = CommandArgs.Parse(args[1..]);
        string Required(string name) =>
            options.TryGetValue(name, out string? value) ? value : throw new ArgumentException($"--{name} is required.");
        int Number(string name, int fallback) =>
            options.TryGetValue(name, out string? value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        var client = new SecretsStoreClient(new SecretsStoreClientOptions
        {
            BaseUrl = new Uri(Required("base-url")),
            ApiToken = Required("token"),
            AccountId = Required("account"),
        });

        if (args[0] == "seed")
        {
            (string store, string secret) = await SeedAsync(client, Number("secrets", 10_000)).ConfigureAwait(false);
            Console.WriteLine(JsonSerializer.Serialize(new { store, secret }));
            return 0;
        }

        string account = Required("account");
        string listAccount = Required("list-account");
        string listStore = Required("list-store");
        string getSecret = Required("get-secret");
        int listExpected = Number("list-expected", 10_000);

        // Our own store for the creates, in our own account (the list store is shared and must not change).
        string kind = options.GetValueOrDefault("client", "facade");
        SecretStore own = await client.CreateStoreAsync($"peer-{kind}").ConfigureAwait(false);
        var target = new Target(Required("base-url"), Required("token"), account, listAccount, listStore, getSecret, own.Id);
        IPeerClient peer = kind switch
        {
            "facade" => new FacadePeer(client, listAccount, listStore, getSecret, own.Id),
            "stj" => HandWrittenPeer.Stj(target),
            "newtonsoft" => HandWrittenPeer.Newtonsoft(target),
            string other => throw new ArgumentException($"--client must be facade, stj or newtonsoft, not '{other}'."),
        };

        var workload = new Workload(
            peer,
            GetSecret: getSecret,
            Gets: Number("gets", 5_000),
            Warmup: Number("warmup", 2_000),
            Creates: Number("creates", 1_000),
            ListExpected: listExpected,
            Emulator: options.TryGetValue("emulator-pid", out string? pid)
                ? new EmulatorCpu(int.Parse(pid, CultureInfo.InvariantCulture), Number("clock-ticks", 100))
                : null);
        await workload.RunAsync().ConfigureAwait(false);
        return 0;
    }

    private static async Task<(string Store, string Secret)> SeedAsync(SecretsStoreClient client, int count)
    {
        SecretStore store = await client.CreateStoreAsync("peer-list").ConfigureAwait(false);
        IReadOnlyList<Secret> created = await client.CreateSecretsAsync(
            store.Id,
            Enumerable.Range(0, count).Select(i => new NewSecret(
                $"PEER_LIST_{i:D6}",
                $"value-{i:D6}",
                [SecretScopes.Workers],
                i % 2 == 0 ? "rotated monthly" : null))).ConfigureAwait(false);
        return (store.Id, created[0].Id);
    }
}
