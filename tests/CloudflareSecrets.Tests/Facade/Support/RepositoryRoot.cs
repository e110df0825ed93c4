namespace CloudflareSecrets.Tests.Facade.Support;

/// <summary>The repository's root folder, found above the test assembly by its solution file.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "CloudflareSecrets.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("CloudflareSecrets.sln not found above " + AppContext.BaseDirectory);
    }
}
