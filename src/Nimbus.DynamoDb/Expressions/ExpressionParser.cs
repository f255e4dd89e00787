using Nimbus.Core;

namespace Nimbus.DynamoDb.Expressions;

/// <summary>
/// Recursive-descent parser for DynamoDB expressions: shared operand and path rules here; conditions, updates and
/// projections in the partial files. Placeholders are resolved while parsing, so errors about undefined names name
/// the expression they occur in, as AWS's do.
/// </summary>
internal sealed partial class ExpressionParser
{
    private readonly string _source;
    private readonly List<Token> _tokens;
    private readonly ExpressionKind _kind;
    private readonly ExpressionContext _context;
    private int _position;

    private ExpressionParser(string source, ExpressionKind kind, ExpressionContext context)
    {
        _source = source;
        _kind = kind;
        _context = context;
        if (string.IsNullOrWhiteSpace(source))
        {
            throw ExpressionErrors.Empty(kind);
        }
        _tokens = Tokenizer.Tokenize(source, kind);
    }

    private Token Current => _tokens[_position];

    private Token? PreviousToken => _position > 0 ? _tokens[_position - 1] : null;

    private Token Advance() => _tokens[_position++];

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }
        _position++;
        return true;
    }

    private bool AcceptKeyword(string keyword)
    {
        if (!Current.IsKeyword(keyword))
        {
            return false;
        }
        _position++;
        return true;
    }

    private void Expect(TokenKind kind)
    {
        if (!Accept(kind))
        {
            throw SyntaxError();
        }
    }

    private void ExpectEnd()
    {
        if (Current.Kind != TokenKind.End)
        {
            throw SyntaxError();
        }
    }

    private AwsServiceException SyntaxError() => ExpressionErrors.Syntax(_kind, _source, Current, PreviousToken);

    private bool AtFunctionCall => Current.Kind == TokenKind.Identifier && _tokens[_position + 1].Kind == TokenKind.LeftParen;

    private DocumentPath ParsePath()
    {
        var elements = new List<PathElement> { new(ParseName(), 0) };
        while (true)
        {
            if (Accept(TokenKind.Dot))
            {
                elements.Add(new PathElement(ParseName(), 0));
            }
            else if (Accept(TokenKind.LeftBracket))
            {
                var index = Current;
                if (index.Kind != TokenKind.Integer || !int.TryParse(index.Text, out var value))
                {
                    throw SyntaxError();
                }
                Advance();
                Expect(TokenKind.RightBracket);
                elements.Add(new PathElement(null, value));
            }
            else
            {
                return new DocumentPath(elements);
            }
        }
    }

    private string ParseName()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                if (ReservedWords.Contains(token.Text))
                {
                    throw ExpressionErrors.ReservedKeyword(_kind, token.Text);
                }
                Advance();
                return token.Text;
            case TokenKind.NamePlaceholder:
                Advance();
                return _context.ResolveName(_kind, token.Text);
            default:
                throw SyntaxError();
        }
    }

    /// <summary>A path, a value placeholder or a function call that yields a value.</summary>
    private Operand ParseOperand(bool update)
    {
        var token = Current;
        if (AtFunctionCall)
        {
            return ParseOperandFunction(update);
        }
        if (token.Kind == TokenKind.ValuePlaceholder)
        {
            Advance();
            return new ValueOperand(token.Text, _context.ResolveValue(_kind, token.Text));
        }
        if (token.Kind is TokenKind.Identifier or TokenKind.NamePlaceholder)
        {
            return new PathOperand(ParsePath());
        }
        throw SyntaxError();
    }

    private Operand ParseOperandFunction(bool update)
    {
        var name = Advance().Text;
        var arguments = ParseArguments(update);
        switch (name)
        {
            case "size" when !update:
                RequireCount(name, arguments, 1);
                if (arguments[0] is ValueOperand value)
                {
                    throw ExpressionErrors.OperandType(_kind, name, value.Value.TypeName);
                }
                return new SizeOperand(arguments[0]);
            case "if_not_exists" when update:
                RequireCount(name, arguments, 2);
                if (arguments[0] is not PathOperand path)
                {
                    throw ExpressionErrors.Invalid(_kind, $"Operator or function requires a document path; operator or function: {name}");
                }
                return new IfNotExistsOperand(path.Path, arguments[1]);
            case "list_append" when update:
                RequireCount(name, arguments, 2);
                return new ListAppendOperand(arguments[0], arguments[1]);
            case "size" or "if_not_exists" or "list_append" or "attribute_exists" or "attribute_not_exists" or "attribute_type" or "begins_with" or "contains":
                throw ExpressionErrors.FunctionMisuse(_kind, name);
            default:
                throw ExpressionErrors.InvalidFunction(_kind, name);
        }
    }

    private List<Operand> ParseArguments(bool update)
    {
        Expect(TokenKind.LeftParen);
        var arguments = new List<Operand> { ParseOperand(update) };
        while (Accept(TokenKind.Comma))
        {
            arguments.Add(ParseOperand(update));
        }
        Expect(TokenKind.RightParen);
        return arguments;
    }

    private void RequireCount(string function, List<Operand> arguments, int count)
    {
        if (arguments.Count != count)
        {
            throw ExpressionErrors.OperandCount(_kind, function, arguments.Count);
        }
    }
}
