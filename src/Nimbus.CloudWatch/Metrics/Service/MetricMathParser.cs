namespace Nimbus.CloudWatch.Metrics.Service;

/// <summary>Recursive-descent parser and evaluator of one metric math expression.</summary>
internal sealed class MetricMathParser
{
    private readonly string _text;
    private readonly Func<string, SortedDictionary<long, double>> _resolve;
    private int _position;
    private string _id = "";

    public MetricMathParser(string text, Func<string, SortedDictionary<long, double>> resolve)
    {
        _text = text;
        _resolve = resolve;
    }

    public MathValue Parse(string id)
    {
        _id = id;
        var value = Expression();
        SkipSpace();
        return _position == _text.Length ? value : throw Error($"Unexpected '{_text[_position]}' at position {_position + 1}.");
    }

    private MathValue Expression()
    {
        var value = Term();
        while (Accept('+') || Accept('-'))
        {
            var op = _text[_position - 1];
            value = Apply(value, Term(), op == '+' ? (a, b) => a + b : (a, b) => a - b);
        }
        return value;
    }

    private MathValue Term()
    {
        var value = Unary();
        while (Accept('*') || Accept('/'))
        {
            var op = _text[_position - 1];
            value = Apply(value, Unary(), op == '*' ? (a, b) => a * b : (a, b) => a / b);
        }
        return value;
    }

    private MathValue Unary() => Accept('-') ? Apply(MathValue.Of(0), Unary(), (a, b) => a - b) : Primary();

    private MathValue Primary()
    {
        SkipSpace();
        if (Accept('('))
        {
            var inner = Expression();
            Expect(')');
            return inner;
        }
        if (Accept('['))
        {
            var items = new List<SortedDictionary<long, double>>();
            do
            {
                var item = Expression();
                items.AddRange(item.List ?? [item.Series ?? throw Error("Arrays hold time series only.")]);
            }
            while (Accept(','));
            Expect(']');
            return MathValue.Of(items);
        }
        var start = _position;
        if (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.'))
        {
            while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] is '.' or 'e' or 'E'))
            {
                _position++;
            }
            return MathValue.Of(MetricMath.ParseNumber(_text[start.._position]));
        }
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }
        if (start == _position)
        {
            throw Error(_position < _text.Length ? $"Unexpected '{_text[_position]}' at position {_position + 1}." : "Unexpected end of expression.");
        }
        var name = _text[start.._position];
        return Accept('(') ? Function(name) : MathValue.Of(_resolve(name));
    }

    private MathValue Function(string name)
    {
        if (name == "METRICS")
        {
            Expect(')');
            throw Error("METRICS() is not supported by Nimbus; list the ids in an array instead.");
        }
        var argument = Expression();
        Expect(')');
        Func<IEnumerable<double>, double>? reduce = name switch
        {
            "SUM" => v => v.Sum(),
            "AVG" => v => v.Average(),
            "MIN" => v => v.Min(),
            "MAX" => v => v.Max(),
            _ => null,
        };
        if (name == "ABS")
        {
            return argument.Series is { } series ? MathValue.Of(MetricMath.Map(series, Math.Abs)) : MathValue.Of(Math.Abs(argument.Scalar ?? throw Error("ABS takes a time series or a number.")));
        }
        if (reduce is null)
        {
            throw Error($"Unsupported function {name}.");
        }
        if (argument.List is { } list)
        {
            return MathValue.Of(MetricMath.Reduce(list, reduce));
        }
        if (argument.Series is { } one)
        {
            return one.Count == 0 ? MathValue.Of(new SortedDictionary<long, double>()) : MathValue.Of(reduce(one.Values));
        }
        return argument;
    }

    private MathValue Apply(MathValue left, MathValue right, Func<double, double, double> op)
    {
        if (left.List is not null || right.List is not null)
        {
            throw Error("Arithmetic on arrays is not supported by Nimbus; apply SUM, AVG, MIN or MAX first.");
        }
        if (left.Scalar is { } a && right.Scalar is { } b)
        {
            return MathValue.Of(op(a, b));
        }
        if (left.Series is { } l && right.Series is { } r)
        {
            return MathValue.Of(MetricMath.Combine(l, r, op));
        }
        return left.Series is { } series
            ? MathValue.Of(MetricMath.Map(series, v => op(v, right.Scalar!.Value)))
            : MathValue.Of(MetricMath.Map(right.Series!, v => op(left.Scalar!.Value, v)));
    }

    private bool Accept(char c)
    {
        SkipSpace();
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }
        return false;
    }

    private void Expect(char c)
    {
        if (!Accept(c))
        {
            throw Error($"Expected '{c}' at position {_position + 1}.");
        }
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private Nimbus.Core.AwsServiceException Error(string message) => MetricsErrors.InvalidParameterValue($"Error in expression {_id}: {message}");
}
