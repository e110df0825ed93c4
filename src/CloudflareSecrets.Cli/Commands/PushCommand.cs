using System.CommandLine;
using CloudflareSecrets.Cli.Files;
using CloudflareSecrets.Cli.Hosting;
using CloudflareSecrets.Cli.Output;
using CloudflareSecrets.Cli.Values;
using Spectre.Console;

namespace CloudflareSecrets.Cli.Commands;

/// <summary>
/// <c>push FILE</c>: make the store hold the file's secrets (the library's SyncSecretsAsync): new names in batches of
/// 100 per request, changed values as updates, and with <c>--prune</c> the names the file lacks in one bulk delete.
/// The quota is checked before the first write.
/// </summary>
internal static class PushCommand
{
    public static Command Create(GlobalOptions global)
    {
        Option<string?> store = GlobalOptions.StoreOption();
        var file = new Argument<string?>("FILE")
        {
            Description = "A .env file, a JSON object of string values, or '-' for stdin.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var prune = new Option<bool>("--prune") { Description = "Delete the store's secrets that the file does not name." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan; read only, write nothing." };
        Option<string[]> scopes = GlobalOptions.ScopesOption("--scopes", "Scopes of new secrets (default: workers).");
        var comment = new Option<string?>("--comment") { Description = "Comment of new secrets.", HelpName = "TEXT" };
        var format = new Option<string?>("--format")
        {
            Description = "env or json (default: json for *.json and for stdin starting with '{', else env).",
            HelpName = "FORMAT",
        };
        format.AcceptOnlyFromAmong("env", "json");
        var command = new Command(
            "push",
            "Sync a store from a .env or JSON file: create new names, update the others, and with --prune delete what the file lacks.")
        {
            file, prune, dryRun, scopes, comment, format, store,
        };
        var sources = new PushSources();
        sources.AddTo(command);
        global.SetAction(command, async (session, result, cancellationToken) =>
        {
            // The source and the options are read and checked in full before the store is looked up (or created).
            IReadOnlyList<SecretsFileEntry> entries =
                await sources.ReadAsync(session.Host, result, result.GetValue(file), result.GetValue(format), cancellationToken);
            bool dry = result.GetValue(dryRun);
            var options = new SyncOptions
            {
                Prune = result.GetValue(prune),
                DryRun = dry,
                Scopes = GlobalOptions.Scopes(result, scopes),
                Comment = result.GetValue(comment),
            };
            string storeId = await Resolution.StoreIdAsync(session, result.GetValue(store), cancellationToken, createIfNone: !dry);
            IEnumerable<KeyValuePair<string, string>> desired = entries.Select(e => KeyValuePair.Create(e.Name, e.Value));
            SyncResult sync = session.Host.ErrorIsTerminal && !dry
                ? await WithProgressBarAsync(session, storeId, desired, options, cancellationToken)
                : await session.Client.SyncSecretsAsync(storeId, desired, options, cancellationToken: cancellationToken);
            Write(session, storeId, sync);
            return 0;
        });
        return command;
    }

    private static async Task<SyncResult> WithProgressBarAsync(
        CliSession session,
        string storeId,
        IEnumerable<KeyValuePair<string, string>> desired,
        SyncOptions options,
        CancellationToken cancellationToken)
    {
        SyncResult? sync = null;
        await session.Err.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask("push", maxValue: 1);
                var progress = new CallbackProgress<SyncProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Completed;
                    task.Description = p.Last is null
                        ? "push"
                        : Markup.Escape(TerminalText.Neutralise($"{Verb(p.Last.Action)} {p.Last.Name}"));
                });
                sync = await session.Client.SyncSecretsAsync(
                    storeId, desired, options with { Progress = progress }, cancellationToken: cancellationToken);
                task.Value = task.MaxValue;
                task.Description = "push";
            });
        return sync!;
    }

    private static void Write(CliSession session, string storeId, SyncResult sync)
    {
        if (session.Json)
        {
            JsonOutput.Write(session.Host.Output, w =>
            {
                w.WriteStartObject();
                w.WriteString("store_id", storeId);
                w.WriteBoolean("dry_run", sync.DryRun);
                w.WriteStartArray("changes");
                foreach (SyncChange change in sync.Changes)
                {
                    w.WriteStartObject();
                    w.WriteString("name", change.Name);
                    w.WriteString("action", Verb(change.Action));
                    w.WriteString("id", change.SecretId);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteNumber("created", sync.Created);
                w.WriteNumber("updated", sync.Updated);
                w.WriteNumber("deleted", sync.Deleted);
                w.WriteNumber("requests", sync.RequestCount);
                w.WriteEndObject();
            });
            return;
        }

        Tables.Changes(session.Out, sync.Changes);
        string counts = $"{sync.Created} to create, {sync.Updated} to update, {sync.Deleted} to delete";
        Tables.Line(session.Out, sync.DryRun
            ? $"Dry run: {counts}; nothing was written ({sync.RequestCount} read requests)."
            : $"Created {sync.Created}, updated {sync.Updated}, deleted {sync.Deleted} in {sync.RequestCount} requests.");
    }

    internal static string Verb(SyncAction action) => action switch
    {
        SyncAction.Create => "create",
        SyncAction.Update => "update",
        _ => "delete",
    };

    private sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
    {
        // Reported on the caller's thread at once (Progress<T> would post to the thread pool and lag behind the bar).
        public void Report(T value) => report(value);
    }
}
