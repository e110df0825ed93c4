using System.CommandLine;
using CloudflareSecrets.Cli.Hosting;
using CloudflareSecrets.Cli.Output;
using CloudflareSecrets.Cli.Values;

namespace CloudflareSecrets.Cli.Commands;

/// <summary><c>secret create|update|duplicate|delete</c>. Values come from <see cref="ValueOptions"/>, never from an argument.</summary>
internal static class SecretWriteCommands
{
    public static Command Create(GlobalOptions global)
    {
        Option<string?> store = GlobalOptions.StoreOption();
        var name = new Argument<string>("NAME") { Description = "The new secret's name (letters, digits, '_' and '-')." };
        Option<string[]> scopes =
            GlobalOptions.ScopesOption("--scopes", "The services that may use it, e.g. workers,ai_gateway.", required: true);
        var comment = new Option<string?>("--comment") { Description = "A comment.", HelpName = "TEXT" };
        var values = new ValueOptions();
        var command = new Command(
            "create", "Create a secret; the value comes from stdin, --value-file, --value-env or a hidden prompt.")
        {
            name, scopes, comment, store,
        };
        values.AddTo(command);
        global.SetAction(command, async (session, result, cancellationToken) =>
        {
            string secretName = InputRules.Name(result.GetRequiredValue(name), "NAME");
            IReadOnlyList<string> scopeList = GlobalOptions.Scopes(result, scopes)!;
            string value = await values.ReadAsync(result, session.Host, secretName, cancellationToken);
            string storeId = await Resolution.StoreIdAsync(session, result.GetValue(store), cancellationToken);
            Secret created = await session.Client.CreateSecretAsync(
                storeId, secretName, value, scopeList, result.GetValue(comment), cancellationToken: cancellationToken);
            Report(session, created, "Created");
            return 0;
        });
        return command;
    }

    public static Command Update(GlobalOptions global)
    {
        Option<string?> store = GlobalOptions.StoreOption();
        var secret = new Argument<string>("SECRET") { Description = "The secret's id or name." };
        Option<string[]> scopes = GlobalOptions.ScopesOption("--scopes", "New scopes (replace the old ones).");
        var comment = new Option<string?>("--comment") { Description = "A new comment.", HelpName = "TEXT" };
        var values = new ValueOptions();
        var command = new Command(
            "update",
            "Change a secret's value, scopes or comment. Without --scopes or --comment the value is changed (read as for create).")
        {
            secret, scopes, comment, store,
        };
        values.AddTo(command);
        global.SetAction(command, async (session, result, cancellationToken) =>
        {
            IReadOnlyList<string>? newScopes = GlobalOptions.Scopes(result, scopes);
            string? newComment = result.GetValue(comment);
            string target = result.GetRequiredValue(secret);

            // Only what the command line names changes; with nothing named, the value is what the user came to change.
            bool readValue = values.Given(result) || (newScopes is null && newComment is null);
            string? value = readValue ? await values.ReadAsync(result, session.Host, target, cancellationToken) : null;
            string storeId = await Resolution.StoreIdAsync(session, result.GetValue(store), cancellationToken);
            string secretId = await Resolution.SecretIdAsync(session, storeId, target, cancellationToken);
            Secret updated = await session.Client.UpdateSecretAsync(
                storeId,
                secretId,
                new SecretUpdate { Value = value, Scopes = newScopes, Comment = newComment },
                cancellationToken: cancellationToken);
            Report(session, updated, "Updated");
            return 0;
        });
        return command;
    }

    public static Command Duplicate(GlobalOptions global)
    {
        Option<string?> store = GlobalOptions.StoreOption();
        var secret = new Argument<string>("SECRET") { Description = "The id or name of the secret to copy." };
        var newName = new Argument<string>("NEW_NAME") { Description = "The copy's name." };
        Option<string[]> scopes = GlobalOptions.ScopesOption("--scopes", "The copy's scopes (default: the original's).");
        var comment = new Option<string?>("--comment") { Description = "The copy's comment.", HelpName = "TEXT" };
        var command = new Command("duplicate", "Copy a secret, value included, under a new name.")
        {
            secret, newName, scopes, comment, store,
        };
        global.SetAction(command, async (session, result, cancellationToken) =>
        {
            string copyName = InputRules.Name(result.GetRequiredValue(newName), "NEW_NAME");
            IReadOnlyList<string>? scopeList = GlobalOptions.Scopes(result, scopes);
            string storeId = await Resolution.StoreIdAsync(session, result.GetValue(store), cancellationToken);
            string target = result.GetRequiredValue(secret);
            string secretId;
            if (scopeList is null)
            {
                Secret original = await Resolution.SecretAsync(session, storeId, target, cancellationToken);
                (secretId, scopeList) = (original.Id, original.Scopes);
            }
            else
            {
                secretId = await Resolution.SecretIdAsync(session, storeId, target, cancellationToken);
            }

            Secret copy = await session.Client.DuplicateSecretAsync(
                storeId, secretId, copyName, scopeList, result.GetValue(comment), cancellationToken: cancellationToken);
            Report(session, copy, "Created");
            return 0;
        });
        return command;
    }

    public static Command Delete(GlobalOptions global)
    {
        Option<string?> store = GlobalOptions.StoreOption();
        var secrets = new Argument<string[]>("SECRET")
        {
            Description = "The ids (or names) of the secrets to delete; several go in one request.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("delete", "Delete secrets (one request for all of them).") { secrets, store };
        global.SetAction(command, async (session, result, cancellationToken) =>
        {
            string storeId = await Resolution.StoreIdAsync(session, result.GetValue(store), cancellationToken);
            var ids = new List<string>();
            foreach (string target in result.GetRequiredValue(secrets).Distinct(StringComparer.Ordinal))
            {
                ids.Add(await Resolution.SecretIdAsync(session, storeId, target, cancellationToken));
            }

            if (ids.Count == 1)
            {
                await session.Client.DeleteSecretAsync(storeId, ids[0], cancellationToken: cancellationToken);
            }
            else
            {
                await session.Client.DeleteSecretsAsync(storeId, ids, cancellationToken: cancellationToken);
            }

            if (session.Json)
            {
                JsonOutput.Write(session.Host.Output, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("deleted");
                    ids.ForEach(w.WriteStringValue);
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else
            {
                Tables.Line(session.Out, ids.Count == 1
                    ? $"Deleted secret {ids[0]}"
                    : $"Deleted {ids.Count} secrets: {string.Join(", ", ids)}");
            }

            return 0;
        });
        return command;
    }

    private static void Report(CliSession session, Secret secret, string verb)
    {
        if (session.Json)
        {
            SecretReadCommands.Show(session, secret);
        }
        else
        {
            Tables.Line(session.Out, $"{verb} secret {secret.Name} ({secret.Id})");
        }
    }
}
