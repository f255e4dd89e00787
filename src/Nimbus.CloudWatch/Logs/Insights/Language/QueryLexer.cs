using System.Globalization;
using System.Text;

namespace Nimbus.CloudWatch.Logs.Insights.Language;

/// <summary>
/// Splits a Logs Insights query into tokens on demand. A <c>/</c> is division or the start of a regex depending
/// on where it stands, which only the parser knows: it asks for <see cref="ReadRegex"/> where an operand is due.
/// <c>#</c> starts a comment that runs to the end of the line.
/// </summary>
internal sealed class QueryLexer
{
    private static readonly string[] TwoCharOperators = ["!=", "<=", ">=", "=~", "=="];

    private readonly string _text;
    private int _position;
    private Token? _peeked;

    public QueryLexer(string text) => _text = text;

    public string Text => _text;

    public Token Peek() => _peeked ??= Scan();

    public Token Next()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    /// <summary>Reads <c>/…/</c> starting at the peeked <c>/</c> token.</summary>
    public Token ReadRegex()
    {
        var slash = Peek();
        _peeked = null;
        var builder = new StringBuilder();
        var i = slash.Start + 1;
        while (i < _text.Length && _text[i] != '/')
        {
            // \/ is a slash inside the pattern; every other escape belongs to the regex itself.
            if (_text[i] == '\\' && i + 1 < _text.Length && _text[i + 1] == '/')
            {
                builder.Append('/');
                i += 2;
                continue;
            }
            builder.Append(_text[i++]);
        }
        if (i >= _text.Length)
        {
            throw InsightsErrors.Malformed(_text, slash.Start, _text.Length, "Unterminated regular expression");
        }
        _position = i + 1;
        return new Token(TokenKind.Regex, builder.ToString(), slash.Start, _position);
    }

    private Token Scan()
    {
        SkipSpaceAndComments();
        if (_position >= _text.Length)
        {
            return new Token(TokenKind.End, "", _text.Length, _text.Length);
        }
        var start = _position;
        var c = _text[_position];
        switch (c)
        {
            case '|': return Single(TokenKind.Pipe);
            case ',': return Single(TokenKind.Comma);
            case '(': return Single(TokenKind.OpenParen);
            case ')': return Single(TokenKind.CloseParen);
            case '[': return Single(TokenKind.OpenBracket);
            case ']': return Single(TokenKind.CloseBracket);
            case '"' or '\'': return ScanString(c);
            case '`': return ScanQuotedIdentifier();
        }
        if (char.IsAsciiDigit(c) || (c == '.' && _position + 1 < _text.Length && char.IsAsciiDigit(_text[_position + 1])))
        {
            return ScanNumber();
        }
        if (IsIdentifierStart(c))
        {
            while (_position < _text.Length && IsIdentifierPart(_text[_position]))
            {
                _position++;
            }
            return new Token(TokenKind.Identifier, _text[start.._position], start, _position);
        }
        if (_position + 1 < _text.Length && TwoCharOperators.Contains(_text.Substring(_position, 2)))
        {
            _position += 2;
            var op = _text[start.._position];
            return new Token(TokenKind.Operator, op == "==" ? "=" : op, start, _position);
        }
        if ("=<>+-*/%^!".Contains(c, StringComparison.Ordinal))
        {
            return Single(TokenKind.Operator);
        }
        throw InsightsErrors.Unexpected(_text, start, start + 1, c.ToString());
    }

    private Token Single(TokenKind kind)
    {
        var start = _position++;
        return new Token(kind, _text[start].ToString(), start, _position);
    }

    private void SkipSpaceAndComments()
    {
        while (_position < _text.Length)
        {
            if (char.IsWhiteSpace(_text[_position]))
            {
                _position++;
            }
            else if (_text[_position] == '#')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private Token ScanString(char quote)
    {
        var start = _position++;
        var builder = new StringBuilder();
        while (_position < _text.Length && _text[_position] != quote)
        {
            var c = _text[_position++];
            if (c == '\\' && _position < _text.Length)
            {
                var escaped = _text[_position++];
                builder.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => escaped });
                continue;
            }
            builder.Append(c);
        }
        if (_position >= _text.Length)
        {
            throw InsightsErrors.Malformed(_text, start, _text.Length, "Unterminated string literal");
        }
        _position++;
        return new Token(TokenKind.String, builder.ToString(), start, _position);
    }

    private Token ScanQuotedIdentifier()
    {
        var start = _position++;
        var end = _text.IndexOf('`', _position);
        if (end < 0)
        {
            throw InsightsErrors.Malformed(_text, start, _text.Length, "Unterminated quoted field name");
        }
        _position = end + 1;
        return new Token(TokenKind.Identifier, _text[(start + 1)..end], start, _position) { Quoted = true };
    }

    /// <summary>A number, or a duration such as <c>5m</c> or <c>100ms</c> when letters follow it directly.</summary>
    private Token ScanNumber()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.'))
        {
            _position++;
        }
        var number = double.Parse(_text.AsSpan(start, _position - start), NumberStyles.Float, CultureInfo.InvariantCulture);
        var unitStart = _position;
        while (_position < _text.Length && char.IsAsciiLetter(_text[_position]))
        {
            _position++;
        }
        if (unitStart == _position)
        {
            return new Token(TokenKind.Number, _text[start.._position], start, _position, number);
        }
        var unit = _text[unitStart.._position];
        double? scale = unit switch
        {
            "ms" => 1,
            "s" or "sec" or "second" or "seconds" => 1_000,
            "m" or "min" or "minute" or "minutes" => 60_000,
            "h" or "hr" or "hour" or "hours" => 3_600_000,
            "d" or "day" or "days" => 86_400_000,
            "w" or "week" or "weeks" => 604_800_000,
            _ => null,
        };
        return scale is { } ms
            ? new Token(TokenKind.Duration, _text[start.._position], start, _position, number * ms)
            : throw InsightsErrors.Unexpected(_text, start, _position, _text[start.._position]);
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c is '_' or '@' or '$';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '@' or '$' or '.';
}
