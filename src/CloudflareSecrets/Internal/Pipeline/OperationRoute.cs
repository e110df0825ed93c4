namespace CloudflareSecrets.Internal;

/// <summary>
/// An operation's route on one server, as logs and telemetry show it: templates with <c>{account_id}</c> and friends in
/// place of the ids, so the events of one operation group together and no id reaches a metric's dimensions.
/// </summary>
internal sealed class OperationRoute(OperationInfo operation, Uri baseUrl)
{
    public OperationInfo Operation { get; } = operation;

    /// <summary>The absolute URL template (for log events): <c>https://api.cloudflare.com/client/v4/accounts/{account_id}/secrets_store/quota</c>.</summary>
    public string UrlTemplate { get; } = baseUrl.AbsoluteUri + operation.Route;

    /// <summary>The path template (OpenTelemetry's <c>url.template</c>): <c>/client/v4/accounts/{account_id}/secrets_store/quota</c>.</summary>
    public string PathTemplate { get; } = baseUrl.AbsolutePath + operation.Route;
}
