using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using CloudflareSecrets.Cli.Files;
using CloudflareSecrets.Cli.Hosting;

namespace CloudflareSecrets.Cli.Values;

/// <summary>
/// <c>push --from-user-secrets [PROJECT|ID]</c>: a .NET project's local secrets, the store <c>dotnet user-secrets</c>
/// manages. The rules (README, push):
/// <list type="bullet">
/// <item>The id: an existing file is the project file, an existing directory holds the project file (one *.csproj,
/// *.fsproj or *.vbproj), anything else is the id itself; without an argument, the project in the working directory.
/// The project's <c>UserSecretsId</c> property is read from the project file, else from the nearest
/// <c>Directory.Build.props</c> above it (the one MSBuild imports); conditions are not evaluated.</item>
/// <item>The file: <c>%APPDATA%\Microsoft\UserSecrets\ID\secrets.json</c> when <c>APPDATA</c> is set (Windows), else
/// <c>$HOME/.microsoft/usersecrets/ID/secrets.json</c>, the order Microsoft.Extensions.Configuration.UserSecrets's
/// PathHelper follows (then the user profile folders, then <c>DOTNET_USER_SECRETS_FALLBACK_DIR</c>).</item>
/// <item>The names: nested keys are joined, and every <c>:</c> becomes <c>__</c>, the .NET environment-variable
/// convention (<c>ConnectionStrings:Default</c> → <c>ConnectionStrings__Default</c>); array items are numbered from 0.
/// The result must be a valid secret name, and two keys giving one name are an error. A key may be a value pasted in
/// the wrong place, so errors name the entry by its number (the values counted from 1 in file order), never a key or a
/// value. Numbers and booleans are pushed as their JSON text; null and empty values are errors. The file is read up
/// to the size push reads of any file.</item>
/// </list>
/// </summary>
internal static class UserSecrets
{
    private static readonly string[] ProjectPatterns = ["*.csproj", "*.fsproj", "*.vbproj"];

