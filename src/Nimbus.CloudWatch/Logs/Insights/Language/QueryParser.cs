using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Nimbus.CloudWatch.Logs.Insights.Language;

/// <summary>
/// Parses the Logs Insights query language's common case into commands: <c>fields</c>, <c>filter</c>,
/// <c>stats … by …</c>, <c>sort</c>, <c>limit</c>, <c>parse</c>, <c>display</c> and <c>dedup</c>, separated by
/// <c>|</c> (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html). Anything else is a
/// MalformedQueryException pointing at the offending text.
/// </summary>
internal sealed partial class QueryParser
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(2);

    private readonly QueryLexer _lexer;
    private readonly string _text;
    private List<CallExpr>? _aggregates;

    private QueryParser(string text)
    {
        _text = text;
        _lexer = new QueryLexer(text);
    }

    public static IReadOnlyList<QueryCommand> Parse(string text)
    {
        var parser = new QueryParser(text);
        var commands = new List<QueryCommand>();
        if (parser._lexer.Peek().Kind == TokenKind.End)
        {
            throw InsightsErrors.Malformed(text, 0, 0, "Query must contain at least one command");
        }
        while (true)
        {
            commands.Add(parser.ParseCommand());
            var next = parser._lexer.Next();
            if (next.Kind == TokenKind.End)
            {
                return commands;
            }
            if (next.Kind != TokenKind.Pipe)
            {
                throw parser.Unexpected(next);
            }
        }
    }

    private QueryCommand ParseCommand()
    {
        var name = _lexer.Next();
        if (name.Kind != TokenKind.Identifier || name.Quoted)
        {
            throw Unexpected(name);
        }
        return name.Value.ToLowerInvariant() switch
        {
            "fields" => new FieldsCommand(List(ParseNamed)),
            "filter" => new FilterCommand(ParseExpression()),
            "stats" => ParseStats(),
            "sort" => ParseSort(),
            "limit" => ParseLimit(),
            "parse" => ParseParse(),
            "display" => new DisplayCommand(List(ParseFieldName)),
            "dedup" => new DedupCommand(List(ParseFieldName)),
            _ => throw Unexpected(name),
        };
    }

    private StatsCommand ParseStats()
    {
        _aggregates = [];
        var items = List(ParseNamed);
        var aggregates = _aggregates;
        _aggregates = null;
        if (aggregates.Count == 0)
        {
            throw InsightsErrors.Malformed(_text, 0, _text.Length, "stats requires at least one aggregate function");
        }
        IReadOnlyList<NamedExpr> groups = [];
        if (_lexer.Peek().IsKeyword("by"))
        {
            _lexer.Next();
            groups = List(ParseNamed);
        }
        return new StatsCommand(items, groups, aggregates);
    }

    private SortCommand ParseSort()
    {
        if (_lexer.Peek().IsKeyword("by"))
        {
            _lexer.Next();
        }
        return new SortCommand(List(() =>
        {
            var expr = ParseExpression();
            var descending = false;
            if (_lexer.Peek().IsKeyword("desc") || _lexer.Peek().IsKeyword("asc"))
            {
                descending = _lexer.Next().IsKeyword("desc");
            }
            return new SortKey(expr, descending);
        }));
    }

    private LimitCommand ParseLimit()
    {
        var token = _lexer.Next();
        if (token.Kind != TokenKind.Number || token.Number < 1 || token.Number != Math.Floor(token.Number))
        {
            throw Unexpected(token);
        }
        return new LimitCommand((int)Math.Min(token.Number, int.MaxValue));
    }

    /// <summary><c>parse [field] "glob with *" as a, b</c> or <c>parse [field] /regex with (?&lt;name&gt;…)/</c>.</summary>
    private ParseCommand ParseParse()
    {
        Expr source = new FieldRef("@message");
        var peek = _lexer.Peek();
        if (peek.Kind == TokenKind.Identifier)
        {
            source = new FieldRef(_lexer.Next().Value);
            peek = _lexer.Peek();
        }
        if (peek.Is(TokenKind.Operator, "/"))
        {
            var regexToken = _lexer.ReadRegex();
            var regex = CompileRegex(regexToken);
            var names = regex.GetGroupNames().Where(n => !int.TryParse(n, CultureInfo.InvariantCulture, out _)).ToList();
            if (names.Count == 0)
            {
                throw InsightsErrors.Malformed(_text, regexToken.Start, regexToken.End, "parse with a regular expression needs at least one named capture group (?<name>...)");
            }
            return new ParseCommand(source, regex, names, Positional: false);
        }
        var glob = _lexer.Next();
        if (glob.Kind != TokenKind.String)
        {
            throw Unexpected(glob);
        }
        var asToken = _lexer.Next();
        if (!asToken.IsKeyword("as"))
        {
            throw Unexpected(asToken);
        }
        var fields = List(ParseFieldName);
        var wildcards = glob.Value.Count(c => c == '*');
        if (wildcards != fields.Count)
        {
            throw InsightsErrors.Malformed(_text, glob.Start, glob.End,
                string.Create(CultureInfo.InvariantCulture, $"The number of wildcards ({wildcards}) in the parse pattern does not match the number of fields ({fields.Count})"));
        }
        return new ParseCommand(source, GlobToRegex(glob.Value), fields, Positional: true);
    }

    /// <summary>Literal text must appear as written; each <c>*</c> captures as little as it can, the last one the rest.</summary>
    private static Regex GlobToRegex(string glob)
    {
        var pattern = new StringBuilder();
        var parts = glob.Split('*');
        for (var i = 0; i < parts.Length; i++)
        {
            pattern.Append(Regex.Escape(parts[i]));
            if (i < parts.Length - 1)
            {
                pattern.Append(i == parts.Length - 2 && parts[^1].Length == 0 ? "(.*)" : "(.*?)");
            }
        }
        return new Regex(pattern.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, RegexTimeout);
    }

    private Regex CompileRegex(Token token)
    {
        try
        {
            return new Regex(token.Value, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException exception)
        {
            throw InsightsErrors.Malformed(_text, token.Start, token.End, "Invalid regular expression: " + exception.Message);
        }
    }

    private NamedExpr ParseNamed()
    {
        var start = _lexer.Peek().Start;
        var expr = ParseExpression();
        var end = _lexer.Peek().Start;
        if (_lexer.Peek().IsKeyword("as"))
        {
            _lexer.Next();
            return new NamedExpr(expr, ParseFieldName());
        }
        return new NamedExpr(expr, expr is FieldRef field ? field.Name : _text[start..end].Trim());
    }

    private string ParseFieldName()
    {
        var token = _lexer.Next();
        return token.Kind == TokenKind.Identifier ? token.Value : throw Unexpected(token);
    }

    private List<T> List<T>(Func<T> item)
    {
        var items = new List<T> { item() };
        while (_lexer.Peek().Kind == TokenKind.Comma)
        {
            _lexer.Next();
            items.Add(item());
        }
        return items;
    }

    private Nimbus.Core.AwsServiceException Unexpected(Token token) =>
        InsightsErrors.Unexpected(_text, token.Start, token.End, token.Kind == TokenKind.End ? "" : _text[token.Start..token.End]);
}
