namespace Nimbus.CloudWatch.Logs.Insights.Engine;

/// <summary>
/// The running state of one aggregate call for one <c>stats</c> group. Only what the function needs is kept:
/// <c>pct</c> keeps the values (an exact percentile; AWS's is approximate), <c>count_distinct</c> the distinct texts.
/// </summary>
internal sealed class AggregateState
{
    private readonly string _function;
    private readonly double _percentile;
    private long _count;
    private double _sum;
    private double _sumOfSquares;
    private object? _min;
    private object? _max;
    private List<double>? _values;
    private HashSet<string>? _distinct;
    private (long Time, object? Value)? _earliest;
    private (long Time, object? Value)? _latest;

    public AggregateState(string function, double percentile)
    {
        _function = function;
        _percentile = percentile;
    }

    /// <summary>Adds one record's argument value; <paramref name="countAll"/> for <c>count(*)</c>.</summary>
    public void Add(object? value, long timestampMs, bool countAll)
    {
        if (countAll)
        {
            _count++;
            return;
        }
        if (value is null)
        {
            return;
        }
        _count++;
        switch (_function)
        {
            case "count_distinct":
                (_distinct ??= new HashSet<string>(StringComparer.Ordinal)).Add(QueryValues.ToText(value)!);
                return;
            case "min":
                _min = _min is null || QueryValues.Compare(value, _min) < 0 ? value : _min;
                return;
            case "max":
                _max = _max is null || QueryValues.Compare(value, _max) > 0 ? value : _max;
                return;
            case "earliest":
                _earliest = _earliest is null || timestampMs < _earliest.Value.Time ? (timestampMs, value) : _earliest;
                return;
            case "latest":
                _latest = _latest is null || timestampMs >= _latest.Value.Time ? (timestampMs, value) : _latest;
                return;
        }
        if (QueryValues.ToNumber(value) is not { } number)
        {
            _count--;
            return;
        }
        _sum += number;
        _sumOfSquares += number * number;
        if (_function is "pct" or "percentile")
        {
            (_values ??= []).Add(number);
        }
    }

    public object? Result() => _function switch
    {
        "count" => (double)_count,
        "count_distinct" => (double)(_distinct?.Count ?? 0),
        "sum" => _count == 0 ? null : _sum,
        "avg" => _count == 0 ? null : _sum / _count,
        "min" => _min,
        "max" => _max,
        "stddev" => _count < 2 ? (_count == 1 ? 0.0 : null) : Math.Sqrt(Math.Max(0, (_sumOfSquares - (_sum * _sum / _count)) / (_count - 1))),
        "pct" or "percentile" => Percentile(),
        "earliest" => _earliest?.Value,
        "latest" => _latest?.Value,
        _ => null,
    };

    /// <summary>Nearest rank: the smallest value with at least N% of the values at or below it.</summary>
    private object? Percentile()
    {
        if (_values is not { Count: > 0 } values)
        {
            return null;
        }
        values.Sort();
        var rank = (int)Math.Ceiling(_percentile / 100 * values.Count);
        return values[Math.Clamp(rank - 1, 0, values.Count - 1)];
    }
}
