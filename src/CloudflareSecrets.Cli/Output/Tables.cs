using Spectre.Console;

namespace CloudflareSecrets.Cli.Output;

/// <summary>The tables people read. Every cell is escaped: names and comments are user text, never markup or escape sequences.</summary>
internal static class Tables
{
    public static void Stores(IAnsiConsole console, IReadOnlyList<SecretStore> stores)
    {
        Table table = New(console, "ID", "NAME", "CREATED", "MODIFIED");
        foreach (SecretStore store in stores)
        {
            table.AddRow(Cell(store.Id), Cell(store.Name), Cell(Time(store.Created)), Cell(Time(store.Modified)));
        }

        console.Write(table);
    }

    public static void Secrets(IAnsiConsole console, IReadOnlyList<Secret> secrets)
    {
        Table table = New(console, "ID", "NAME", "STATUS", "SCOPES", "COMMENT", "MODIFIED");
        foreach (Secret secret in secrets)
        {
            table.AddRow(
                Cell(secret.Id),
                Cell(secret.Name),
                Cell(secret.Status),
                Cell(string.Join(",", secret.Scopes)),
                Cell(secret.Comment ?? ""),
                Cell(Time(secret.Modified)));
        }

        console.Write(table);
    }

    public static void Secret(IAnsiConsole console, Secret secret)
    {
        Grid grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        void Row(string label, string value) => grid.AddRow(new Text(label), Cell(value));
        Row("id", secret.Id);
        Row("name", secret.Name);
        Row("store", secret.StoreId);
        Row("status", secret.Status);
        Row("scopes", string.Join(",", secret.Scopes));
        Row("comment", secret.Comment ?? "");
        Row("created", Time(secret.Created));
        Row("modified", Time(secret.Modified));
        console.Write(grid);
    }

    public static void Changes(IAnsiConsole console, IReadOnlyList<SyncChange> changes)
    {
        Table table = New(console, "NAME", "ACTION", "ID");
        foreach (SyncChange change in changes)
        {
            table.AddRow(Cell(change.Name), Cell(Commands.PushCommand.Verb(change.Action)), Cell(change.SecretId ?? ""));
        }

        console.Write(table);
    }

    /// <summary>A line of text that may hold the server's names: shown, never run as terminal escape sequences.</summary>
    public static void Line(IAnsiConsole console, string text) => console.WriteLine(TerminalText.Neutralise(text));

    /// <summary>A table of text cells, for the commands whose rows are not one model type.</summary>
    public static void Rows(IAnsiConsole console, string[] headers, IEnumerable<string[]> rows)
    {
        Table table = New(console, headers);
        foreach (string[] row in rows)
        {
            table.AddRow([.. row.Select(Cell)]);
        }

        console.Write(table);
    }

    private static Table New(IAnsiConsole console, params string[] headers)
    {
        // A terminal gets a light frame; a pipe gets plain aligned columns that cut and awk can read.
        var table = new Table { Border = console.Profile.Capabilities.Interactive ? TableBorder.Rounded : TableBorder.None };
        foreach (string header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))).NoWrap());
        }

        return table;
    }

    // Server text (names, comments): Spectre escapes markup, TerminalText the escape sequences that would reach the terminal.
    private static Text Cell(string text) => new(TerminalText.Neutralise(text));

    private static string Time(DateTimeOffset value) => JsonOutput.Timestamp(value);
}
