using System.CommandLine;
using CloudflareSecrets.Cli.Output;

namespace CloudflareSecrets.Cli.Commands;

internal static class StoreCommands
{
    public static Command Create(GlobalOptions global)
    {
        var store = new Command("store", "List, create and delete stores.");
        store.Subcommands.Add(List(global));
        store.Subcommands.Add(CreateStore(global));
        store.Subcommands.Add(Delete(global));
        return store;
    }

    private static Command List(GlobalOptions global)
    {
        var command = new Command("list", "List the account's stores.");
        global.SetAction(command, async (session, result, cancellationToken) =>
        {
            var stores = new List<SecretStore>();
            await foreach (SecretStore s in session.Client.ListStoresAsync(cancellationToken: cancellationToken))
            {
                stores.Add(s);
            }

            if (session.Json)
            {
                JsonOutput.Write(session.Host.Output, w => JsonOutput.Array(w, stores, JsonOutput.Store));
            }
            else
            {
                Tables.Stores(session.Out, stores);
            }

            return 0;
        });
        return command;
    }

    private static Command CreateStore(GlobalOptions global)
    {
        var name = new Argument<string>("NAME") { Description = "The store's name." };
        var command = new Command("create", "Create a store (Cloudflare allows one per account today).") { name };
        global.SetAction(command, async (session, result, cancellationToken) =>
        {
            SecretStore created =
                await session.Client.CreateStoreAsync(result.GetRequiredValue(name), cancellationToken: cancellationToken);
            if (session.Json)
            {
                JsonOutput.Write(session.Host.Output, w => JsonOutput.Store(w, created));
            }
            else
            {
                Tables.Line(session.Out, $"Created store {created.Name} ({created.Id})");
            }

            return 0;
        });
        return command;
    }

    private static Command Delete(GlobalOptions global)
    {
        var target = new Argument<string>("STORE") { Description = "The store's id or name." };
        var force = new Option<bool>("--force") { Description = "Delete the store even if it holds secrets (they are deleted too)." };
        var command = new Command("delete", "Delete a store.") { target, force };
        global.SetAction(command, async (session, result, cancellationToken) =>
        {
            string storeId = await Resolution.StoreIdAsync(session, result.GetRequiredValue(target), cancellationToken);
            await session.Client.DeleteStoreAsync(storeId, result.GetValue(force), cancellationToken: cancellationToken);
            if (session.Json)
            {
                JsonOutput.Write(session.Host.Output, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("id", storeId);
                    w.WriteBoolean("deleted", true);
                    w.WriteEndObject();
                });
            }
            else
            {
                Tables.Line(session.Out, $"Deleted store {storeId}");
            }

            return 0;
        });
        return command;
    }
}
