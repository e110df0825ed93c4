using System.CommandLine;
using CloudflareSecrets.Cli.Hosting;
using CloudflareSecrets.Cli.Output;
using CloudflareSecrets.Cli.Wrangler;

namespace CloudflareSecrets.Cli.Commands;

/// <summary>
/// <c>bindings</c>: the <c>secrets_store_secrets</c> entries wrangler needs for a store's secrets, printed, written into
/// a wrangler configuration (<c>--update FILE</c>), or checked against the account (<c>--check FILE</c>). A name that is
/// not in the store fails here, not when the Worker runs.
/// </summary>
internal static class BindingsCommand
{
    public static Command Create(GlobalOptions global)
    {
        Option<string?> store = GlobalOptions.StoreOption();
        var names = new Argument<string[]>("NAME")
        {
            Description = "The secrets to bind (default: every secret of the store with the workers scope).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string?>("--format")
        {
            Description = "jsonc, json or toml (default: jsonc; with --update, the file's).",
            HelpName = "FORMAT",
        };
        format.AcceptOnlyFromAmong("jsonc", "json", "toml");
        var rule = new Option<string?>("--binding-name-rule")
        {
            Description = "same (the secret's name), upper-snake (DB-password.v2 -> DB_PASSWORD_V2) or lower-snake (default: same).",
            HelpName = "RULE",
        };
        rule.AcceptOnlyFromAmong(BindingNames.Rules);
        var environment = new Option<string?>("--env")
        {
            Description =
                "The wrangler environment whose own array is meant (env.NAME); wrangler does not inherit it from the top level.",
            HelpName = "NAME",
        };
        var update = new Option<string?>("--update")
        {
            Description = "Rewrite the array in this wrangler.jsonc, wrangler.json or wrangler.toml; nothing else in the file changes.",
            HelpName = "FILE",
        };
        var check = new Option<string?>("--check")
        {
            Description = "Check every entry of this wrangler configuration: its store and secret exist, "
                + "and the secret has the workers scope.",
            HelpName = "FILE",
        };
        var command = new Command(
            "bindings",
            "Print the wrangler secrets_store_secrets entries for a store's secrets, write them into a wrangler configuration, "
            + "or check one.")
        {
            names, store, format, rule, environment, update, check,
        };
        global.SetAction(command, async (session, result, cancellationToken) =>
        {
            string[] wanted = result.GetValue(names) ?? [];
            string? env = result.GetValue(environment);
            if (result.GetValue(check) is { } checkPath)
            {
                // --store too: each entry names its own store, and a store given here would be silently ignored.
                if (wanted.Length > 0
                    || result.GetValue(update) is not null
                    || result.GetValue(format) is not null
                    || result.GetValue(rule) is not null
                    || result.GetResult(store) is not null)
                {
                    throw new CliException(
                        "--check reads the bindings and their stores from FILE: "
                        + "it takes no NAME, --store, --update, --format or --binding-name-rule.");
                }

                return await BindingsCheck.RunAsync(session, checkPath, env, cancellationToken);
            }

            // The file is read and its environment checked before the first request.
            string? updatePath = result.GetValue(update);
            WranglerConfig? config = updatePath is null
                ? null
                : await WranglerConfig.ReadAsync(session.Host, updatePath, cancellationToken);
            if (config is not null)
            {
                ConfigFormat fileFormat = WranglerConfig.FormatOf(updatePath!);
                if (result.GetValue(format) is { } given && given != fileFormat.ToString().ToLowerInvariant())
                {
                    throw new CliException(
                        $"--format {given} does not match '{updatePath}', a {fileFormat.ToString().ToLowerInvariant()} file.");
                }

                if (env is not null)
                {
                    _ = config.Bindings(env);
                }
            }

            string storeId = await Resolution.StoreIdAsync(session, result.GetValue(store), cancellationToken);
            IReadOnlyList<SecretsStoreBinding> bindings =
                await BindingsForAsync(session, storeId, wanted, result.GetValue(rule) ?? "same", cancellationToken);
            if (config is not null)
            {
                await WriteFileAsync(session, updatePath!, config.WithBindings(env, bindings), cancellationToken);
                Report(session, updatePath!, env, bindings);
            }
            else
            {
                Print(session, result.GetValue(format) ?? "jsonc", env, storeId, bindings);
            }

            return 0;
        });
        return command;
    }

    private static async Task<IReadOnlyList<SecretsStoreBinding>> BindingsForAsync(
        CliSession session, string storeId, string[] wanted, string rule, CancellationToken cancellationToken)
    {
        var secrets = new List<Secret>();
        await foreach (Secret s in session.Client.ListSecretsAsync(storeId, cancellationToken: cancellationToken))
        {
            secrets.Add(s);
        }

        var byName = secrets.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        List<Secret> chosen;
        if (wanted.Length > 0)
        {
            string[] distinct = [.. wanted.Distinct(StringComparer.Ordinal)];
            string[] missing = [.. distinct.Where(n => !byName.ContainsKey(n))];
            if (missing.Length > 0)
            {
                throw CliException.NotFound(
                    $"Not in store {storeId}: {string.Join(", ", missing)} ('cfsecrets secret list' shows its names).");
            }

            chosen = [.. distinct.Select(n => byName[n])];
            string[] unscoped = [.. chosen.Where(s => !HasWorkersScope(s)).Select(s => s.Name)];
            if (unscoped.Length > 0)
            {
                throw new CliException(
                    $"Without the workers scope, a Worker cannot read {string.Join(", ", unscoped)}; "
                    + "add it with 'cfsecrets secret update NAME --scopes workers,...'.",
                    ExitCodes.Failure);
            }
        }
        else
        {
            chosen = [.. secrets.Where(HasWorkersScope).OrderBy(s => s.Name, StringComparer.Ordinal)];
            string[] skipped = [.. secrets.Where(s => !HasWorkersScope(s)).Select(s => s.Name).Order(StringComparer.Ordinal)];
            if (skipped.Length > 0)
            {
                // The names are the server's text: shown, but never as terminal commands.
                session.Host.Error.WriteLine(TerminalText.Neutralise(
                    $"note: left out {skipped.Length} secret(s) without the workers scope: {string.Join(", ", skipped)}"));
            }
        }

        var bindings = new List<SecretsStoreBinding>(chosen.Count);
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Secret secret in chosen)
        {
            string binding = BindingNames.Apply(rule, secret.Name);
            if (!first.TryAdd(binding, secret.Name))
            {
                // The store was listed by then: requests were sent, so not the usage code that says nothing was.
                throw new CliException(
                    $"The secrets {first[binding]} and {secret.Name} both get the binding name {binding} by the rule '{rule}'; "
                    + "bind them separately or choose another rule.",
                    ExitCodes.Failure);
            }

            bindings.Add(new SecretsStoreBinding(binding, storeId, secret.Name));
        }

        return bindings;
    }

