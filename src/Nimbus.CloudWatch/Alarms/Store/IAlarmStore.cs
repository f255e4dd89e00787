using Nimbus.CloudWatch.Alarms.Model;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Alarms.Store;

/// <summary>Alarms and their history, durable. Every write is one transaction: an alarm change and its history item land together.</summary>
public interface IAlarmStore
{
    MetricAlarm? Get(AwsScope scope, string name);

    /// <summary>The scope's alarms ordered by name, after <paramref name="afterName"/> when given.</summary>
    IReadOnlyList<MetricAlarm> List(AwsScope scope, string? afterName = null);

    /// <summary>Every alarm of every scope (the evaluator's pass).</summary>
    IReadOnlyList<MetricAlarm> ListAll();

    int Count(AwsScope scope);

    /// <summary>Inserts or replaces the alarm and appends the history items.</summary>
    void Put(MetricAlarm alarm, params AlarmHistoryItem[] history);

    /// <summary>Inserts or replaces all the alarms and appends the history items in one transaction (one evaluation pass, one fsync).</summary>
    void PutMany(IReadOnlyList<MetricAlarm> alarms, IReadOnlyList<AlarmHistoryItem> history);

    void Delete(AwsScope scope, IReadOnlyList<string> names);

    void AddHistory(AlarmHistoryItem item);

    /// <summary>History items of the scope (of one alarm type when <c>alarmType</c> is set), newest first unless <paramref name="ascending"/>, continuing after id <paramref name="afterId"/>.</summary>
    IReadOnlyList<AlarmHistoryItem> History(AwsScope scope, string? alarmName, string? itemType, string? alarmType, DateTimeOffset? from,
        DateTimeOffset? to, bool ascending, long? afterId, int limit);

    /// <summary>Forgets history older than <paramref name="cutoff"/> (CloudWatch keeps 30 days).</summary>
    int TrimHistory(DateTimeOffset cutoff);
}
