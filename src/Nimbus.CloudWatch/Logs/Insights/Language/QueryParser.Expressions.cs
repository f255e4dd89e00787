namespace Nimbus.CloudWatch.Logs.Insights.Language;

/// <summary>
/// Expressions, loosest binding first: <c>or</c>, <c>and</c>, <c>not</c>, comparisons (with <c>like</c>, <c>=~</c>,
/// <c>in</c>), <c>+ -</c>, <c>* / %</c>, <c>^</c>, unary minus, then literals, fields, calls and parentheses.
/// </summary>
internal sealed partial class QueryParser
{
    private static readonly HashSet<string> Comparisons = ["=", "!=", "<", "<=", ">", ">=", "=~"];

    private Expr ParseExpression() => ParseOr();

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (_lexer.Peek().IsKeyword("or"))
        {
            _lexer.Next();
            left = new BinaryExpr("or", left, ParseAnd());
        }
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (_lexer.Peek().IsKeyword("and"))
        {
            _lexer.Next();
            left = new BinaryExpr("and", left, ParseNot());
        }
        return left;
    }

    private Expr ParseNot()
    {
        if (_lexer.Peek().IsKeyword("not"))
        {
            _lexer.Next();
            return new UnaryExpr("not", ParseNot());
        }
        if (_lexer.Peek().Is(TokenKind.Operator, "!"))
        {
            _lexer.Next();
            return new UnaryExpr("not", ParseNot());
        }
        return ParseComparison();
    }

    private Expr ParseComparison()
    {
        var left = ParseAdditive();
        var token = _lexer.Peek();
        if (token.Kind == TokenKind.Operator && Comparisons.Contains(token.Value))
        {
            _lexer.Next();
            var right = token.Value == "=~" ? ParseRegexOperand() : ParseAdditive();
            return new BinaryExpr(token.Value, left, right);
        }
        var negated = false;
        if (token.IsKeyword("not"))
        {
            _lexer.Next();
            negated = true;
            token = _lexer.Peek();
            if (!token.IsKeyword("like") && !token.IsKeyword("in"))
            {
                throw Unexpected(token);
            }
        }
        if (token.IsKeyword("like"))
        {
            _lexer.Next();
            Expr like = new BinaryExpr("like", left, ParseRegexOperand());
            return negated ? new UnaryExpr("not", like) : like;
        }
        if (token.IsKeyword("in"))
        {
            _lexer.Next();
            return new InExpr(left, ParseList(), negated);
        }
        return left;
    }

    /// <summary>The right side of <c>like</c> and <c>=~</c>: a <c>/regex/</c> or a string.</summary>
    private Expr ParseRegexOperand()
    {
        if (_lexer.Peek().Is(TokenKind.Operator, "/"))
        {
            return new Literal(CompileRegex(_lexer.ReadRegex()));
        }
        var token = _lexer.Next();
        return token.Kind == TokenKind.String ? new Literal(token.Value) : throw Unexpected(token);
    }

    private List<Expr> ParseList()
    {
        var open = _lexer.Next();
        if (open.Kind != TokenKind.OpenBracket)
        {
            throw Unexpected(open);
        }
        var items = new List<Expr>();
        if (_lexer.Peek().Kind != TokenKind.CloseBracket)
        {
            items = List(ParseAdditive);
        }
        var close = _lexer.Next();
        return close.Kind == TokenKind.CloseBracket ? items : throw Unexpected(close);
    }

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (_lexer.Peek() is { Kind: TokenKind.Operator, Value: "+" or "-" })
        {
            left = new BinaryExpr(_lexer.Next().Value, left, ParseMultiplicative());
        }
        return left;
    }

    private Expr ParseMultiplicative()
    {
        var left = ParsePower();
        while (_lexer.Peek() is { Kind: TokenKind.Operator, Value: "*" or "/" or "%" })
        {
            left = new BinaryExpr(_lexer.Next().Value, left, ParsePower());
        }
        return left;
    }

    private Expr ParsePower()
    {
        var left = ParseUnary();
        if (_lexer.Peek().Is(TokenKind.Operator, "^"))
        {
            _lexer.Next();
            return new BinaryExpr("^", left, ParsePower());
        }
        return left;
    }

    private Expr ParseUnary()
    {
        if (_lexer.Peek().Is(TokenKind.Operator, "-"))
        {
            _lexer.Next();
            return new UnaryExpr("-", ParseUnary());
        }
        return ParsePrimary();
    }

    private Expr ParsePrimary()
    {
        var token = _lexer.Peek();
        switch (token.Kind)
        {
            case TokenKind.Number:
                _lexer.Next();
                return new Literal(token.Number);
            case TokenKind.Duration:
                _lexer.Next();
                return new Literal(TimeSpan.FromMilliseconds(token.Number));
            case TokenKind.String:
                _lexer.Next();
                return new Literal(token.Value);
            case TokenKind.Operator when token.Value == "/":
                return new Literal(CompileRegex(_lexer.ReadRegex()));
            case TokenKind.OpenParen:
                _lexer.Next();
                var inner = ParseExpression();
                var close = _lexer.Next();
                return close.Kind == TokenKind.CloseParen ? inner : throw Unexpected(close);
            case TokenKind.Identifier:
                _lexer.Next();
                return _lexer.Peek().Kind == TokenKind.OpenParen && !token.Quoted ? ParseCall(token) : new FieldRef(token.Value);
            default:
                throw Unexpected(token);
        }
    }

    private CallExpr ParseCall(Token name)
    {
        _lexer.Next();
        var isAggregate = FunctionCatalog.Aggregates.TryGetValue(name.Value, out var arity);
        if (!isAggregate && !FunctionCatalog.Scalars.TryGetValue(name.Value, out arity))
        {
            throw InsightsErrors.Malformed(_text, name.Start, name.End, $"Unrecognized function name: {name.Value}");
        }
        if (isAggregate && _aggregates is null)
        {
            throw InsightsErrors.Malformed(_text, name.Start, name.End, $"The aggregate function {name.Value} can only be used in the stats command");
        }
        var arguments = new List<Expr>();
        // count(*) counts every record: the star is no argument.
        if (name.Value == "count" && _lexer.Peek().Is(TokenKind.Operator, "*"))
        {
            _lexer.Next();
        }
        else if (_lexer.Peek().Kind != TokenKind.CloseParen)
        {
            var outer = _aggregates;
            _aggregates = null; // aggregates do not nest
            arguments = List(ParseExpression);
            _aggregates = outer;
        }
        var close = _lexer.Next();
        if (close.Kind != TokenKind.CloseParen)
        {
            throw Unexpected(close);
        }
        if (arguments.Count < arity.Min || arguments.Count > arity.Max)
        {
            throw InsightsErrors.Malformed(_text, name.Start, close.End, $"Wrong number of arguments for function {name.Value}");
        }
        var call = new CallExpr(name.Value, arguments, isAggregate);
        if (isAggregate)
        {
            _aggregates!.Add(call);
        }
        return call;
    }
}
