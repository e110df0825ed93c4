using System.Net;
using CloudflareSecrets.Cli.Output;

namespace CloudflareSecrets.Cli.Hosting;

/// <summary>
/// Turns a failure into one message on stderr and a documented exit code. Messages come from the library's typed
/// exceptions (which never hold a value or a credential) and from the tool's own checks; a stack trace never shows.
/// </summary>
internal static class ErrorReporter
{
    public static int Report(Exception exception, TextWriter error)
    {
        (int code, string message) = Describe(exception);
        // Messages may carry the server's text (error messages, names): shown, but never as terminal commands.
        error.WriteLine($"error: {TerminalText.NeutraliseLines(message)}");
        if (exception is SecretsSyncException { IsQuotaExceeded: false } sync)
        {
            string names = sync.NotDone.Count > 0
                ? " (" + string.Join(", ", sync.NotDone.Take(20).Select(c => c.Name)) + (sync.NotDone.Count > 20 ? ", ..." : "") + ")"
                : "";
            error.WriteLine(TerminalText.Neutralise(
                $"  done: {sync.Completed.Changes.Count} change(s); not done: {sync.NotDone.Count}{names}"));
            exception = sync.InnerException ?? sync;
        }

        if (exception is CloudflareApiException api)
        {
            foreach (CloudflareError e in api.Errors)
            {
                error.WriteLine(TerminalText.Neutralise($"  code {e.Code}: {e.Message}"));
            }

            // The library keeps a ray id only in Cloudflare's shape (16 hex digits, a dash and a data centre's code).
            error.WriteLine($"  CF-Ray: {api.RayId ?? "(none)"}");
        }

        error.Flush();
        return code;
    }

    private static (int Code, string Message) Describe(Exception exception) => exception switch
    {
        CliException e => (e.ExitCode, e.Message),
        SecretsSyncException e when e.IsQuotaExceeded => (ExitCodes.LimitExceeded, e.Message),
        SecretsSyncException e => (e.InnerException is { } inner ? Describe(inner).Code : ExitCodes.Failure, e.Message),
        // The account limits are known by their tokens, whatever the status (the real API answers 400 with code 1003).
        CloudflareApiException e
            when e.Is(SecretsStoreKnownErrors.MaximumSecretsExceeded) || e.Is(SecretsStoreKnownErrors.MaximumStoresExceeded) =>
            (ExitCodes.LimitExceeded, e.Message),
        CloudflareAuthenticationException e => (ExitCodes.Authentication, e.Message),
        CloudflareAuthorizationException e => (ExitCodes.Authentication, e.Message),
        CloudflareNotFoundException e => (ExitCodes.NotFound, e.Message),
        CloudflareConflictException e => (
            ExitCodes.Conflict,
            e.Is(SecretsStoreKnownErrors.StoreNotEmpty) ? e.Message + " (use --force to delete its secrets too)" : e.Message),
        CloudflareRateLimitException e => (
            ExitCodes.RateLimited,
            e.RetryAfter is { } wait ? $"{e.Message} Retry after {wait.TotalSeconds:0} s." : e.Message),
        CloudflareApiException e => (e.StatusCode == HttpStatusCode.Unauthorized ? ExitCodes.Authentication : ExitCodes.Failure, e.Message),
        ArgumentException e => (ExitCodes.Usage, e.Message),
        HttpRequestException e => (ExitCodes.Failure, $"Cannot reach the API: {e.Message}"),
        TimeoutException e => (ExitCodes.Failure, e.Message),
        OperationCanceledException => (ExitCodes.Cancelled, "Cancelled."),
        _ => (ExitCodes.Failure, $"Unexpected {exception.GetType().Name}: {exception.Message}"),
    };
}
