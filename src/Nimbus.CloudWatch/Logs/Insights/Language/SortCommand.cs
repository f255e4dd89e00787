namespace Nimbus.CloudWatch.Logs.Insights.Language;

internal sealed record SortCommand(IReadOnlyList<SortKey> Keys) : QueryCommand;
