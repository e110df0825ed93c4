using CloudflareSecrets.Cli.Files;
using CloudflareSecrets.Cli.Tests.Support;

namespace CloudflareSecrets.Cli.Tests;

/// <summary>
/// <c>push --from-user-secrets</c>: a .NET project's <c>dotnet user-secrets</c> store, found as the .NET tooling finds it.
/// </summary>
public sealed class UserSecretsPushTests : CliEmulatorTests
{
    private const string Id = "b2f1c9a4-5e7d-4c3b-9a8f-0d1e2f3a4b5c";

    private string _root = "";

    [SetUp]
    public void NewFolders()
    {
        _root = Path.Combine(TestContext.CurrentContext.WorkDirectory, "user-secrets-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_root, "home"));
        Directory.CreateDirectory(Path.Combine(_root, "repo", "src", "App"));
        Environment["HOME"] = Path.Combine(_root, "home");
    }

    [TearDown]
    public void DeleteFolders() => Directory.Delete(_root, recursive: true);

    private string ProjectDir => Path.Combine(_root, "repo", "src", "App");

    private void WriteProject(string? id, string name = "App.csproj") =>
        File.WriteAllText(Path.Combine(ProjectDir, name), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                {(id is null ? "" : $"<UserSecretsId>{id}</UserSecretsId>")}
              </PropertyGroup>
            </Project>
            """);

    private string WriteSecrets(string json, string? root = null, params string[] folders)
    {
        string dir = Path.Combine(
            [root ?? Path.Combine(_root, "home"), .. folders.Length > 0 ? folders : [".microsoft", "usersecrets"], Id]);
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "secrets.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Test]
    public async Task NestedAndColonKeysBecomeDoubleUnderscoreNames()
    {
        SecretStore store = await NewStoreAsync();
        WriteProject(Id);
        WriteSecrets($$"""
            {
              "ConnectionStrings:Default": "{{Sentinel}}-db",
              "Stripe": { "ApiKey": "{{Sentinel}}-stripe", "Webhooks": ["{{Sentinel}}-w0"] },
              "Retries": 3
            }
            """);

        CliResult result = await RunAsync("push", "--from-user-secrets", ProjectDir, "--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(Json.Names(Json.Parse(result.Stdout).GetProperty("changes")).Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { "ConnectionStrings__Default", "Retries", "Stripe__ApiKey", "Stripe__Webhooks__0" }));
        Secret db = (await Client.FindSecretByNameAsync(store.Id, "ConnectionStrings__Default"))!;
        Assert.That(StoredValue(store.Id, db.Id), Is.EqualTo(Sentinel + "-db"));
        Secret retries = (await Client.FindSecretByNameAsync(store.Id, "Retries"))!;
        Assert.That(StoredValue(store.Id, retries.Id), Is.EqualTo("3"));
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    [Test]
    public async Task TheProjectFileTheDirectoryOrTheIdAllFindTheSameStore()
    {
        await NewStoreAsync();
        WriteProject(Id);
        WriteSecrets($"{{\"A\": \"{Sentinel}\"}}");

        CliResult byFile = await RunAsync("push", "--from-user-secrets", Path.Combine(ProjectDir, "App.csproj"), "--dry-run");
        CliResult byId = await RunAsync("push", "--from-user-secrets", Id, "--dry-run");

        Assert.That(byFile.ExitCode, Is.EqualTo(0), byFile.ToString());
        Assert.That(byId.ExitCode, Is.EqualTo(0), byId.ToString());
        Assert.That(byFile.Stdout, Does.Contain("1 to create"));
        Assert.That(byId.Stdout, Is.EqualTo(byFile.Stdout));
    }

    [Test]
    public async Task TheIdMayComeFromDirectoryBuildProps()
    {
        await NewStoreAsync();
        WriteProject(null);
        File.WriteAllText(
            Path.Combine(_root, "repo", "Directory.Build.props"),
            $"<Project><PropertyGroup><UserSecretsId>{Id}</UserSecretsId></PropertyGroup></Project>");
        WriteSecrets($"{{\"A\": \"{Sentinel}\"}}");

        CliResult result = await RunAsync("push", "--from-user-secrets", ProjectDir, "--dry-run");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.Contain("1 to create"));
    }

    [Test]
    public async Task WithAppDataSetTheWindowsLocationIsRead()
    {
        await NewStoreAsync();
        string appData = Path.Combine(_root, "appdata");
        Environment["APPDATA"] = appData;
        WriteSecrets($"{{\"FROM_APPDATA\": \"{Sentinel}\"}}", appData, "Microsoft", "UserSecrets");
        WriteSecrets($"{{\"FROM_HOME\": \"{Sentinel}\"}}");

        CliResult result = await RunAsync("push", "--from-user-secrets", Id, "--dry-run", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(Json.Names(Json.Parse(result.Stdout).GetProperty("changes")), Is.EqualTo(new[] { "FROM_APPDATA" }));
    }

    [TestCase("{\"Ok\": \"SENTINEL\", \"Bad Key\": \"SENTINEL\"}", "entry 2: its key does not give a valid secret name")]
    [TestCase("{\"A:B\": \"SENTINEL\", \"A\": {\"B\": \"SENTINEL\"}}", "entry 2: its key gives the same secret name as entry 1")]
    [TestCase("{\"Empty\": \"\", \"Other\": \"SENTINEL\"}", "entry 1 has an empty value")]
    [TestCase("{\"Null\": null}", "entry 1 has a null value")]
    [TestCase("{\"A\": \"SENTINEL\",, }", "not valid JSON")]
    public async Task ABadSecretsFileIsAnErrorNamingTheKeyNeverTheValue(string json, string message)
    {
        WriteProject(Id);
        WriteSecrets(json.Replace("SENTINEL", Sentinel, StringComparison.Ordinal));

        CliResult result = await RunAsync("push", "--from-user-secrets", ProjectDir);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain(message));
        Assert.That(Requests(), Is.Empty);
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel));
    }

    // A value pasted where a key belongs is never repeated, whichever check it fails, nested or not. BAD stands for a
    // pasted value that is no valid name (it holds a space); GOOD for one that is, and so fails a later check.
    [TestCase("{\"A\": \"a\", \"BAD\": \"v\"}", "entry 2: its key does not give a valid secret name")]
    [TestCase("{\"A\": \"a\", \"Outer\": {\"BAD\": \"v\"}}", "entry 2: its key does not give a valid secret name")]
    [TestCase("{\"A\": \"a\", \"GOOD\": \"\"}", "entry 2 has an empty value")]
    [TestCase("{\"A\": \"a\", \"GOOD\": null}", "entry 2 has a null value")]
    [TestCase("{\"A\": \"a\", \"X:GOOD\": \"v\", \"X\": {\"GOOD\": \"w\"}}", "entry 3: its key gives the same secret name as entry 2")]
    public async Task AValueUsedAsAKeyNeverAppears(string json, string message)
    {
        string good = Sentinel.Replace("-", "_", StringComparison.Ordinal);
        WriteProject(Id);
        WriteSecrets(json.Replace("BAD", Sentinel + " pasted", StringComparison.Ordinal).Replace("GOOD", good, StringComparison.Ordinal));

        CliResult result = await RunAsync("push", "--from-user-secrets", ProjectDir);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain(message));
        Assert.That(Requests(), Is.Empty);
        Assert.That(result.AllOutput, Does.Not.Contain(Sentinel).And.Not.Contain(good).And.Not.Contain("pasted"));
    }

    [Test]
    public async Task ASecretsFileOverThePushCeilingIsRefusedWithItsSize()
    {
        WriteProject(Id);
        string path = WriteSecrets("{}");
        await using (FileStream stream = File.OpenWrite(path))
        {
            stream.SetLength(BoundedInput.MaxPushFileBytes + 1L);
        }

        CliResult result = await RunAsync("push", "--from-user-secrets", ProjectDir);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain($"larger than {BoundedInput.MaxPushFileBytes:N0} bytes"));
        Assert.That(Requests(), Is.Empty);
    }

    [Test]
    public async Task AProjectWithoutAnIdOrWithoutSecretsSaysWhatToDo()
    {
        WriteProject(null);
        CliResult noId = await RunAsync("push", "--from-user-secrets", ProjectDir);
        WriteProject(Id);
        CliResult noFile = await RunAsync("push", "--from-user-secrets", ProjectDir);
        WriteProject(Id, "Second.fsproj");
        CliResult two = await RunAsync("push", "--from-user-secrets", ProjectDir);
        CliResult noProject = await RunAsync("push", "--from-user-secrets", Path.Combine(_root, "missing", "App.csproj"));
        CliResult here = await RunAsync("push", "--from-user-secrets");

        Assert.That(noId.Stderr, Does.Contain("App.csproj has no UserSecretsId").And.Contain("dotnet user-secrets init"));
        Assert.That(noFile.Stderr, Does.Contain($"The user secrets '{Id}' have no file")
            .And.Contain(Path.Combine(".microsoft", "usersecrets", Id, "secrets.json")));
        Assert.That(two.Stderr, Does.Contain("Several project files").And.Contain("App.csproj, Second.fsproj"));
        Assert.That(noProject.Stderr, Does.Contain("no project file"));
        Assert.That(here.Stderr, Does.Contain("No project file in the working directory"));
        Assert.That(new[] { noId, noFile, two, noProject, here }.Select(r => r.ExitCode), Is.All.EqualTo(2));
        Assert.That(Requests(), Is.Empty);
    }
}
