using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CloudflareSecrets.Tests.Resilience.Support;

/// <summary>One captured log event: its formatted message, every state value and every scope it was written in.</summary>
public sealed record LogEntry(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    IReadOnlyList<KeyValuePair<string, object?>> State,
    IReadOnlyList<string> Scopes,
    string? Exception)
{
    /// <summary>Everything the event could show to a log sink, as one text.</summary>
    public string AllText =>
        string.Join(
            "\n",
            new[] { Category, Message, Exception ?? string.Empty }
                .Concat(State.Select(p => $"{p.Key}={Format(p.Value)}"))
                .Concat(Scopes));

    public object? this[string key] => State.FirstOrDefault(p => p.Key == key).Value;

    public override string ToString() => $"[{Level} {EventId.Id} {Category}] {Message}";

    internal static string Format(object? value) => value switch
    {
        null => "(null)",
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(Format)),
        _ => value.ToString() ?? string.Empty,
    };
}

/// <summary>A logger provider that keeps every event at every level, with the scopes (such as IHttpClientFactory's) around it.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            List<KeyValuePair<string, object?>> values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToList() : [];
            var scopes = new List<string>();
            provider._scopes.ForEachScope(
                static (scope, list) =>
                {
                    list.Add(scope?.ToString() ?? string.Empty);
                    if (scope is IEnumerable<KeyValuePair<string, object?>> scopeValues)
                    {
                        list.AddRange(scopeValues.Select(p => $"{p.Key}={LogEntry.Format(p.Value)}"));
                    }
                },
                scopes);
            provider._entries.Enqueue(
                new LogEntry(category, logLevel, eventId, formatter(state, exception), values, scopes, exception?.ToString()));
        }
    }
}
