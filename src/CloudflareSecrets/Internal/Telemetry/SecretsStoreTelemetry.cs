using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace CloudflareSecrets.Internal;

/// <summary>
/// The library's traces and metrics, with no dependency beyond the runtime: an <see cref="ActivitySource"/> and a
/// <see cref="Meter"/> both named <c>CloudflareSecrets</c>, so <c>AddSource("CloudflareSecrets")</c> and
/// <c>AddMeter("CloudflareSecrets")</c> collect them. Attribute names follow OpenTelemetry's HTTP semantic conventions
/// where one exists, the rest are under <c>cloudflare.</c>. Every tag is a route template, a host, a method, a status,
/// an operation name, a count or a CF-Ray id: never an id of an account, store or secret, a value or a credential.
/// </summary>
internal static class SecretsStoreTelemetry
{
    public const string SourceName = "CloudflareSecrets";

    public const string OperationTag = "cloudflare.operation";
    public const string AttemptCountTag = "cloudflare.attempt_count";
    public const string RayIdTag = "cloudflare.ray_id";
    public const string MethodTag = "http.request.method";
    public const string UrlTemplateTag = "url.template";
    public const string ServerAddressTag = "server.address";
    public const string ServerPortTag = "server.port";
    public const string StatusCodeTag = "http.response.status_code";
    public const string ErrorTypeTag = "error.type";

    private static readonly string? Version = typeof(SecretsStoreTelemetry).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(SourceName, Version);

    public static readonly Meter Meter = new(SourceName, Version);

    /// <summary>
    /// One call from start to end, retries and rate-limit waits included (the buckets of OpenTelemetry's HTTP
    /// durations).
    /// </summary>
    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram(
        "cloudflare.secrets_store.operation.duration",
        unit: "s",
        description: "Duration of Secrets Store operations, retries and rate-limit waits included.",
        tags: null,
        advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
        });

    /// <summary>Every request sent, the first of a call included.</summary>
    public static readonly Counter<long> Attempts = Meter.CreateCounter<long>(
        "cloudflare.secrets_store.attempts",
        unit: "{attempt}",
        description: "Requests sent to the Secrets Store API, first attempts and retries.");

    /// <summary>Every repeat of a request after a failure.</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "cloudflare.secrets_store.retries", unit: "{retry}", description: "Requests repeated after a failed attempt.");

    /// <summary>Every wait before sending because the rate-limit budget was spent.</summary>
    public static readonly Histogram<double> RateLimitWait = Meter.CreateHistogram<double>(
        "cloudflare.secrets_store.rate_limit.wait.duration",
        unit: "s",
        description: "Time a request waited for the rate-limit budget before it was sent.");

    /// <summary>Starts the activity of one call, or returns null when nobody listens.</summary>
    public static Activity? StartOperation(OperationRoute route, string serverAddress, int serverPort)
    {
        Activity? activity = Source.StartActivity(route.Operation.ActivityName, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(OperationTag, route.Operation.Name);
            activity.SetTag(MethodTag, route.Operation.Method);
            activity.SetTag(UrlTemplateTag, route.PathTemplate);
            activity.SetTag(ServerAddressTag, serverAddress);
            activity.SetTag(ServerPortTag, serverPort);
        }

        return activity;
    }

    /// <summary>Ends the call: its activity's outcome and the duration metric.</summary>
    public static void EndOperation(
        Activity? activity,
        OperationRoute route,
        string serverAddress,
        long startedTimestamp,
        int attempts,
        int? status,
        string? rayId,
        Exception? failure)
    {
        string? errorType = failure is null ? null : ErrorType(failure, status);
        if (activity is not null)
        {
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(AttemptCountTag, attempts);
                if (status is { } code)
                {
                    activity.SetTag(StatusCodeTag, code);
                }

                if (rayId is not null)
                {
                    activity.SetTag(RayIdTag, rayId);
                }

                if (errorType is not null)
                {
                    activity.SetTag(ErrorTypeTag, errorType);
                }
            }

            // The description is the type only: an exception's message may quote Cloudflare's error text.
            if (failure is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, errorType);
            }

            activity.Dispose();
        }

        // A call started while nobody collected the metric has no start time (0): it records nothing.
        if (OperationDuration.Enabled && startedTimestamp != 0)
        {
            TagList tags = Tags(route.Operation, serverAddress, status, errorType);
            OperationDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tags);
        }
    }

    public static void RecordAttempt(OperationInfo operation, string serverAddress, int? status, Exception? failure)
    {
        if (Attempts.Enabled)
        {
            Attempts.Add(1, Tags(operation, serverAddress, status, failure is null ? null : ErrorType(failure, status)));
        }
    }

    public static void RecordRetry(string operation, string serverAddress)
    {
        if (Retries.Enabled)
        {
            Retries.Add(
                1,
                new KeyValuePair<string, object?>(OperationTag, operation),
                new KeyValuePair<string, object?>(ServerAddressTag, serverAddress));
        }
    }

    public static void RecordRateLimitWait(OperationInfo operation, string serverAddress, TimeSpan waited)
    {
        if (RateLimitWait.Enabled)
        {
            RateLimitWait.Record(
                waited.TotalSeconds,
                new KeyValuePair<string, object?>(OperationTag, operation.Name),
                new KeyValuePair<string, object?>(ServerAddressTag, serverAddress));
        }
    }

    /// <summary>
    /// OpenTelemetry's <c>error.type</c>: the status code when the server answered with a failure status, otherwise the
    /// exception's type (a timeout, a network failure, a refusal before sending, a 2xx that said success: false).
    /// </summary>
    private static string ErrorType(Exception failure, int? status) =>
        status is >= 400 && failure is CloudflareApiException
            ? status.Value.ToString(CultureInfo.InvariantCulture)
            : failure.GetType().FullName ?? failure.GetType().Name;

    private static TagList Tags(OperationInfo operation, string serverAddress, int? status, string? errorType)
    {
        var tags = new TagList
        {
            { OperationTag, operation.Name },
            { MethodTag, operation.Method },
            { ServerAddressTag, serverAddress },
        };
        if (status is { } code)
        {
            tags.Add(StatusCodeTag, code);
        }

        if (errorType is not null)
        {
            tags.Add(ErrorTypeTag, errorType);
        }

        return tags;
    }
}