    public static async Task<IReadOnlyList<SecretsFileEntry>> ReadAsync(
        CliHost host, string? projectOrId, CancellationToken cancellationToken)
    {
        string id = FindId(host, projectOrId);
        string path = SecretsPath(host, id);
        string text;
        try
        {
            text = await BoundedInput.ReadFileAsync(
                path,
                BoundedInput.MaxPushFileBytes,
                () => new CliException(
                    $"{path} is larger than {BoundedInput.MaxPushFileBytes:N0} bytes, the most push reads; reading stopped there."),
                cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException(
                $"The user secrets '{id}' have no file: {path} does not exist "
                + "(add one with 'dotnet user-secrets set NAME VALUE').");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot read '{path}': {e.Message}");
        }

        return Flatten(text, path);
    }

    /// <summary>The file <c>dotnet user-secrets</c> keeps the id's secrets in, on this platform.</summary>
    public static string SecretsPath(CliHost host, string id)
    {
        string? appData = NonEmpty(host.Environment("APPDATA"));
        string? root = appData
            ?? NonEmpty(host.Environment("HOME"))
            ?? NonEmpty(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData))
            ?? NonEmpty(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile))
            ?? NonEmpty(host.Environment("DOTNET_USER_SECRETS_FALLBACK_DIR"))
            ?? throw new CliException("Cannot find the user secrets folder: neither APPDATA nor HOME is set.");
        return appData is not null
            ? Path.Combine(root, "Microsoft", "UserSecrets", id, "secrets.json")
            : Path.Combine(root, ".microsoft", "usersecrets", id, "secrets.json");
    }

    /// <summary>The flat NAME = value list of a secrets.json, by the rule above.</summary>
    public static IReadOnlyList<SecretsFileEntry> Flatten(string text, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(
                text.TrimStart('\uFEFF'),
                new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new CliException($"{source}:{(e.LineNumber ?? 0) + 1}: not valid JSON ({e.BytePositionInLine} bytes into the line).");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CliException($"{source}: expected a JSON object, as 'dotnet user-secrets' writes.");
            }

            var entries = new List<SecretsFileEntry>();
            var keys = new Dictionary<string, int>(StringComparer.Ordinal);
            Walk(document.RootElement, "", source, entries, keys);
            return entries;
        }
    }

    private static void Walk(JsonElement element, string key, string source, List<SecretsFileEntry> entries, Dictionary<string, int> keys)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Walk(property.Value, key.Length == 0 ? property.Name : $"{key}:{property.Name}", source, entries, keys);
                }

                return;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Walk(item, $"{key}:{index++}", source, entries, keys);
                }

                return;
        }

        // Entries are the values, counted from 1 in file order: a key may be a value pasted in the wrong place.
        int entry = entries.Count + 1;
        string name = key.Replace(":", "__", StringComparison.Ordinal);
        if (!SecretNames.IsValid(name))
        {
            throw new CliException(
                $"{source}: entry {entry}: its key does not give a valid secret name "
                + $"({SecretNames.Rule}; ':' becomes '__', nested keys are joined). "
                + "Entries are the values counted from 1 in file order; a key is never repeated, as it could be a value.");
        }

        if (!keys.TryAdd(name, entry))
        {
            throw new CliException($"{source}: entry {entry}: its key gives the same secret name as entry {keys[name]}; keep one.");
        }

        string value = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString()!,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
            _ => "",
        };
        if (value.Length == 0)
        {
            throw new CliException(
                $"{source}: entry {entry} has {(element.ValueKind == JsonValueKind.Null ? "a null value" : "an empty value")}; "
                + "Cloudflare needs at least one character.");
        }

        entries.Add(new SecretsFileEntry(name, value, 0));
    }

    private static string FindId(CliHost host, string? projectOrId)
    {
        string? project;
        if (projectOrId is null)
        {
            project = ProjectIn(host.WorkingDirectory, "the working directory");
        }
        else
        {
            string full = Path.GetFullPath(projectOrId, host.WorkingDirectory);
            if (File.Exists(full))
            {
                project = full;
            }
            else if (Directory.Exists(full))
            {
                project = ProjectIn(full, $"'{projectOrId}'");
            }
            else if (projectOrId.EndsWith("proj", StringComparison.OrdinalIgnoreCase)
                || projectOrId.Contains('/')
                || projectOrId.Contains('\\'))
            {
                throw new CliException($"--from-user-secrets: no project file '{projectOrId}'.");
            }
            else
            {
                return ValidId(projectOrId, "--from-user-secrets");
            }
        }

        string? id = IdIn(project);
        for (DirectoryInfo? dir = new FileInfo(project).Directory; id is null && dir is not null; dir = dir.Parent)
        {
            string props = Path.Combine(dir.FullName, "Directory.Build.props");
            if (File.Exists(props))
            {
                id = IdIn(props);
                break;
            }
        }

        return id is null
            ? throw new CliException(
                $"{Path.GetFileName(project)} has no UserSecretsId "
                + "(add one with 'dotnet user-secrets init', or give the id: --from-user-secrets ID).")
            : ValidId(id, Path.GetFileName(project));
    }

    private static string ProjectIn(string directory, string what)
    {
        string[] projects = [.. ProjectPatterns.SelectMany(p => Directory.EnumerateFiles(directory, p)).Order(StringComparer.Ordinal)];
        return projects.Length switch
        {
            1 => projects[0],
            0 => throw new CliException($"No project file in {what}: give --from-user-secrets PROJECT or ID."),
            _ => throw new CliException(
                $"Several project files in {what} ({string.Join(", ", projects.Select(Path.GetFileName))}): "
                + "name one with --from-user-secrets PROJECT."),
        };
    }

    /// <summary>The last UserSecretsId property of an MSBuild file (the last one wins, as in MSBuild), or null.</summary>
    private static string? IdIn(string msbuildFile)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(msbuildFile);
        }
        catch (XmlException e)
        {
            throw new CliException($"{Path.GetFileName(msbuildFile)}:{e.LineNumber}: not valid XML.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot read '{msbuildFile}': {e.Message}");
        }

        return document.Descendants()
            .Where(e => e.Name.LocalName == "UserSecretsId" && e.Parent?.Name.LocalName == "PropertyGroup")
            .Select(e => e.Value.Trim())
            .LastOrDefault(v => v.Length > 0);
    }

    private static string ValidId(string id, string source)
    {
        if (id.Contains("$(", StringComparison.Ordinal))
        {
            throw new CliException(
                $"{source}: the UserSecretsId '{id}' is computed by MSBuild; give the id itself: --from-user-secrets ID.");
        }

        int bad = id.IndexOfAny(Path.GetInvalidFileNameChars());
        return bad < 0 && id is not ("." or "..")
            ? id
            : throw new CliException(
                $"{source}: the UserSecretsId '{id}' has a character a file name cannot hold"
                + $"{(bad >= 0 ? $" at position {bad}" : "")}.");
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
