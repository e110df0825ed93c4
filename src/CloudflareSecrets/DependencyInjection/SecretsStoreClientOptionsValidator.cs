using Microsoft.Extensions.Options;

namespace CloudflareSecrets.Internal;

/// <summary>Validates the options at startup (<c>ValidateOnStart</c>), with the same rules as the client's constructor.</summary>
internal sealed class SecretsStoreClientOptionsValidator : IValidateOptions<SecretsStoreClientOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretsStoreClientOptions options)
    {
        IReadOnlyList<SecretsStoreOptionsProblem> problems = options.GetProblems();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(problem => problem.Message));
    }
}
