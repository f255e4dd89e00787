namespace Nimbus.CloudWatch.Logs.Insights;

/// <summary>StartQuery as the service sees it: group names already resolved from names or ARNs; times in epoch seconds.</summary>
internal sealed record StartQueryCommand(IReadOnlyList<string> GroupNames, long StartTime, long EndTime, string QueryString, int? Limit);
