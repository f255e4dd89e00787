using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.PartiQl;

/// <summary>
/// DynamoDB's PartiQL (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.html):
/// <c>SELECT * | path, … FROM "Table"["Index"] [WHERE …] [ORDER BY key [ASC|DESC], …]</c>, <c>INSERT INTO "Table" VALUE {…}</c>,
/// <c>UPDATE "Table" SET path = value | REMOVE path … WHERE … [RETURNING ALL|MODIFIED OLD|NEW *]</c> and
/// <c>DELETE FROM "Table" WHERE … [RETURNING ALL OLD *]</c>, with <c>?</c> parameters.
/// </summary>
internal sealed partial class PartiQlParser
{
    private readonly List<PartiQlToken> _tokens;
    private readonly IReadOnlyList<AttributeValue> _parameters;
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AttributeValue> _values = new(StringComparer.Ordinal);
    private int _position;
    private int _parameter;

    private PartiQlParser(string statement, IReadOnlyList<AttributeValue> parameters)
    {
        _tokens = PartiQlTokenizer.Tokenize(statement);
        _parameters = parameters;
    }

    public static PartiQlStatement Parse(string statement, IReadOnlyList<AttributeValue> parameters)
    {
        var parser = new PartiQlParser(statement, parameters);
        var parsed = parser.Statement();
        if (parser.Current.Kind != PartiQlTokenKind.End)
        {
            throw parser.Unexpected();
        }
        if (parser._parameter != parameters.Count)
        {
            throw PartiQlErrors.ParameterCount();
        }
        return parsed;
    }

    private PartiQlToken Current => _tokens[_position];

    private PartiQlStatement Statement()
    {
        if (Accept("SELECT"))
        {
            return SelectStatement(PartiQlKind.Select);
        }
        // EXISTS(SELECT …): a condition check, allowed only among ExecuteTransaction's writes.
        if (Current.Is("EXISTS") && _tokens[_position + 1].IsSymbol("("))
        {
            _position += 2;
            Expect("SELECT");
            var check = SelectStatement(PartiQlKind.Exists);
            ExpectSymbol(")");
            return check;
        }
        if (Accept("INSERT"))
        {
            Expect("INTO");
            var table = Name();
            Expect("VALUE");
            var item = Literal();
            if (item.Kind != AttributeKind.M)
            {
                throw PartiQlErrors.Unsupported("INSERT VALUE must be a map of attribute names to values");
            }
            return new PartiQlStatement
            {
                Kind = PartiQlKind.Insert, TableName = table, Item = item.M.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                Names = _names, Values = _values,
            };
        }
        if (Accept("UPDATE"))
        {
            return UpdateStatement();
        }
        if (Accept("DELETE"))
        {
            Expect("FROM");
            var table = Name();
            Expect("WHERE");
            var where = Where();
            var returning = Returning();
            if (returning is not ("NONE" or "ALL_OLD"))
            {
                throw PartiQlErrors.Unsupported("DELETE supports only RETURNING ALL OLD *");
            }
            return new PartiQlStatement { Kind = PartiQlKind.Delete, TableName = table, Where = where, ReturnValues = returning, Names = _names, Values = _values };
        }
        throw Unexpected();
    }

    private PartiQlStatement SelectStatement(PartiQlKind kind)
    {
        string? projection = null;
        if (!AcceptSymbol("*"))
        {
            var paths = new List<string> { Path() };
            while (AcceptSymbol(","))
            {
                paths.Add(Path());
            }
            projection = string.Join(", ", paths);
        }
        Expect("FROM");
        var table = Name();
        string? index = null;
        if (AcceptSymbol("."))
        {
            index = Name();
        }
        var where = Accept("WHERE") ? Where() : [];
        return new PartiQlStatement
        {
            Kind = kind, TableName = table, IndexName = index, Projection = projection,
            Where = where, OrderBy = OrderBy(), Names = _names, Values = _values,
        };
    }

    /// <summary>[ORDER BY name [ASC|DESC] [, …]]: attribute names only; whether they are keys is checked against the table.</summary>
    private List<PartiQlOrderTerm> OrderBy()
    {
        var terms = new List<PartiQlOrderTerm>();
        if (!Accept("ORDER"))
        {
            return terms;
        }
        Expect("BY");
        do
        {
            var attribute = Name();
            if (Current.IsSymbol(".") || Current.IsSymbol("[") || Current.IsSymbol("("))
            {
                // A document path or a function call: DynamoDB orders only by a key attribute named on its own.
                throw PartiQlErrors.OrderByNotVariable();
            }
            var descending = Accept("DESC");
            if (!descending)
            {
                Accept("ASC");
            }
            terms.Add(new PartiQlOrderTerm(attribute, descending));
        }
        while (AcceptSymbol(","));
        return terms;
    }

    /// <summary>RETURNING ALL|MODIFIED OLD|NEW * → ReturnValues.</summary>
    private string Returning()
    {
        if (!Accept("RETURNING"))
        {
            return "NONE";
        }
        var all = Accept("ALL") ? true : Accept("MODIFIED") ? false : throw Unexpected();
        var old = Accept("OLD") ? true : Accept("NEW") ? false : throw Unexpected();
        ExpectSymbol("*");
        return (all ? "ALL_" : "UPDATED_") + (old ? "OLD" : "NEW");
    }

    /// <summary>A table, index or attribute name: "quoted" (any characters) or a bare word.</summary>
    private string Name()
    {
        var token = Current;
        if (token.Kind is PartiQlTokenKind.QuotedName or PartiQlTokenKind.Word)
        {
            _position++;
            return token.Text;
        }
        throw Unexpected();
    }

    private bool Accept(string keyword)
    {
        if (Current.Is(keyword))
        {
            _position++;
            return true;
        }
        return false;
    }

    private bool AcceptSymbol(string symbol)
    {
        if (Current.IsSymbol(symbol))
        {
            _position++;
            return true;
        }
        return false;
    }

    private void Expect(string keyword)
    {
        if (!Accept(keyword))
        {
            throw Unexpected();
        }
    }

    private void ExpectSymbol(string symbol)
    {
        if (!AcceptSymbol(symbol))
        {
            throw Unexpected();
        }
    }

    private Nimbus.Core.AwsServiceException Unexpected() => Current.Kind == PartiQlTokenKind.End
        ? PartiQlErrors.Syntax("Unexpected end of statement", Current.Position)
        : PartiQlErrors.Syntax($"Unexpected token '{Current.Text}'", Current.Position);
}
