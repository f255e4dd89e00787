namespace Nimbus.CloudWatch.Logs.Insights.Language;

/// <summary>
/// A function call. Aggregates (<c>count</c>, <c>avg</c>, <c>pct</c> …) appear only in <c>stats</c>; each call is its
/// own accumulator, so calls compare by reference, not by value.
/// </summary>
internal sealed record CallExpr(string Name, IReadOnlyList<Expr> Arguments, bool IsAggregate) : Expr
{
    public bool Equals(CallExpr? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
