namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>DescribeAlarmHistory's filters and paging.</summary>
public sealed record DescribeAlarmHistoryCommand(
    string? AlarmName,
    IReadOnlyList<string> AlarmTypes,
    string? HistoryItemType,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate,
    int? MaxRecords,
    string? NextToken,
    string? ScanBy);
