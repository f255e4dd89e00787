namespace Nimbus.CloudWatch.Logs.Insights.Language;

/// <summary><c>stats</c>: <see cref="Aggregates"/> are the aggregate calls inside <see cref="Items"/>, in order.</summary>
internal sealed record StatsCommand(IReadOnlyList<NamedExpr> Items, IReadOnlyList<NamedExpr> GroupBy, IReadOnlyList<CallExpr> Aggregates) : QueryCommand;
