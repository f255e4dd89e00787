namespace Nimbus.CloudWatch.Logs.Insights.Language;

/// <summary>An expression and the result field it fills: its <c>as</c> alias, or its own text as AWS names it.</summary>
internal sealed record NamedExpr(Expr Expr, string Name);
