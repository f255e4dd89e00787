namespace Nimbus.CloudWatch.Logs.Insights.Language;

internal sealed record LimitCommand(int Count) : QueryCommand;
