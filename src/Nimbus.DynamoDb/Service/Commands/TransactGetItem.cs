using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Service.Commands;

/// <summary>One key to read in BatchGetItem or TransactGetItems.</summary>
internal sealed record TransactGetItem(string TableName, IReadOnlyDictionary<string, AttributeValue> Key, IReadOnlyList<DocumentPath>? Projection, bool ConsistentRead = true);
