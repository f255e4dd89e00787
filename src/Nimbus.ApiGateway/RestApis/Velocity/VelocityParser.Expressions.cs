namespace Nimbus.ApiGateway.RestApis.Velocity;

/// <summary>
/// Expressions inside directives and method arguments: <c>|| or</c>, <c>&amp;&amp; and</c>, <c>== != eq ne</c>,
/// <c>&lt; &gt; &lt;= &gt;= lt gt le ge</c>, <c>+ - * / %</c>, <c>! not</c>, literals (<c>'text'</c>, interpolated
/// <c>"text $x"</c>, numbers, <c>true false null</c>, <c>[a, b]</c>, <c>[1..3]</c>, <c>{k: v}</c>) and references.
/// </summary>
internal sealed partial class VelocityParser
{
    private Func<VelocityScope, object?> ParseExpression() => ParseOr();

    private Func<VelocityScope, object?> ParseOr()
    {
        var left = ParseAnd();
        while (MatchOperator("||", "or"))
        {
            var (a, b) = (left, ParseAnd());
            left = s => VelocityValues.IsTrue(a(s)) || VelocityValues.IsTrue(b(s));
        }
        return left;
    }

    private Func<VelocityScope, object?> ParseAnd()
    {
        var left = ParseEquality();
        while (MatchOperator("&&", "and"))
        {
            var (a, b) = (left, ParseEquality());
            left = s => VelocityValues.IsTrue(a(s)) && VelocityValues.IsTrue(b(s));
        }
        return left;
    }

    private Func<VelocityScope, object?> ParseEquality()
    {
        var left = ParseRelational();
        while (true)
        {
            var (a, equal) = (left, MatchOperator("==", "eq"));
            if (!equal && !MatchOperator("!=", "ne"))
            {
                return left;
            }
            var b = ParseRelational();
            left = s => VelocityValues.AreEqual(a(s), b(s)) == equal;
        }
    }

    private Func<VelocityScope, object?> ParseRelational()
    {
        var left = ParseAdditive();
        while (true)
        {
            Func<int, bool>? test = MatchOperator("<=", "le") ? c => c <= 0
                : MatchOperator(">=", "ge") ? c => c >= 0
                : MatchOperator("<", "lt") ? c => c < 0
                : MatchOperator(">", "gt") ? c => c > 0
                : null;
            if (test is null)
            {
                return left;
            }
            var (a, b) = (left, ParseAdditive());
            left = s => VelocityValues.Compare(a(s), b(s)) is { } order && test(order);
        }
    }

    private Func<VelocityScope, object?> ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (SkipSpace() is var op && op is '+' or '-')
        {
            _pos++;
            var (a, b) = (left, ParseMultiplicative());
            left = s => VelocityValues.Arithmetic(op, a(s), b(s));
        }
        return left;
    }

    private Func<VelocityScope, object?> ParseMultiplicative()
    {
        var left = ParseUnary();
        while (SkipSpace() is var op && op is '*' or '/' or '%')
        {
            _pos++;
            var (a, b) = (left, ParseUnary());
            left = s => VelocityValues.Arithmetic(op, a(s), b(s));
        }
        return left;
    }

    private Func<VelocityScope, object?> ParseUnary()
    {
        if (SkipSpace() == '!' && Peek(1) != '=' || MatchWord("not"))
        {
            if (Peek() == '!')
            {
                _pos++;
            }
            var operand = ParseUnary();
            return s => !VelocityValues.IsTrue(operand(s));
        }
        if (Peek() == '-' && !char.IsAsciiDigit(Peek(1)))
        {
            _pos++;
            var operand = ParseUnary();
            return s => VelocityValues.Arithmetic('-', 0L, operand(s));
        }
        return ParsePrimary();
    }

    private Func<VelocityScope, object?> ParsePrimary()
    {
        var c = SkipSpace();
        switch (c)
        {
            case '(':
                _pos++;
                var inner = ParseExpression();
                ExpectClose();
                return inner;
            case '\'' or '"':
                return ParseString(c);
            case '[':
                return ParseList();
            case '{':
                return ParseMap();
            case '$':
                return TryParseReference(out var reference, out _, out _) ? reference : throw Error("malformed reference");
        }
        if (char.IsAsciiDigit(c) || (c == '-' && char.IsAsciiDigit(Peek(1))))
        {
            return ParseNumber();
        }
        if (MatchWord("true"))
        {
            return _ => true;
        }
        if (MatchWord("false"))
        {
            return _ => false;
        }
        if (MatchWord("null"))
        {
            return _ => null;
        }
        throw Error(_pos >= _text.Length ? "unexpected end of template in an expression" : $"unexpected '{c}' in an expression");
    }

    private void ExpectChar(char expected)
    {
        if (SkipSpace() != expected)
        {
            throw Error($"expected '{expected}'");
        }
        _pos++;
    }

    /// <summary>Skips white space (line breaks included) and returns the next character, <c>\0</c> at the end.</summary>
    private char SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
        return Peek();
    }

    private bool Consume(char expected)
    {
        if (Peek() != expected)
        {
            return false;
        }
        _pos++;
        return true;
    }

    private bool MatchOperator(string symbol, string word)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _pos, symbol, 0, symbol.Length) == 0
            && !(symbol.Length == 1 && Peek(1) == '=') && !(symbol == "=" && Peek(1) == '='))
        {
            _pos += symbol.Length;
            return true;
        }
        return MatchWord(word);
    }

    private bool MatchWord(string word)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0 || IsIdentifierPart(Peek(word.Length)))
        {
            return false;
        }
        _pos += word.Length;
        return true;
    }

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
