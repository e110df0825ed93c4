using System.CommandLine;
using CloudflareSecrets.Cli.Output;

namespace CloudflareSecrets.Cli.Commands;

/// <summary><c>secret list</c> and <c>secret get</c>: metadata only (Cloudflare never returns a value).</summary>
internal static class SecretReadCommands
{
    public static Command List(GlobalOptions global)
    {
        Option<string?> store = GlobalOptions.StoreOption();
        var search = new Option<string?>("--search")
        {
            Description = "Only secrets whose name or comment contains this text.",
            HelpName = "TEXT",
        };
        Option<string[]> scope = GlobalOptions.ScopesOption("--scope", "Only secrets with every one of these scopes.");
        var order = new Option<string?>("--order")
        {
            Description = "Sort by name, comment, created, modified or status (default: created).",
            HelpName = "FIELD",
        };
        order.AcceptOnlyFromAmong("name", "comment", "created", "modified", "status");
        var direction = new Option<string?>("--direction") { Description = "asc or desc (default: desc).", HelpName = "DIR" };
        direction.AcceptOnlyFromAmong("asc", "desc");
        var command = new Command("list", "List a store's secrets.") { store, search, scope, order, direction };
        global.SetAction(command, async (session, result, cancellationToken) =>
        {
            string storeId = await Resolution.StoreIdAsync(session, result.GetValue(store), cancellationToken);
            var options = new ListSecretsOptions
            {
                Search = result.GetValue(search),
                Scopes = GlobalOptions.Scopes(result, scope),
                Order = result.GetValue(order) switch
                {
                    "name" => SecretOrder.Name,
                    "comment" => SecretOrder.Comment,
                    "created" => SecretOrder.Created,
                    "modified" => SecretOrder.Modified,
                    "status" => SecretOrder.Status,
                    _ => null,
                },
                Direction = result.GetValue(direction) switch
                {
                    "asc" => SortDirection.Ascending,
                    "desc" => SortDirection.Descending,
                    _ => null,
                },
            };
            var secrets = new List<Secret>();
            await foreach (Secret s in session.Client.ListSecretsAsync(storeId, options, cancellationToken: cancellationToken))
            {
                secrets.Add(s);
            }

            if (session.Json)
            {
                JsonOutput.Write(session.Host.Output, w => JsonOutput.Array(w, secrets, JsonOutput.Secret));
            }
            else
            {
                Tables.Secrets(session.Out, secrets);
            }

            return 0;
        });
        return command;
    }

    public static Command Get(GlobalOptions global)
    {
        Option<string?> store = GlobalOptions.StoreOption();
        var secret = new Argument<string>("SECRET") { Description = "The secret's id or name." };
        var command = new Command("get", "Show a secret's metadata (never its value: Cloudflare does not return it).") { secret, store };
        global.SetAction(command, async (session, result, cancellationToken) =>
        {
            string storeId = await Resolution.StoreIdAsync(session, result.GetValue(store), cancellationToken);
            Secret found = await Resolution.SecretAsync(session, storeId, result.GetRequiredValue(secret), cancellationToken);
            Show(session, found);
            return 0;
        });
        return command;
    }

    public static void Show(Hosting.CliSession session, Secret secret)
    {
        if (session.Json)
        {
            JsonOutput.Write(session.Host.Output, w => JsonOutput.Secret(w, secret));
        }
        else
        {
            Tables.Secret(session.Out, secret);
        }
    }
}
