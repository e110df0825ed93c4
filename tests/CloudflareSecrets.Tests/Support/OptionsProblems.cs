namespace CloudflareSecrets.Tests;

/// <summary>The messages of <see cref="SecretsStoreClientOptions.GetProblems"/>, for tests that assert on wording.</summary>
internal static class OptionsProblems
{
    public static IReadOnlyList<string> ProblemMessages(this SecretsStoreClientOptions options) =>
        [.. options.GetProblems().Select(problem => problem.Message)];
}
