using Nimbus.CloudWatch.Logs.Model;

namespace Nimbus.CloudWatch.Logs.Insights.Engine;

/// <summary>
/// One record flowing through a query: its fields by name (case-sensitive) and, while it is still a log event
/// rather than a <c>stats</c> group, the event it came from (for <c>@ptr</c>).
/// </summary>
internal sealed class QueryRow
{
    public QueryRow(Dictionary<string, object?> fields, ScannedEvent? source)
    {
        Fields = fields;
        Source = source;
    }

    public Dictionary<string, object?> Fields { get; }

    public ScannedEvent? Source { get; }

    public object? this[string name] => Fields.GetValueOrDefault(name);

    /// <summary>Epoch milliseconds of the event (for <c>bin</c>, <c>earliest</c>, <c>latest</c>); 0 for groups.</summary>
    public long TimestampMs => Source?.Event.Timestamp ?? 0;
}
