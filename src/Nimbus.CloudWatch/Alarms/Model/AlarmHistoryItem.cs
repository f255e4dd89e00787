namespace Nimbus.CloudWatch.Alarms.Model;

/// <summary>One entry of an alarm's history (<c>AlarmHistoryItem</c>): ConfigurationUpdate, StateUpdate or Action.</summary>
public sealed record AlarmHistoryItem(
    string AccountId,
    string Region,
    string AlarmName,
    DateTimeOffset Timestamp,
    string HistoryItemType,
    string HistorySummary,
    string HistoryData)
{
    /// <summary>The store's sequence number, for pagination; 0 until stored.</summary>
    public long Id { get; init; }

    /// <summary><c>MetricAlarm</c> or <c>CompositeAlarm</c>.</summary>
    public string AlarmType { get; init; } = "MetricAlarm";
}
