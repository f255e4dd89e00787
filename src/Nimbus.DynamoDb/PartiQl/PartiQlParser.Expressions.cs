using System.Globalization;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.PartiQl;

internal sealed partial class PartiQlParser
{
    private static readonly string[] Comparators = ["=", "<>", "!=", "<", "<=", ">", ">="];
    private static readonly string[] ConditionFunctions = ["attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains"];

    /// <summary>A WHERE clause: the terms of its top-level AND (an OR at the top is one term).</summary>
    private List<PartiQlConjunct> Where()
    {
        var terms = AndTerms();
        return Current.Is("OR") ? [Or(Disjuncts(terms))] : terms;
    }

    /// <summary>Terms joined by AND.</summary>
    private List<PartiQlConjunct> AndTerms()
    {
        var terms = new List<PartiQlConjunct> { Term() };
        while (Accept("AND"))
        {
            terms.Add(Term());
        }
        return terms;
    }

    /// <summary>The AND-ed terms of each side of an OR chain, starting with <paramref name="first"/>, already read.</summary>
    private List<List<PartiQlConjunct>> Disjuncts(List<PartiQlConjunct> first)
    {
        var disjuncts = new List<List<PartiQlConjunct>> { first };
        while (Accept("OR"))
        {
            disjuncts.Add(AndTerms());
        }
        return disjuncts;
    }

    /// <summary>
    /// An OR as one term. When every side is an equality (or an IN of values) on the same attribute —
    /// <c>pk = 1 OR pk = 2</c> — it is that attribute's IN, so a partition key's becomes one Query per value: DynamoDB
    /// lists <c>OrderID = 100 or OrderID = 200</c> among the statements that do not scan the table.
    /// </summary>
    private static PartiQlConjunct Or(List<List<PartiQlConjunct>> disjuncts)
    {
        var text = string.Join(" OR ", disjuncts.Select(d => "(" + string.Join(" AND ", d.Select(t => $"({t.Expression})")) + ")"));
        var sides = disjuncts.Select(d => d.Count == 1 ? d[0] : null).ToList();
        var attribute = sides[0]?.Attribute;
        if (attribute is null || sides.Any(s => s?.Attribute != attribute))
        {
            return new PartiQlConjunct(text);
        }
        var values = new List<AttributeValue>();
        foreach (var side in sides)
        {
            switch (side)
            {
                case { Operator: "=", Value: { } value }:
                    values.Add(value);
                    break;
                case { Operator: "IN", Values: { } many }:
                    values.AddRange(many);
                    break;
                default:
                    return new PartiQlConjunct(text);
            }
        }
        return new PartiQlConjunct(text, attribute, "IN", Values: values);
    }

    /// <summary>NOT, a parenthesised condition, a condition function, or a comparison of operands.</summary>
    private PartiQlConjunct Term()
    {
        if (Accept("NOT"))
        {
            return new PartiQlConjunct($"NOT {Term().Expression}");
        }
        if (AcceptSymbol("("))
        {
            var disjuncts = Disjuncts(AndTerms());
            ExpectSymbol(")");
            // A single term or an OR keeps what it compares, so (pk = 1) and (pk = 1 OR pk = 2) still name a key.
            var inner = disjuncts is [[var single]] ? single
                : disjuncts.Count == 1 ? new PartiQlConjunct(string.Join(" AND ", disjuncts[0].Select(t => t.Expression)))
                : Or(disjuncts);
            return inner with { Expression = $"({inner.Expression})" };
        }
        if (Current.Kind == PartiQlTokenKind.Word && _tokens[_position + 1].IsSymbol("(")
            && ConditionFunctions.FirstOrDefault(f => Current.Is(f)) is { } function)
        {
            _position += 2;
            var attributeAt = _position;
            var path = Path();
            var attribute = _position == attributeAt + 1 ? _tokens[attributeAt].Text : null;
            var arguments = new List<string> { path };
            AttributeValue? first = null;
            while (AcceptSymbol(","))
            {
                var argument = Literal();
                first ??= argument;
                arguments.Add(Placeholder(argument));
            }
            ExpectSymbol(")");
            return new PartiQlConjunct($"{function}({string.Join(", ", arguments)})", function == "begins_with" ? attribute : null, function, first);
        }
        var leftAt = _position;
        var left = Operand();
        var simple = _position == leftAt + 1 && _tokens[leftAt].Kind is PartiQlTokenKind.Word or PartiQlTokenKind.QuotedName ? _tokens[leftAt].Text : null;
        if (Accept("IS"))
        {
            var negated = Accept("NOT");
            Expect("MISSING");
            return new PartiQlConjunct(negated ? $"attribute_exists({left})" : $"attribute_not_exists({left})");
        }
        if (Accept("BETWEEN"))
        {
            var low = Operand();
            Expect("AND");
            var high = Operand();
            return new PartiQlConjunct($"{left} BETWEEN {low} AND {high}", simple, "BETWEEN");
        }
        if (Accept("IN"))
        {
            var close = AcceptSymbol("[") ? "]" : AcceptSymbol("(") ? ")" : throw Unexpected();
            var items = new List<string> { Operand() };
            while (AcceptSymbol(","))
            {
                items.Add(Operand());
            }
            ExpectSymbol(close);
            // A literal or parameter operand is a :pN placeholder; a path or size() is not, and keeps the IN a filter.
            var values = items.Select(i => _values.GetValueOrDefault(i)).ToList();
            return new PartiQlConjunct($"{left} IN ({string.Join(", ", items)})", simple, "IN",
                Values: values.All(v => v is not null) ? values.Select(v => v!).ToList() : null);
        }
        if (Current.Kind != PartiQlTokenKind.Symbol || !Comparators.Contains(Current.Text))
        {
            throw Unexpected();
        }
        var comparator = Current.Text == "!=" ? "<>" : Current.Text;
        _position++;
        var right = Operand();
        var value = _values.GetValueOrDefault(right);
        return new PartiQlConjunct($"{left} {comparator} {right}", simple, comparator, value);
    }

