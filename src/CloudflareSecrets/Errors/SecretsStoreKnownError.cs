using System.Net;

namespace CloudflareSecrets;

/// <summary>
/// One row of <see cref="SecretsStoreKnownErrors"/>: a condition the Secrets Store reports, and the code, message token
/// and HTTP status it arrives with. Test for it with <see cref="CloudflareApiException.Is"/>. Where each was seen (or
/// whether it is inferred) is documented in the table of known errors (docs/errors.md), not here: a new observation is not an
/// API change.
/// </summary>
public sealed record SecretsStoreKnownError
{
    internal SecretsStoreKnownError(
        string condition, int code, string token, HttpStatusCode status, bool codeObserved, bool statusObserved, string source)
    {
        Condition = condition;
        Code = code;
        Token = token;
        Status = status;
        CodeObserved = codeObserved;
        StatusObserved = statusObserved;
        Source = source;
    }

    /// <summary>What went wrong, in words.</summary>
    public string Condition { get; }

    /// <summary>The <c>errors[].code</c> it arrives with. Cloudflare shares codes between conditions: the token tells them apart.</summary>
    public int Code { get; }

    /// <summary>The token the <c>errors[].message</c> starts with, such as <c>secret_not_found</c>.</summary>
    public string Token { get; }

    /// <summary>The HTTP status it arrives with.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>Whether the code was seen from the real API (otherwise it is inferred).</summary>
    internal bool CodeObserved { get; }

    /// <summary>Whether the status was seen from the real API (otherwise it is inferred).</summary>
    internal bool StatusObserved { get; }

    /// <summary>Where the evidence is.</summary>
    internal string Source { get; }

    /// <summary>Whether <paramref name="error"/> reports this condition: its message starts with <see cref="Token"/>.</summary>
    /// <remarks>The code is not compared: Cloudflare shares codes between conditions, the token is what is specific.</remarks>
    /// <param name="error">An entry of a response's <c>errors</c>.</param>
    internal bool Matches(CloudflareError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return string.Equals(SecretsStoreKnownErrors.TokenOf(error.Message), Token, StringComparison.Ordinal);
    }
}
