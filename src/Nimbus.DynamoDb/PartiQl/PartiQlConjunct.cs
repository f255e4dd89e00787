using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.PartiQl;

/// <summary>
/// One term of a WHERE clause's top-level AND, as DynamoDB expression text. When the term compares a top-level
/// attribute (<c>a = v</c>, <c>a &lt; v</c>, <c>a BETWEEN v AND w</c>, <c>begins_with(a, v)</c>) it names the attribute
/// and operator, so key conditions can be told from filters; <see cref="Value"/> is the value of an equality, and
/// <see cref="Values"/> the values of an <c>a IN [...]</c> whose members are all literals or parameters (a partition
/// key IN becomes one Query per value).
/// </summary>
internal sealed record PartiQlConjunct(
    string Expression, string? Attribute = null, string? Operator = null, AttributeValue? Value = null, IReadOnlyList<AttributeValue>? Values = null);
