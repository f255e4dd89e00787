using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Expressions;

internal sealed partial class ExpressionParser
{
    /// <summary>Parses a condition, filter or key-condition expression.</summary>
    public static Condition ParseCondition(string source, ExpressionKind kind, ExpressionContext context)
    {
        var parser = new ExpressionParser(source, kind, context);
        var condition = parser.ParseOr();
        parser.ExpectEnd();
        return condition;
    }

    private Condition ParseOr()
    {
        var left = ParseAnd();
        while (AcceptKeyword("OR"))
        {
            left = new OrCondition(left, ParseAnd());
        }
        return left;
    }

    private Condition ParseAnd()
    {
        var left = ParseNot();
        while (AcceptKeyword("AND"))
        {
            left = new AndCondition(left, ParseNot());
        }
        return left;
    }

    private Condition ParseNot() => AcceptKeyword("NOT") ? new NotCondition(ParseNot()) : ParsePrimary();

    private Condition ParsePrimary()
    {
        if (Accept(TokenKind.LeftParen))
        {
            var inner = ParseOr();
            Expect(TokenKind.RightParen);
            return inner;
        }
        if (AtFunctionCall && Current.Text != "size")
        {
            return ParseConditionFunction();
        }
        var left = ParseOperand(update: false);
        var op = Current;
        switch (op.Kind)
        {
            case TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual:
                Advance();
                return new Comparison(left, op.Kind, ParseOperand(update: false));
            case TokenKind.Identifier when op.IsKeyword("BETWEEN"):
            {
                Advance();
                var low = ParseOperand(update: false);
                if (!AcceptKeyword("AND"))
                {
                    throw SyntaxError();
                }
                var high = ParseOperand(update: false);
                CheckBounds(low, high);
                return new BetweenCondition(left, low, high);
            }
            case TokenKind.Identifier when op.IsKeyword("IN"):
            {
                Advance();
                Expect(TokenKind.LeftParen);
                var options = new List<Operand> { ParseOperand(update: false) };
                while (Accept(TokenKind.Comma))
                {
                    options.Add(ParseOperand(update: false));
                }
                Expect(TokenKind.RightParen);
                if (options.Count > 100)
                {
                    throw ExpressionErrors.Invalid(_kind, $"The IN operator is provided with too many operands; number of operands: {options.Count}");
                }
                return new InCondition(left, options);
            }
            default:
                throw SyntaxError();
        }
    }

    /// <summary>AWS checks BETWEEN's bounds when both are values.</summary>
    private void CheckBounds(Operand low, Operand high)
    {
        if (low is ValueOperand l && high is ValueOperand h && ConditionEvaluator.Compare(l.Value, h.Value) is > 0)
        {
            throw ExpressionErrors.Invalid(_kind,
                $"The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {AttributeValueWriter.Describe(l.Value)}, upper bound operand: AttributeValue: {AttributeValueWriter.Describe(h.Value)}");
        }
    }

    private Condition ParseConditionFunction()
    {
        var name = Advance().Text;
        switch (name)
        {
            case "attribute_exists" or "attribute_not_exists":
            {
                var arguments = ParseArguments(update: false);
                RequireCount(name, arguments, 1);
                RequirePath(name, arguments[0]);
                return new FunctionCondition(name, arguments);
            }
            case "attribute_type" or "begins_with" or "contains":
            {
                var arguments = ParseArguments(update: false);
                RequireCount(name, arguments, 2);
                if (name == "attribute_type")
                {
                    RequirePath(name, arguments[0]);
                    if (arguments[1] is ValueOperand { Value: var type } && (type.Kind != AttributeKind.S || !Enum.TryParse<AttributeKind>(type.S, out _)))
                    {
                        throw ExpressionErrors.Invalid(_kind, $"Invalid attribute type name found; type: {(type.Kind == AttributeKind.S ? type.S : type.TypeName)}, valid types: {{B,NULL,SS,BOOL,L,BS,N,NS,S,M}}");
                    }
                }
                if (name == "begins_with" && arguments[1] is ValueOperand { Value: var prefix } && prefix.Kind is not (AttributeKind.S or AttributeKind.B))
                {
                    throw ExpressionErrors.OperandType(_kind, name, prefix.TypeName);
                }
                return new FunctionCondition(name, arguments);
            }
            case "if_not_exists" or "list_append":
                throw ExpressionErrors.FunctionMisuse(_kind, name);
            default:
                throw ExpressionErrors.InvalidFunction(_kind, name);
        }
    }

    private void RequirePath(string function, Operand operand)
    {
        if (operand is not PathOperand)
        {
            throw ExpressionErrors.Invalid(_kind, $"Operator or function requires a document path; operator or function: {function}");
        }
    }
}
