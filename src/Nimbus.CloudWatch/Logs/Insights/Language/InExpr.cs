namespace Nimbus.CloudWatch.Logs.Insights.Language;

/// <summary><c>x in [a, b]</c> or <c>x not in [a, b]</c>.</summary>
internal sealed record InExpr(Expr Value, IReadOnlyList<Expr> Items, bool Negated) : Expr;
