namespace Nimbus.DynamoDb.Expressions;

internal sealed partial class ExpressionParser
{
    private static readonly string[] Clauses = ["SET", "REMOVE", "ADD", "DELETE"];

    /// <summary>Parses an update expression: SET, REMOVE, ADD and DELETE clauses in any order, each at most once.</summary>
    public static IReadOnlyList<UpdateAction> ParseUpdate(string source, ExpressionContext context)
    {
        var parser = new ExpressionParser(source, ExpressionKind.UpdateExpression, context);
        var actions = parser.ParseClauses();
        for (var i = 0; i < actions.Count; i++)
        {
            for (var j = i + 1; j < actions.Count; j++)
            {
                if (actions[i].Path.Overlaps(actions[j].Path))
                {
                    throw ExpressionErrors.Overlap(ExpressionKind.UpdateExpression, actions[i].Path, actions[j].Path);
                }
            }
        }
        return actions;
    }

    private List<UpdateAction> ParseClauses()
    {
        var actions = new List<UpdateAction>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (Current.Kind != TokenKind.End)
        {
            var clause = Clauses.FirstOrDefault(Current.IsKeyword) ?? throw SyntaxError();
            Advance();
            if (!seen.Add(clause))
            {
                throw ExpressionErrors.Invalid(_kind, $"The \"{clause}\" section can only be used once in an update expression;");
            }
            do
            {
                actions.Add(clause switch
                {
                    "SET" => ParseSet(),
                    "REMOVE" => new RemoveAction(ParsePath()),
                    "ADD" => new AddAction(ParsePath(), ParseValuePlaceholder()),
                    _ => new DeleteAction(ParsePath(), ParseValuePlaceholder()),
                });
            }
            while (Accept(TokenKind.Comma));
        }
        return actions;
    }

    private SetAction ParseSet()
    {
        var path = ParsePath();
        Expect(TokenKind.Equal);
        var value = ParseOperand(update: true);
        if (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var subtract = Advance().Kind == TokenKind.Minus;
            value = new ArithmeticOperand(value, subtract, ParseOperand(update: true));
        }
        return new SetAction(path, value);
    }

    private ValueOperand ParseValuePlaceholder()
    {
        var token = Current;
        if (token.Kind != TokenKind.ValuePlaceholder)
        {
            throw SyntaxError();
        }
        Advance();
        return new ValueOperand(token.Text, _context.ResolveValue(_kind, token.Text));
    }

    /// <summary>Parses a projection expression: document paths separated by commas, none overlapping.</summary>
    public static IReadOnlyList<DocumentPath> ParseProjection(string source, ExpressionContext context)
    {
        var parser = new ExpressionParser(source, ExpressionKind.ProjectionExpression, context);
        var paths = new List<DocumentPath> { parser.ParsePath() };
        while (parser.Accept(TokenKind.Comma))
        {
            paths.Add(parser.ParsePath());
        }
        parser.ExpectEnd();
        for (var i = 0; i < paths.Count; i++)
        {
            for (var j = i + 1; j < paths.Count; j++)
            {
                if (paths[i].Overlaps(paths[j]))
                {
                    throw ExpressionErrors.Overlap(ExpressionKind.ProjectionExpression, paths[i], paths[j]);
                }
            }
        }
        return paths;
    }
}
