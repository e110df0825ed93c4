using System.Text;
using CloudflareSecrets.Emulator.Http;

namespace CloudflareSecrets.Emulator.Model;

/// <summary>
/// A broken field rule: the code and message to answer with. Conditions Cloudflare reports with its own token come
/// from <see cref="SecretsStoreKnownErrors"/>; the emulator's stricter extras are <c>validation_error</c> (1000).
/// </summary>
internal sealed record Problem(int Code, string Message)
{
    public static Problem Known(SecretsStoreKnownError error, string? detail = null) =>
        new(error.Code, detail is null ? error.Token : $"{error.Token}: {detail}");

    public static Problem Validation(string message) => new(EmulatorErrorCodes.ValidationFailed, "validation_error: " + message);

    public ApiMessage ToMessage(string? pointer) => new(Code, Message) { Source = pointer is null ? null : new ApiMessageSource(pointer) };
}

/// <summary>
/// Field rules shared by request bodies and seed data. Each returns the <see cref="Problem"/> (never quoting a value)
/// or <see langword="null"/> when the field is acceptable.
/// </summary>
internal static class SecretRules
{
    public static Problem? CheckSecretName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Problem.Known(SecretsStoreKnownErrors.SecretNameEmpty);
        }

        // Cloudflare's documentation: a secret name cannot contain spaces.
        return name.Any(char.IsWhiteSpace) ? Problem.Validation("name must not contain whitespace") : null;
    }

    public static Problem? CheckStoreName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? Problem.Validation("name must not be empty or whitespace") : null;

    public static Problem? CheckValue(string value) =>
        Encoding.UTF8.GetByteCount(value) > SecretsStoreLimits.MaxValueBytes
            ? Problem.Known(SecretsStoreKnownErrors.SecretValueTooLong)
            : null;

    public static Problem? CheckScopes(IReadOnlyList<string>? scopes, IReadOnlySet<string> accepted)
    {
        if (scopes is null || scopes.Count == 0)
        {
            return Problem.Known(SecretsStoreKnownErrors.SecretScopesEmpty);
        }

        // The real API refuses services it does not know; the client deliberately does not (Cloudflare adds services).
        return scopes.Any(scope => !accepted.Contains(scope.Trim())) ? Problem.Known(SecretsStoreKnownErrors.SecretScopeInvalid) : null;
    }

    /// <summary>
    /// The scopes as responses show them: each once, sorted alphabetically (ordinal) whatever the request's order.
    /// Observed: terraform-provider-cloudflare's secrets store secret acceptance test, run against the live API, sends
    /// <c>["workers", "ai_gateway"]</c> and reads them back sorted.
    /// </summary>
    public static IReadOnlyList<string> NormalizeScopes(IReadOnlyList<string> scopes) =>
        scopes.Select(scope => scope.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    public static string? CheckId(string id, string what)
    {
        if (string.IsNullOrEmpty(id))
        {
            return $"{what} must not be empty";
        }

        return id.Length > SecretsStoreLimits.MaxIdLength
            ? $"{what} must be at most {SecretsStoreLimits.MaxIdLength} characters (got {id.Length})"
            : null;
    }

    public static void ThrowIfInvalidId(string id, string what)
    {
        if (CheckId(id, what) is { } problem)
        {
            throw ApiErrorException.Validation(problem);
        }
    }
}
