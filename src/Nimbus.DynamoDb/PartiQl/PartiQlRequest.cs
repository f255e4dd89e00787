using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.PartiQl;

/// <summary>One statement of BatchExecuteStatement or ExecuteTransaction with its parameters.</summary>
internal sealed record PartiQlRequest(string Statement, IReadOnlyList<AttributeValue> Parameters, bool ConsistentRead = false, bool ReturnItemOnConditionFailure = false);
