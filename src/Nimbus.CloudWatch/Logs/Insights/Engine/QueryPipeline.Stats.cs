using Nimbus.CloudWatch.Logs.Insights.Language;

namespace Nimbus.CloudWatch.Logs.Insights.Engine;

internal static partial class QueryPipeline
{
    /// <summary>
    /// <c>stats … by …</c>: one accumulator per aggregate call per group; then one row per group with the group
    /// fields and each item, evaluated in order so an item can use an earlier item's name
    /// (<c>max(a) as x, min(b) as y, x - y as d</c>). Without <c>sort</c>, groups come in ascending key order.
    /// </summary>
    private static IEnumerable<QueryRow> Aggregate(IEnumerable<QueryRow> rows, StatsCommand stats)
    {
        var groups = new Dictionary<string, (object?[] Keys, AggregateState[] States)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var keys = stats.GroupBy.Select(g => ExpressionEvaluator.Evaluate(g.Expr, row)).ToArray();
            var id = string.Join('\u0001', keys.Select(k => QueryValues.ToText(k) ?? "\u0002"));
            if (!groups.TryGetValue(id, out var group))
            {
                group = (keys, stats.Aggregates.Select(NewState).ToArray());
                groups[id] = group;
            }
            for (var i = 0; i < stats.Aggregates.Count; i++)
            {
                var call = stats.Aggregates[i];
                var countAll = call.Name == "count" && call.Arguments.Count == 0;
                group.States[i].Add(countAll ? null : ExpressionEvaluator.Evaluate(call.Arguments[0], row), row.TimestampMs, countAll);
            }
        }
        // stats without by over no records still answers (count 0), as AWS does.
        if (groups.Count == 0 && stats.GroupBy.Count == 0)
        {
            groups[""] = ([], stats.Aggregates.Select(NewState).ToArray());
        }

        var ordered = groups.Values.ToList();
        ordered.Sort((a, b) =>
        {
            for (var i = 0; i < a.Keys.Length; i++)
            {
                var order = QueryValues.SortCompare(a.Keys[i], b.Keys[i], descending: false);
                if (order != 0)
                {
                    return order;
                }
            }
            return 0;
        });
        foreach (var (keys, states) in ordered)
        {
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++)
            {
                fields[stats.GroupBy[i].Name] = keys[i];
            }
            var results = new Dictionary<CallExpr, object?>();
            for (var i = 0; i < states.Length; i++)
            {
                results[stats.Aggregates[i]] = states[i].Result();
            }
            var row = new QueryRow(fields, null);
            foreach (var item in stats.Items)
            {
                fields[item.Name] = ExpressionEvaluator.Evaluate(item.Expr, row, results);
            }
            yield return row;
        }
    }

    private static AggregateState NewState(CallExpr call) =>
        new(call.Name, call.Name is "pct" or "percentile" && call.Arguments[1] is Literal { Value: double p } ? p : 50);
}
