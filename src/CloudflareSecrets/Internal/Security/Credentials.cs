using System.Net.Http.Headers;

namespace CloudflareSecrets.Internal;

/// <summary>
/// One kind of Cloudflare credential: an API token (sent as a bearer token) or an email plus a global API key.
/// <see cref="ToString"/> never shows a credential.
/// </summary>
internal sealed class Credentials
{
    private readonly AuthenticationHeaderValue? _bearer;
    private readonly string? _email;
    private readonly string? _key;

    private Credentials(AuthenticationHeaderValue? bearer, string? email, string? key)
    {
        _bearer = bearer;
        _email = email;
        _key = key;
        Masked = new[] { bearer?.Parameter, email, key }.Where(v => !string.IsNullOrEmpty(v)).ToArray()!;
    }

    public static Credentials From(SecretsStoreClientOptions options) =>
        !string.IsNullOrEmpty(options.ApiToken)
            ? new Credentials(new AuthenticationHeaderValue("Bearer", options.ApiToken), null, null)
            : new Credentials(null, options.Email, options.ApiKey);

    public bool IsToken => _bearer is not null;

    /// <summary>The credential strings, to be masked wherever a server's text could echo them (the request headers carry them).</summary>
    public IReadOnlyCollection<string> Masked { get; }

    /// <summary>A one-way hash of the credential and server, naming its shared rate-limit state without holding the credential.</summary>
    public static string RateLimitKey(SecretsStoreClientOptions options)
    {
        string material = $"{options.NormalizedBaseUrl}\n{options.ApiToken}\n{options.Email}\n{options.ApiKey}";
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(material)));
    }

    public void Apply(HttpRequestMessage request)
    {
        if (_bearer is not null)
        {
            request.Headers.Authorization = _bearer;
        }
        else
        {
            request.Headers.TryAddWithoutValidation("X-Auth-Email", _email);
            request.Headers.TryAddWithoutValidation("X-Auth-Key", _key);
        }
    }

    public override string ToString() => IsToken ? "API token (***)" : "email + global API key (***)";
}
