namespace CloudflareSecrets.Generated;

/// <summary>
/// Thrown by the generated raw client for a status it does not treat as success. It stays internal: the facade
/// turns it into a public <c>CloudflareApiException</c>. Its message never holds the body.
/// </summary>
internal class SecretsStoreRawException : Exception
{
    public SecretsStoreRawException(
        string message,
        int statusCode,
        string? response,
        IReadOnlyDictionary<string, IEnumerable<string>> headers,
        Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Response = response;
        // The generated code hands over a view of the response's headers; the exception outlives the response.
        Headers = CloudflareSecrets.Internal.ResponseHeaders.Snapshot(headers);
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The response body as text, when the generated code read it (never put into a message).</summary>
    public string? Response { get; }

    /// <summary>The response and content headers.</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }
}

/// <summary>A <see cref="SecretsStoreRawException"/> whose body parsed as the declared failure schema.</summary>
internal sealed class SecretsStoreRawException<TResult> : SecretsStoreRawException
{
    public SecretsStoreRawException(
        string message,
        int statusCode,
        string? response,
        IReadOnlyDictionary<string, IEnumerable<string>> headers,
        TResult result,
        Exception? innerException)
        : base(message, statusCode, response, headers, innerException)
    {
        Result = result;
    }

    /// <summary>The parsed failure body.</summary>
    public TResult Result { get; }
}
