namespace CloudflareSecrets.Cli.Files;

/// <summary>One NAME = value pair of a secrets file, with the line it starts on. <see cref="ToString"/> hides the value.</summary>
internal sealed record SecretsFileEntry(string Name, string Value, int Line)
{
    public override string ToString() => $"{Name} (line {Line}) = ***";
}