    /// <summary>A path, a literal or parameter, or <c>size(path)</c>.</summary>
    private string Operand()
    {
        if (Current.Is("size") && _tokens[_position + 1].IsSymbol("("))
        {
            _position += 2;
            var path = Path();
            ExpectSymbol(")");
            return $"size({path})";
        }
        return IsPathStart() ? Path() : Placeholder(Literal());
    }

    /// <summary>The right side of SET: an operand, <c>a + b</c>/<c>a - b</c>, or list_append / if_not_exists.</summary>
    private string SetValue()
    {
        string Single()
        {
            if ((Current.Is("list_append") || Current.Is("if_not_exists")) && _tokens[_position + 1].IsSymbol("("))
            {
                var function = Current.Text.ToLowerInvariant();
                _position += 2;
                var first = Single();
                ExpectSymbol(",");
                var second = Single();
                ExpectSymbol(")");
                return $"{function}({first}, {second})";
            }
            return IsPathStart() ? Path() : Placeholder(Literal());
        }
        var left = Single();
        if (AcceptSymbol("+"))
        {
            return $"{left} + {Single()}";
        }
        return AcceptSymbol("-") ? $"{left} - {Single()}" : left;
    }

    private bool IsPathStart() => Current.Kind == PartiQlTokenKind.QuotedName
        || (Current.Kind == PartiQlTokenKind.Word && !Current.Is("true") && !Current.Is("false") && !Current.Is("null") && !Current.Is("missing"));

    /// <summary>name(.name | [n])* as DynamoDB's document path with #pN placeholders.</summary>
    private string Path()
    {
        var text = NamePlaceholder(Name());
        while (true)
        {
            if (AcceptSymbol("."))
            {
                text += "." + NamePlaceholder(Name());
            }
            else if (AcceptSymbol("["))
            {
                var index = Current.Kind == PartiQlTokenKind.Number ? Current.Text : throw Unexpected();
                _position++;
                ExpectSymbol("]");
                text += $"[{index}]";
            }
            else
            {
                return text;
            }
        }
    }

    /// <summary>A value: 'string', number, true/false/null, [list], {'map': …}, &lt;&lt;set&gt;&gt; or a ? parameter.</summary>
    private AttributeValue Literal()
    {
        var token = Current;
        _position++;
        switch (token.Kind)
        {
            case PartiQlTokenKind.String:
                return AttributeValue.String(token.Text);
            case PartiQlTokenKind.Number:
                return AttributeValue.Number(AttributeValueReader.Number(token.Text));
            case PartiQlTokenKind.Symbol when token.Text == "-" && Current.Kind == PartiQlTokenKind.Number:
                _position++;
                return AttributeValue.Number(AttributeValueReader.Number("-" + _tokens[_position - 1].Text));
            case PartiQlTokenKind.Symbol when token.Text == "?":
                return _parameter < _parameters.Count ? _parameters[_parameter++] : throw PartiQlErrors.ParameterCount();
            case PartiQlTokenKind.Word when token.Is("true") || token.Is("false"):
                return AttributeValue.Bool(token.Is("true"));
            case PartiQlTokenKind.Word when token.Is("null"):
                return AttributeValue.Null;
            case PartiQlTokenKind.Symbol when token.Text == "[":
                return AttributeValue.List(Sequence("]"));
            case PartiQlTokenKind.Symbol when token.Text == "<<":
                return Set(Sequence(">>"), token.Position);
            case PartiQlTokenKind.Symbol when token.Text == "{":
                var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
                if (!AcceptSymbol("}"))
                {
                    do
                    {
                        var key = Current.Kind is PartiQlTokenKind.String or PartiQlTokenKind.QuotedName ? Current.Text : throw Unexpected();
                        _position++;
                        ExpectSymbol(":");
                        map[key] = Literal();
                    }
                    while (AcceptSymbol(","));
                    ExpectSymbol("}");
                }
                return AttributeValue.Map(map);
            default:
                _position--;
                throw Unexpected();
        }
    }

    private List<AttributeValue> Sequence(string close)
    {
        var items = new List<AttributeValue>();
        if (AcceptSymbol(close))
        {
            return items;
        }
        do
        {
            items.Add(Literal());
        }
        while (AcceptSymbol(","));
        ExpectSymbol(close);
        return items;
    }

    private static AttributeValue Set(List<AttributeValue> items, int position) => items switch
    {
        [] => throw PartiQlErrors.Syntax("A set must not be empty", position),
        _ when items.All(i => i.Kind == AttributeKind.S) => AttributeValue.StringSet(items.Select(i => i.S).Distinct().ToList()),
        _ when items.All(i => i.Kind == AttributeKind.N) => AttributeValue.NumberSet(items.Select(i => i.N).Distinct().ToList()),
        _ when items.All(i => i.Kind == AttributeKind.B) => AttributeValue.BinarySet(items.Select(i => i.B).ToList()),
        _ => throw PartiQlErrors.Syntax("A set's elements must all be strings, numbers or binaries", position),
    };

    private string NamePlaceholder(string name)
    {
        var placeholder = "#p" + (_names.Count + _values.Count).ToString(CultureInfo.InvariantCulture);
        _names[placeholder] = name;
        return placeholder;
    }

    private string Placeholder(AttributeValue value)
    {
        var placeholder = ":p" + (_names.Count + _values.Count).ToString(CultureInfo.InvariantCulture);
        _values[placeholder] = value;
        return placeholder;
    }
}
