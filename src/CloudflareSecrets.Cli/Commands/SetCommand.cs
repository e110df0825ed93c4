using System.CommandLine;
using CloudflareSecrets.Cli.Output;
using CloudflareSecrets.Cli.Values;

namespace CloudflareSecrets.Cli.Commands;

/// <summary><c>set NAME</c>: create the secret, or change its value when the name exists (the library's SetSecretAsync).</summary>
internal static class SetCommand
{
    public static Command Create(GlobalOptions global)
    {
        Option<string?> store = GlobalOptions.StoreOption();
        var name = new Argument<string>("NAME") { Description = "The secret's name." };
        Option<string[]> scopes = GlobalOptions.ScopesOption(
            "--scopes", "Scopes to set (a new secret gets workers when not given; an existing one keeps its own).");
        var comment = new Option<string?>("--comment") { Description = "A comment to set.", HelpName = "TEXT" };
        var values = new ValueOptions();
        var command = new Command(
            "set",
            "Create or update a secret by name; the value comes from stdin, --value-file, --value-env or a hidden prompt. "
            + "An account without a store gets one.")
        {
            name, scopes, comment, store,
        };
        values.AddTo(command);
        global.SetAction(command, async (session, result, cancellationToken) =>
        {
            string secretName = InputRules.Name(result.GetRequiredValue(name), "NAME");
            var options = new SetSecretOptions { Scopes = GlobalOptions.Scopes(result, scopes), Comment = result.GetValue(comment) };
            string value = await values.ReadAsync(result, session.Host, secretName, cancellationToken);
            string storeId = await Resolution.StoreIdAsync(session, result.GetValue(store), cancellationToken, createIfNone: true);
            SetSecretResult set =
                await session.Client.SetSecretAsync(storeId, secretName, value, options, cancellationToken: cancellationToken);
            string action = set.Action == SecretWriteAction.Created ? "created" : "updated";
            if (session.Json)
            {
                JsonOutput.Write(session.Host.Output, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("action", action);
                    w.WritePropertyName("secret");
                    JsonOutput.Secret(w, set.Secret);
                    w.WriteEndObject();
                });
            }
            else
            {
                string verb = set.Action == SecretWriteAction.Created ? "Created" : "Updated";
                Tables.Line(session.Out, $"{verb} secret {set.Secret.Name} ({set.Secret.Id})");
            }

            return 0;
        });
        return command;
    }
}
