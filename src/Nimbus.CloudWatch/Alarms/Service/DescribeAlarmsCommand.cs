namespace Nimbus.CloudWatch.Alarms.Service;

/// <summary>DescribeAlarms' filters and paging.</summary>
public sealed record DescribeAlarmsCommand(
    IReadOnlyList<string> AlarmNames,
    string? AlarmNamePrefix,
    IReadOnlyList<string> AlarmTypes,
    string? ChildrenOfAlarmName,
    string? ParentsOfAlarmName,
    string? StateValue,
    string? ActionPrefix,
    int? MaxRecords,
    string? NextToken);
