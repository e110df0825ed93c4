namespace CloudflareSecrets;

/// <summary>One entry of a Cloudflare response's <c>errors</c> (or <c>messages</c>) array.</summary>
/// <param name="Code">Cloudflare's numeric code (1000 or more).</param>
/// <param name="Message">Cloudflare's text.</param>
/// <param name="DocumentationUrl">A link to documentation, when given.</param>
/// <param name="SourcePointer">A JSON pointer to the part of the request the error is about, when given.</param>
public sealed record CloudflareError(int Code, string Message, string? DocumentationUrl = null, string? SourcePointer = null)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}
