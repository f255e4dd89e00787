using System.Globalization;
using System.Text;

namespace Nimbus.CloudWatch.Logs.Patterns;

/// <summary>
/// Parses the conditions of JSON (<c>{ $.level = "ERROR" &amp;&amp; $.ms &gt; 100 }</c>) and space-delimited
/// (<c>status = 5* || status = 4*</c>) patterns: <c>or := and ('||' and)*</c>, <c>and := unary ('&amp;&amp;' unary)*</c>,
/// <c>unary := '(' or ')' | selector op value | selector IS [NOT] NULL|TRUE|FALSE | selector NOT EXISTS</c>.
/// </summary>
internal sealed class ConditionParser
{
    private readonly string _text;
    private readonly char _closer;
    private int _position;

    public ConditionParser(string text, int position, char closer)
    {
        _text = text;
        _position = position;
        _closer = closer;
    }

    public int Position => _position;

    public Condition ParseOr()
    {
        var left = ParseAnd();
        while (Accept("||"))
        {
            left = new Condition.Or(left, ParseAnd());
        }
        return left;
    }

    private Condition ParseAnd()
    {
        var left = ParseUnary();
        while (Accept("&&"))
        {
            left = new Condition.And(left, ParseUnary());
        }
        return left;
    }

    private Condition ParseUnary()
    {
        if (Accept("("))
        {
            var inner = ParseOr();
            if (!Accept(")"))
            {
                throw Invalid("missing ')'");
            }
            return inner;
        }
        var selector = Word();
        if (selector.Length == 0)
        {
            throw Invalid("expected a selector");
        }
        if (AcceptKeyword("IS"))
        {
            var negated = AcceptKeyword("NOT");
            var kind = AcceptKeyword("NULL") ? FieldKind.Null : AcceptKeyword("TRUE") ? FieldKind.True : AcceptKeyword("FALSE") ? FieldKind.False
                : throw Invalid("expected NULL, TRUE or FALSE after IS");
            return new Condition.Test(selector, kind, negated);
        }
        if (AcceptKeyword("NOT"))
        {
            return AcceptKeyword("EXISTS") ? new Condition.Test(selector, FieldKind.Missing, Negated: false) : throw Invalid("expected EXISTS after NOT");
        }
        var op = Accept("!=") ? "!=" : Accept("<=") ? "<=" : Accept(">=") ? ">=" : Accept("=") ? "=" : Accept("<") ? "<" : Accept(">") ? ">"
            : throw Invalid($"expected an operator after {selector}");
        SkipSpace();
        var quoted = _position < _text.Length && _text[_position] == '"';
        var value = quoted ? Quoted() : Word();
        if (value.Length == 0 && !quoted)
        {
            throw Invalid($"expected a value after {selector} {op}");
        }
        var number = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : (double?)null;
        if (op is "<" or ">" or "<=" or ">=" && number is null)
        {
            throw Invalid($"{op} needs a numeric value");
        }
        return new Condition.Compare(selector, op, value, number, quoted);
    }

    private string Quoted()
    {
        var text = new StringBuilder();
        _position++;
        while (_position < _text.Length && _text[_position] != '"')
        {
            if (_text[_position] == '\\' && _position + 1 < _text.Length)
            {
                _position++;
            }
            text.Append(_text[_position++]);
        }
        if (_position >= _text.Length)
        {
            throw Invalid("unterminated quoted value");
        }
        _position++;
        return text.ToString();
    }

    /// <summary>A selector or bare value: up to whitespace, an operator, a parenthesis, a comma or the closer.</summary>
    private string Word()
    {
        SkipSpace();
        var start = _position;
        while (_position < _text.Length && !char.IsWhiteSpace(_text[_position]) && _text[_position] is not ('=' or '!' or '<' or '>' or '(' or ')' or ',' or '&' or '|')
            && _text[_position] != _closer)
        {
            _position++;
        }
        return _text[start.._position];
    }

    private bool AcceptKeyword(string keyword)
    {
        SkipSpace();
        if (string.Compare(_text, _position, keyword, 0, keyword.Length, StringComparison.Ordinal) == 0
            && (_position + keyword.Length == _text.Length || !char.IsAsciiLetter(_text[_position + keyword.Length])))
        {
            _position += keyword.Length;
            return true;
        }
        return false;
    }

    private bool Accept(string token)
    {
        SkipSpace();
        if (string.Compare(_text, _position, token, 0, token.Length, StringComparison.Ordinal) == 0)
        {
            _position += token.Length;
            return true;
        }
        return false;
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private static Nimbus.Core.AwsServiceException Invalid(string detail) => LogsErrors.InvalidParameter($"Invalid filter pattern: {detail}.");
}
