namespace Nimbus.CloudWatch.Logs.Insights.Language;

internal sealed record DedupCommand(IReadOnlyList<string> Fields) : QueryCommand;
