namespace Nimbus.CloudWatch.Logs.Insights.Language;

internal sealed record FieldsCommand(IReadOnlyList<NamedExpr> Fields) : QueryCommand;
