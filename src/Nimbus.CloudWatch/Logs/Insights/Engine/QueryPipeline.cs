using System.Text;
using Nimbus.CloudWatch.Logs.Insights.Language;
using Nimbus.CloudWatch.Logs.Model;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Insights.Engine;

/// <summary>
/// Runs parsed commands over events read newest first. Row commands (<c>fields</c>, <c>filter</c>, <c>parse</c>)
/// stream; <c>stats</c> and <c>sort</c> collect. Which fields a row shows: <c>@timestamp</c> and <c>@message</c>
/// unless <c>fields</c>, <c>parse</c>, <c>stats</c> or <c>display</c> say otherwise, plus <c>@ptr</c> on rows that
/// are log events. Records count as matched when they reach the first command that is not a row command
/// (or the end); the whole range is read so the statistics cover it even when a limit stops the results early.
/// </summary>
internal static partial class QueryPipeline
{
    private static readonly string[] DefaultFields = ["@timestamp", "@message"];

    public static List<IReadOnlyList<ResultField>> Run(
        IReadOnlyList<QueryCommand> commands, IEnumerable<ScannedEvent> events, AwsScope scope, int limit, QueryCounters counters)
    {
        var rows = events.Select(e =>
        {
            counters.Scanned(Encoding.UTF8.GetByteCount(e.Event.Message));
            return new QueryRow(FieldDiscovery.Discover(scope, e), e);
        });
        List<string>? visible = null;
        var isStats = false;
        var counted = false;
        foreach (var command in commands)
        {
            if (!counted && command is StatsCommand or SortCommand or LimitCommand or DedupCommand)
            {
                rows = Count(rows, counters);
                counted = true;
            }
            switch (command)
            {
                case FieldsCommand fields:
                    rows = rows.Select(row => Project(row, fields.Fields));
                    visible = Extend(visible, fields.Fields.Select(f => f.Name), keepDefault: false);
                    break;
                case FilterCommand filter:
                    rows = rows.Where(row => ExpressionEvaluator.Matches(filter.Condition, row));
                    break;
                case ParseCommand parse:
                    rows = rows.Select(row => Parse(row, parse));
                    visible = Extend(visible, parse.Names, keepDefault: true);
                    break;
                case StatsCommand stats:
                    rows = Aggregate(rows, stats);
                    visible = [.. stats.GroupBy.Select(g => g.Name), .. stats.Items.Select(i => i.Name)];
                    isStats = true;
                    break;
                case SortCommand sort:
                    rows = Sort(rows, sort.Keys);
                    break;
                case LimitCommand take:
                    rows = TakeAndDrain(rows, take.Count);
                    break;
                case DisplayCommand display:
                    visible = [.. display.Fields];
                    break;
                case DedupCommand dedup:
                    rows = Dedup(rows, dedup.Fields);
                    break;
            }
        }
        if (!counted)
        {
            rows = Count(rows, counters);
        }
        var shown = (IReadOnlyList<string>?)visible ?? DefaultFields;
        return TakeAndDrain(rows, limit).Select(row => Output(row, shown, isStats)).ToList();
    }

    private static IReadOnlyList<ResultField> Output(QueryRow row, IReadOnlyList<string> shown, bool isStats)
    {
        var fields = new List<ResultField>(shown.Count + 1);
        foreach (var name in shown.Distinct(StringComparer.Ordinal))
        {
            if (QueryValues.ToText(row[name]) is { } text)
            {
                fields.Add(new ResultField(name, text));
            }
        }
        if (!isStats && row.Source is { } source)
        {
            fields.Add(new ResultField("@ptr", LogRecordPointer.Format(source.GroupName, source.Event.Id)));
        }
        return fields;
    }

    private static List<string> Extend(List<string>? visible, IEnumerable<string> names, bool keepDefault)
    {
        var list = visible ?? (keepDefault ? [.. DefaultFields] : []);
        list.AddRange(names);
        return list;
    }

    private static IEnumerable<QueryRow> Count(IEnumerable<QueryRow> rows, QueryCounters counters)
    {
        foreach (var row in rows)
        {
            counters.Matched();
            yield return row;
        }
    }

    private static IEnumerable<QueryRow> TakeAndDrain(IEnumerable<QueryRow> rows, int count)
    {
        var taken = 0;
        foreach (var row in rows)
        {
            if (taken++ < count)
            {
                yield return row;
            }
        }
    }

    private static QueryRow Project(QueryRow row, IReadOnlyList<NamedExpr> fields)
    {
        // In order, so a field can use one defined before it in the same command.
        foreach (var field in fields)
        {
            row.Fields[field.Name] = ExpressionEvaluator.Evaluate(field.Expr, row);
        }
        return row;
    }

    private static QueryRow Parse(QueryRow row, ParseCommand parse)
    {
        if (QueryValues.ToText(ExpressionEvaluator.Evaluate(parse.Source, row)) is not { } text)
        {
            return row;
        }
        var match = parse.Pattern.Match(text);
        if (!match.Success)
        {
            return row;
        }
        for (var i = 0; i < parse.Names.Count; i++)
        {
            var group = parse.Positional ? match.Groups[i + 1] : match.Groups[parse.Names[i]];
            if (group.Success)
            {
                row.Fields[parse.Names[i]] = group.Value;
            }
        }
        return row;
    }

    private static IEnumerable<QueryRow> Sort(IEnumerable<QueryRow> rows, IReadOnlyList<SortKey> keys)
    {
        var list = rows.Select(row => (Row: row, Keys: keys.Select(k => ExpressionEvaluator.Evaluate(k.Expr, row)).ToArray())).ToList();
        // List.Sort is not stable; the index keeps equal rows in arrival order.
        var indexed = list.Select((entry, index) => (entry.Row, entry.Keys, Index: index)).ToList();
        indexed.Sort((a, b) =>
        {
            for (var i = 0; i < keys.Count; i++)
            {
                var order = QueryValues.SortCompare(a.Keys[i], b.Keys[i], keys[i].Descending);
                if (order != 0)
                {
                    return order;
                }
            }
            return a.Index.CompareTo(b.Index);
        });
        return indexed.Select(entry => entry.Row);
    }

    private static IEnumerable<QueryRow> Dedup(IEnumerable<QueryRow> rows, IReadOnlyList<string> fields)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var values = fields.Select(f => QueryValues.ToText(row[f])).ToArray();
            // A record missing one of the fields is never a duplicate.
            if (values.Any(v => v is null) || seen.Add(string.Join('\u0001', values)))
            {
                yield return row;
            }
        }
    }
}
