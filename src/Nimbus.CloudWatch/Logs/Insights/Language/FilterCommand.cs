namespace Nimbus.CloudWatch.Logs.Insights.Language;

internal sealed record FilterCommand(Expr Condition) : QueryCommand;
