namespace Nimbus.CloudWatch.Logs.Insights.Language;

/// <summary>
/// A binary operator: <c>and</c>, <c>or</c>, comparisons (<c>= != &lt; &lt;= &gt; &gt;=</c>), arithmetic
/// (<c>+ - * / % ^</c>), <c>like</c> (substring or regex) and <c>=~</c> (regex). <c>not like</c> is a negated <c>like</c>.
/// </summary>
internal sealed record BinaryExpr(string Operator, Expr Left, Expr Right) : Expr;
