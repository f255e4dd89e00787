using System.Globalization;

namespace Nimbus.ApiGateway.RestApis.Velocity;

/// <summary>Literals: numbers, <c>'…'</c> and interpolated <c>"…"</c> strings, lists, ranges and maps.</summary>
internal sealed partial class VelocityParser
{
    private Func<VelocityScope, object?> ParseNumber()
    {
        var start = _pos;
        _pos += Peek() == '-' ? 1 : 0;
        while (char.IsAsciiDigit(Peek()))
        {
            _pos++;
        }
        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            _pos++;
            while (char.IsAsciiDigit(Peek()))
            {
                _pos++;
            }
            var real = double.Parse(_text.AsSpan(start, _pos - start), CultureInfo.InvariantCulture);
            return _ => real;
        }
        var integer = long.TryParse(_text.AsSpan(start, _pos - start), CultureInfo.InvariantCulture, out var parsed) ? parsed : throw Error("number out of range");
        return _ => integer;
    }

    /// <summary><c>'…'</c> is literal; <c>"…"</c> renders the references and directives inside it. Neither has escapes (Velocity 1.7).</summary>
    private Func<VelocityScope, object?> ParseString(char quote)
    {
        var end = _text.IndexOf(quote, _pos + 1);
        if (end < 0)
        {
            throw Error("unterminated string literal");
        }
        var content = _text[(_pos + 1)..end];
        _pos = end + 1;
        if (quote == '\'' || content.AsSpan().IndexOfAny('$', '#') < 0)
        {
            return _ => content;
        }
        var template = Parse(content);
        return s =>
        {
            var outer = s.Output;
            s.Output = new System.Text.StringBuilder();
            try
            {
                template(s);
                return s.Output.ToString();
            }
            finally
            {
                s.Output = outer;
            }
        };
    }

    private Func<VelocityScope, object?> ParseList()
    {
        _pos++;
        if (SkipSpace() == ']')
        {
            _pos++;
            return _ => new List<object?>();
        }
        var first = ParseExpression();
        if (SkipSpace() == '.' && Peek(1) == '.')
        {
            _pos += 2;
            var last = ParseExpression();
            ExpectChar(']');
            return s => Range(first(s), last(s));
        }
        var items = new List<Func<VelocityScope, object?>> { first };
        while (SkipSpace() == ',')
        {
            _pos++;
            items.Add(ParseExpression());
        }
        ExpectChar(']');
        return s => items.Select(item => item(s)).ToList();
    }

    private static List<object?>? Range(object? from, object? to)
    {
        if (VelocityValues.ToInt(from) is not { } a || VelocityValues.ToInt(to) is not { } b)
        {
            return null;
        }
        var step = a <= b ? 1 : -1;
        var count = Math.Min(Math.Abs(b - a) + 1, VelocityScope.MaxIterations);
        return [.. Enumerable.Range(0, count).Select(i => (object?)(long)(a + (i * step)))];
    }

    private Func<VelocityScope, object?> ParseMap()
    {
        _pos++;
        var entries = new List<(Func<VelocityScope, object?> Key, Func<VelocityScope, object?> Value)>();
        if (SkipSpace() != '}')
        {
            do
            {
                _pos += entries.Count > 0 ? 1 : 0;
                var key = ParseExpression();
                ExpectChar(':');
                entries.Add((key, ParseExpression()));
            }
            while (SkipSpace() == ',');
        }
        ExpectChar('}');
        return s =>
        {
            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, value) in entries)
            {
                map[VelocityValues.Render(key(s))] = value(s);
            }
            return map;
        };
    }
}
