using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.PartiQl;

/// <summary>
/// A parsed PartiQL statement, translated into DynamoDB's own expression language: paths become <c>#pN</c> names and
/// literals and <c>?</c> parameters become <c>:pN</c> values, so the existing expression parser and evaluator run it.
/// </summary>
internal sealed class PartiQlStatement
{
    public required PartiQlKind Kind { get; init; }

    public required string TableName { get; init; }

    /// <summary>SELECT … FROM "Table"."Index".</summary>
    public string? IndexName { get; init; }

    /// <summary>SELECT's attribute list as a ProjectionExpression; null for <c>*</c>.</summary>
    public string? Projection { get; init; }

    public IReadOnlyList<PartiQlConjunct> Where { get; init; } = [];

    /// <summary>SELECT's ORDER BY keys, in the order written; empty when there is none.</summary>
    public IReadOnlyList<PartiQlOrderTerm> OrderBy { get; init; } = [];

    /// <summary>INSERT's VALUE.</summary>
    public IReadOnlyDictionary<string, AttributeValue>? Item { get; init; }

    /// <summary>UPDATE's SET and REMOVE clauses as an UpdateExpression.</summary>
    public string? UpdateExpression { get; init; }

    /// <summary>RETURNING as a ReturnValues value (ALL_OLD, ALL_NEW, UPDATED_OLD, UPDATED_NEW), or NONE.</summary>
    public string ReturnValues { get; init; } = "NONE";

    public required Dictionary<string, string> Names { get; init; }

    public required Dictionary<string, AttributeValue> Values { get; init; }
}
