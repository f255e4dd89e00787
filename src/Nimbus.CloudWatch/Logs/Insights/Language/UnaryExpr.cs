namespace Nimbus.CloudWatch.Logs.Insights.Language;

/// <summary><c>not x</c> or <c>-x</c>.</summary>
internal sealed record UnaryExpr(string Operator, Expr Operand) : Expr;
