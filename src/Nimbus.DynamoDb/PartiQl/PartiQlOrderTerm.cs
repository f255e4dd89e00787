namespace Nimbus.DynamoDb.PartiQl;

/// <summary>One key of a SELECT's <c>ORDER BY</c>: the attribute and whether it sorts descending.</summary>
internal sealed record PartiQlOrderTerm(string Attribute, bool Descending);
