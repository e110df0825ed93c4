using System.Net;

namespace CloudflareSecrets.Internal;

/// <summary>An answer the client turns into a public exception (<see cref="ErrorMapper.Create"/>).</summary>
/// <param name="Operation">The operation's name, for the message.</param>
/// <param name="Status">The HTTP status (200 for a 2xx that failed).</param>
/// <param name="RayId">The answer's CF-Ray id, when it had a well-formed one.</param>
internal sealed record ApiFailure(string Operation, HttpStatusCode Status, string? RayId)
{
    /// <summary>Cloudflare's <c>errors</c> array, masked.</summary>
    public IReadOnlyList<CloudflareError> Errors { get; init; } = [];

    /// <summary>Cloudflare's <c>messages</c> array, masked.</summary>
    public IReadOnlyList<CloudflareError> Messages { get; init; } = [];

    /// <summary>The wait a 429 asked for.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>What the message adds after the status and errors (why a 2xx failed, say).</summary>
    public string? Detail { get; init; }
}
