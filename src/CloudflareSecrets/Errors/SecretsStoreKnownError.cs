using System.Net;

namespace CloudflareSecrets;

/// <summary>
/// One row of <see cref="SecretsStoreKnownErrors"/>: a condition the Secrets Store reports, the code, message token and
/// HTTP status it arrives with, whether each was seen in public evidence of the real API or inferred, and where it was seen.
/// </summary>
/// <param name="Condition">What went wrong, in words.</param>
/// <param name="Code">The <c>errors[].code</c>.</param>
/// <param name="Token">The token the <c>errors[].message</c> starts with (one of <see cref="SecretsStoreErrorTokens"/>).</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="CodeObserved">Whether the code was seen from the real API (otherwise it is inferred).</param>
/// <param name="StatusObserved">Whether the status was seen from the real API (otherwise it is inferred).</param>
/// <param name="Source">Where the evidence is.</param>
public sealed record SecretsStoreKnownError(
    string Condition,
    int Code,
    string Token,
    HttpStatusCode Status,
    bool CodeObserved,
    bool StatusObserved,
    string Source)
{
    /// <summary>Whether <paramref name="error"/> reports this condition: its message starts with <see cref="Token"/>.</summary>
    /// <remarks>The code is not compared: Cloudflare shares codes between conditions, the token is what is specific.</remarks>
    /// <param name="error">An entry of a response's <c>errors</c>.</param>
    public bool Matches(CloudflareError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return string.Equals(SecretsStoreKnownErrors.TokenOf(error.Message), Token, StringComparison.Ordinal);
    }
}
