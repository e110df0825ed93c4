namespace CloudflareSecrets.Emulator;

/// <summary>What an injected fault (<see cref="FaultRule"/> with a <see cref="FaultRule.Status"/>) answers as its body.</summary>
public enum FaultBody
{
    /// <summary>
    /// A well-formed Cloudflare failure envelope with <see cref="FaultRule.ErrorCode"/> and
    /// <see cref="FaultRule.ErrorMessage"/> (even under a 2xx status, which makes a "success: false in a 2xx" case).
    /// </summary>
    Envelope,

    /// <summary>No body at all (<c>Content-Length: 0</c>).</summary>
    Empty,

    /// <summary>An HTML error page such as a proxy or Cloudflare's edge serves (<c>text/html</c>).</summary>
    Html,

    /// <summary>An envelope cut off in the middle, labelled <c>application/json</c>.</summary>
    TruncatedJson,

    /// <summary>A short plain-text message (<c>text/plain</c>), as some load balancers send.</summary>
    PlainText,

    /// <summary><see cref="FaultRule.CustomBody"/> verbatim, labelled <see cref="FaultRule.ContentType"/>.</summary>
    Custom,
}
