using System.Net;

namespace CloudflareSecrets.Internal;

/// <summary>What a call brings back: the envelope, and the status and CF-Ray of the answer it came in.</summary>
internal readonly record struct CallResult<TEnvelope>(TEnvelope Envelope, OperationInfo Operation, HttpStatusCode Status, string? RayId)
{
    /// <summary>Makes the exception for an envelope that lacks what the operation needs, with this answer's status and CF-Ray.</summary>
    public MalformedResponse Malformed => new(Operation.Name, Status, RayId);
}
