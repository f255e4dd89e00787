using System.Text.RegularExpressions;

namespace Nimbus.DynamoDb.PartiQl;

internal sealed partial class PartiQlParser
{
    /// <summary>
    /// <c>UPDATE "Table" (SET path = value, … | REMOVE path, …)+ WHERE … [RETURNING …]</c>. A SET of
    /// <c>set_add(path, &lt;&lt;…&gt;&gt;)</c> or <c>set_delete(path, &lt;&lt;…&gt;&gt;)</c> on its own path is DynamoDB's
    /// <c>ADD</c> or <c>DELETE</c> of set elements
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.update.html).
    /// </summary>
    private PartiQlStatement UpdateStatement()
    {
        var table = Name();
        var clauses = new Dictionary<string, List<string>>(StringComparer.Ordinal) { ["SET"] = [], ["REMOVE"] = [], ["ADD"] = [], ["DELETE"] = [] };
        while (true)
        {
            if (Accept("SET"))
            {
                do
                {
                    var path = Path();
                    ExpectSymbol("=");
                    if (SetFunction() is { } function)
                    {
                        var (operand, elements) = SetFunctionArguments();
                        if (Resolved(operand) != Resolved(path))
                        {
                            throw PartiQlErrors.Unsupported($"{function} must name the attribute it is assigned to");
                        }
                        clauses[function == "set_add" ? "ADD" : "DELETE"].Add($"{path} {elements}");
                    }
                    else
                    {
                        clauses["SET"].Add($"{path} = {SetValue()}");
                    }
                }
                while (AcceptSymbol(","));
            }
            else if (Accept("REMOVE"))
            {
                do
                {
                    clauses["REMOVE"].Add(Path());
                }
                while (AcceptSymbol(","));
            }
            else
            {
                break;
            }
        }
        if (clauses.Values.All(c => c.Count == 0))
        {
            throw Unexpected();
        }
        var update = string.Join(" ", clauses.Where(c => c.Value.Count > 0).Select(c => c.Key + " " + string.Join(", ", c.Value)));
        Expect("WHERE");
        var where = Where();
        return new PartiQlStatement
        {
            Kind = PartiQlKind.Update, TableName = table, UpdateExpression = update, Where = where, ReturnValues = Returning(),
            Names = _names, Values = _values,
        };
    }

    /// <summary>set_add or set_delete when one is called here (and consumes its name and parenthesis); otherwise null.</summary>
    private string? SetFunction()
    {
        if ((Current.Is("set_add") || Current.Is("set_delete")) && _tokens[_position + 1].IsSymbol("("))
        {
            var function = Current.Text.ToLowerInvariant();
            _position += 2;
            return function;
        }
        return null;
    }

    /// <summary>The <c>path, value)</c> of set_add / set_delete: the path and the placeholder of the elements.</summary>
    private (string Path, string Elements) SetFunctionArguments()
    {
        var path = Path();
        ExpectSymbol(",");
        var elements = Placeholder(Literal());
        ExpectSymbol(")");
        return (path, elements);
    }

    /// <summary>A placeholder path (<c>#p1.#p2[0]</c>) with its names filled in, to compare two paths.</summary>
    private string Resolved(string path) => PlaceholderName().Replace(path, m => "\"" + _names[m.Value] + "\"");

    [GeneratedRegex(@"#p\d+")]
    private static partial Regex PlaceholderName();
}
