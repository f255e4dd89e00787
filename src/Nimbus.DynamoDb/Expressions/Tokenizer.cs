namespace Nimbus.DynamoDb.Expressions;

/// <summary>Splits an expression into tokens. Attribute names are <c>[A-Za-z_][A-Za-z0-9_]*</c>; placeholders
/// start with '#' or ':'.</summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string source, ExpressionKind kind)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var start = i;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                i = SkipWord(source, i + 1);
                tokens.Add(new Token(TokenKind.Identifier, source[start..i], start));
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                while (i < source.Length && char.IsAsciiDigit(source[i]))
                {
                    i++;
                }
                if (i < source.Length && (char.IsAsciiLetter(source[i]) || source[i] == '_'))
                {
                    i = SkipWord(source, i);
                    throw ExpressionErrors.Syntax(kind, source, new Token(TokenKind.Identifier, source[start..i], start), Previous(tokens));
                }
                tokens.Add(new Token(TokenKind.Integer, source[start..i], start));
                continue;
            }
            if (c is '#' or ':')
            {
                i = SkipWord(source, i + 1);
                if (i == start + 1)
                {
                    throw ExpressionErrors.Syntax(kind, source, new Token(TokenKind.Identifier, c.ToString(), start), Previous(tokens));
                }
                tokens.Add(new Token(c == '#' ? TokenKind.NamePlaceholder : TokenKind.ValuePlaceholder, source[start..i], start));
                continue;
            }
            var (tokenKind, length) = c switch
            {
                '(' => (TokenKind.LeftParen, 1),
                ')' => (TokenKind.RightParen, 1),
                '[' => (TokenKind.LeftBracket, 1),
                ']' => (TokenKind.RightBracket, 1),
                ',' => (TokenKind.Comma, 1),
                '.' => (TokenKind.Dot, 1),
                '=' => (TokenKind.Equal, 1),
                '+' => (TokenKind.Plus, 1),
                '-' => (TokenKind.Minus, 1),
                '<' when Next(source, i) == '>' => (TokenKind.NotEqual, 2),
                '<' when Next(source, i) == '=' => (TokenKind.LessOrEqual, 2),
                '<' => (TokenKind.Less, 1),
                '>' when Next(source, i) == '=' => (TokenKind.GreaterOrEqual, 2),
                '>' => (TokenKind.Greater, 1),
                _ => (TokenKind.End, 0),
            };
            if (length == 0)
            {
                throw ExpressionErrors.InvalidCharacter(kind, c, source);
            }
            tokens.Add(new Token(tokenKind, source.Substring(start, length), start));
            i += length;
        }
        tokens.Add(new Token(TokenKind.End, "<EOF>", source.Length));
        return tokens;
    }

    private static char Next(string source, int i) => i + 1 < source.Length ? source[i + 1] : '\0';

    private static int SkipWord(string source, int i)
    {
        while (i < source.Length && (char.IsAsciiLetterOrDigit(source[i]) || source[i] == '_'))
        {
            i++;
        }
        return i;
    }

    private static Token? Previous(List<Token> tokens) => tokens.Count > 0 ? tokens[^1] : null;
}
