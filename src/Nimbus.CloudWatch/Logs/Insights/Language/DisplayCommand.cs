namespace Nimbus.CloudWatch.Logs.Insights.Language;

internal sealed record DisplayCommand(IReadOnlyList<string> Fields) : QueryCommand;
