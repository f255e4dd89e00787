namespace Nimbus.CloudWatch.Logs.Insights.Language;

/// <summary>An expression of the query language: fields, literals, operators and function calls.</summary>
internal abstract record Expr;
