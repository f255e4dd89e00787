namespace Nimbus.CloudWatch.Logs.Insights.Language;

/// <summary>A constant: a string, a number (double), a <see cref="System.Text.RegularExpressions.Regex"/> or a <see cref="TimeSpan"/>.</summary>
internal sealed record Literal(object Value) : Expr;
