using System.Text;

namespace Nimbus.DynamoDb.PartiQl;

/// <summary>
/// Splits a PartiQL statement into tokens: words, "quoted names", 'strings' ('' escapes a quote), numbers and
/// symbols (including the set brackets &lt;&lt; &gt;&gt;).
/// </summary>
internal static class PartiQlTokenizer
{
    private static readonly string[] Symbols = ["<<", ">>", "<>", "!=", "<=", ">=", "(", ")", "[", "]", "{", "}", ",", ".", ":", "?", "*", "+", "-", "=", "<", ">"];

    public static List<PartiQlToken> Tokenize(string source)
    {
        var tokens = new List<PartiQlToken>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                var start = i;
                var text = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= source.Length)
                    {
                        throw PartiQlErrors.Syntax(c == '\'' ? "Unterminated string literal" : "Unterminated quoted identifier", start);
                    }
                    if (source[i] == c)
                    {
                        if (i + 1 < source.Length && source[i + 1] == c)
                        {
                            text.Append(c);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    text.Append(source[i++]);
                }
                tokens.Add(new PartiQlToken(c == '\'' ? PartiQlTokenKind.String : PartiQlTokenKind.QuotedName, text.ToString(), start));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < source.Length && char.IsAsciiDigit(source[i + 1])))
            {
                var start = i;
                while (i < source.Length && (char.IsAsciiDigit(source[i]) || source[i] == '.'))
                {
                    i++;
                }
                if (i < source.Length && source[i] is 'e' or 'E')
                {
                    i++;
                    if (i < source.Length && source[i] is '+' or '-')
                    {
                        i++;
                    }
                    while (i < source.Length && char.IsAsciiDigit(source[i]))
                    {
                        i++;
                    }
                }
                tokens.Add(new PartiQlToken(PartiQlTokenKind.Number, source[start..i], start));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] is '_' or '$'))
                {
                    i++;
                }
                tokens.Add(new PartiQlToken(PartiQlTokenKind.Word, source[start..i], start));
            }
            else if (Symbols.FirstOrDefault(s => string.CompareOrdinal(source, i, s, 0, s.Length) == 0) is { } symbol)
            {
                tokens.Add(new PartiQlToken(PartiQlTokenKind.Symbol, symbol, i));
                i += symbol.Length;
            }
            else
            {
                throw PartiQlErrors.Syntax($"Unexpected character '{c}'", i);
            }
        }
        tokens.Add(new PartiQlToken(PartiQlTokenKind.End, "", source.Length));
        return tokens;
    }
}
