using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CloudflareSecrets.Tests.Resilience.Support;

/// <summary>One measurement of an instrument, with its tags.</summary>
public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

/// <summary>
/// Listens to the "CloudflareSecrets" ActivitySource and Meter as an OpenTelemetry exporter would, keeping only what
/// concerns <see cref="Host"/> (a host of its own), so tests running at the same time do not mix in.
/// </summary>
public sealed class TelemetryRecorder : IDisposable
{
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public TelemetryRecorder()
    {
        Host = $"telemetry-{Guid.NewGuid():N}.example";
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "CloudflareSecrets",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("server.address"), Host))
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);

        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "CloudflareSecrets")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
    }

    /// <summary>The host the client under test must use.</summary>
    public string Host { get; }

    public IReadOnlyList<Activity> Activities => [.. _stopped];

    public IReadOnlyList<Measurement> Measurements => [.. _measurements];

    public Measurement Single(string instrument)
    {
        Measurement[] found = [.. _measurements.Where(m => m.Instrument == instrument)];
        Assert.That(found, Has.Length.EqualTo(1), instrument);
        return found[0];
    }

    public double Sum(string instrument) => _measurements.Where(m => m.Instrument == instrument).Sum(m => m.Value);

    /// <summary>
    /// Fails when any tag, activity name, status description or event of what was recorded holds one of
    /// <paramref name="secrets"/>.
    /// </summary>
    public void AssertNoTagHolds(params string[] secrets)
    {
        var texts = new List<string>();
        foreach (Activity activity in _stopped)
        {
            texts.Add(activity.OperationName);
            texts.Add(activity.DisplayName);
            texts.Add(activity.StatusDescription ?? string.Empty);
            texts.AddRange(activity.TagObjects.Select(t => $"{t.Key}={t.Value}"));
            texts.AddRange(activity.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")));
        }

        texts.AddRange(_measurements.SelectMany(m => m.Tags.Select(t => $"{m.Instrument}:{t.Key}={t.Value}")));
        Assert.That(texts, Is.Not.Empty);
        foreach (string secret in secrets)
        {
            Assert.That(texts, Has.None.Contains(secret), "no telemetry text holds " + secret);
        }
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            map[tag.Key] = tag.Value;
        }

        if (Equals(map.GetValueOrDefault("server.address"), Host))
        {
            _measurements.Enqueue(new Measurement(instrument.Name, value, map));
        }
    }
}