    internal static bool HasWorkersScope(Secret secret) => secret.Scopes.Contains(SecretScopes.Workers, StringComparer.Ordinal);

    private static async Task WriteFileAsync(CliSession session, string path, byte[] content, CancellationToken cancellationToken)
    {
        try
        {
            await File.WriteAllBytesAsync(Path.GetFullPath(path, session.Host.WorkingDirectory), content, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot write '{path}': {e.Message}", ExitCodes.Failure);
        }
    }

    private static void Report(CliSession session, string path, string? env, IReadOnlyList<SecretsStoreBinding> bindings)
    {
        string where = env is null ? WranglerConfig.ArrayName : $"env.{env}.{WranglerConfig.ArrayName}";
        if (session.Json)
        {
            JsonOutput.Write(session.Host.Output, w =>
            {
                w.WriteStartObject();
                w.WriteString("file", path);
                if (env is null)
                {
                    w.WriteNull("env");
                }
                else
                {
                    w.WriteString("env", env);
                }

                w.WritePropertyName("bindings");
                JsonOutput.Array(w, bindings, Binding);
                w.WriteEndObject();
            });
            return;
        }

        string names = bindings.Count > 0 ? ": " + string.Join(", ", bindings.Select(b => b.Binding)) : "";
        Tables.Line(session.Out, $"Updated {path}: {where} holds {bindings.Count} binding(s){names}.");
    }

    private static void Print(CliSession session, string format, string? env, string storeId, IReadOnlyList<SecretsStoreBinding> bindings)
    {
        TextWriter output = session.Host.Output;
        if (session.Json)
        {
            JsonOutput.Write(output, w => JsonOutput.Array(w, bindings, Binding));
            return;
        }

        switch (format)
        {
            case "toml":
                output.Write(bindings.Count == 0
                    ? $"# no secret of store {TerminalText.Neutralise(storeId)} to bind\n"
                    : TomlConfig.RenderTables(env, bindings, "\n"));
                break;
            case "json":
                // A whole JSON document; with --env, nested where wrangler reads it.
                string array = JsoncConfig.RenderArray(bindings, env is null ? "  " : "      ", "  ", "\n");
                output.WriteLine(env is null
                    ? $"{{\n  \"{WranglerConfig.ArrayName}\": {array}\n}}"
                    : $"{{\n  \"env\": {{\n    {WranglerConfig.Quote(env)}: {{\n      \"{WranglerConfig.ArrayName}\": {array}\n"
                        + "    }\n  }\n}");
                break;
            default:
                output.WriteLine(TerminalText.Neutralise($"// {(env is null ? "top level" : $"env.{env}")}: store {storeId}"));
                output.WriteLine($"\"{WranglerConfig.ArrayName}\": {JsoncConfig.RenderArray(bindings, "", "  ", "\n")}");
                break;
        }

        output.Flush();
    }

    internal static void Binding(System.Text.Json.Utf8JsonWriter w, SecretsStoreBinding b)
    {
        w.WriteStartObject();
        w.WriteString("binding", b.Binding);
        w.WriteString("store_id", b.StoreId);
        w.WriteString("secret_name", b.SecretName);
        w.WriteEndObject();
    }
}
