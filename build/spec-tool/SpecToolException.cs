namespace CloudflareSecrets.SpecTool;

/// <summary>Bad input to the spec tool: the message says what is wrong, and nothing has been written.</summary>
public sealed class SpecToolException(string message, Exception? inner = null) : Exception(message, inner);
