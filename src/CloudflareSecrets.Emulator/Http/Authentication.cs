using CloudflareSecrets.Emulator.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CloudflareSecrets.Emulator.Http;

/// <summary>
/// Cloudflare's two credential kinds: an API token (<c>Authorization: Bearer</c>) or a global API key
/// (<c>X-Auth-Email</c> + <c>X-Auth-Key</c>). Every request needs exactly one of them.
/// </summary>
internal sealed class Authentication(EmulatorSettings settings)
{
    private const string EmailHeader = "X-Auth-Email";
    private const string KeyHeader = "X-Auth-Key";

    public static AuthKind Detect(HttpRequest request)
    {
        bool token = !StringValues.IsNullOrEmpty(request.Headers.Authorization);
        bool key = !StringValues.IsNullOrEmpty(request.Headers[EmailHeader]) || !StringValues.IsNullOrEmpty(request.Headers[KeyHeader]);
        return (token, key) switch
        {
            (true, true) => AuthKind.Conflicting,
            (true, false) => AuthKind.ApiToken,
            (false, true) => AuthKind.GlobalApiKey,
            _ => AuthKind.None,
        };
    }

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        HttpRequest request = context.Request;
        switch (RequestContext.Get(context).AuthKind)
        {
            case AuthKind.Conflicting:
                throw InvalidHeaders("send either Authorization (API token) or X-Auth-Email with X-Auth-Key (global API key), not both");
            case AuthKind.ApiToken:
                string authorization = request.Headers.Authorization.ToString();
                const string scheme = "Bearer ";
                if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length == scheme.Length)
                {
                    throw InvalidHeaders("Invalid format for Authorization header: expected 'Bearer <token>'");
                }

                if (!settings.ApiTokens.Contains(authorization[scheme.Length..].Trim()))
                {
                    throw AuthenticationError();
                }

                break;
            case AuthKind.GlobalApiKey:
                string email = request.Headers[EmailHeader].ToString();
                string key = request.Headers[KeyHeader].ToString();
                if (email.Length == 0 || key.Length == 0)
                {
                    throw InvalidHeaders("X-Auth-Email and X-Auth-Key must be sent together");
                }

                if (!settings.GlobalApiKeys.TryGetValue(email, out string? expected)
                    || !string.Equals(expected, key, StringComparison.Ordinal))
                {
                    throw AuthenticationError();
                }

                break;
            default:
                throw AuthenticationError();
        }

        return next(context);
    }

    private static ApiErrorException AuthenticationError() =>
        ApiErrorException.Single(StatusCodes.Status401Unauthorized, EmulatorErrorCodes.AuthenticationError, "Authentication error");

    private static ApiErrorException InvalidHeaders(string detail) =>
        ApiErrorException.Single(
            StatusCodes.Status400BadRequest, EmulatorErrorCodes.InvalidRequestHeaders, "Invalid request headers: " + detail);
}
