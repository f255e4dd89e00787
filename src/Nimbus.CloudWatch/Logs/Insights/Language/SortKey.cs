namespace Nimbus.CloudWatch.Logs.Insights.Language;

internal sealed record SortKey(Expr Expr, bool Descending);
