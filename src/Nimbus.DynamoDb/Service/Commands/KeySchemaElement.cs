namespace Nimbus.DynamoDb.Service.Commands;

/// <summary>A KeySchemaElement as requested: attribute name and HASH or RANGE.</summary>
internal sealed record KeySchemaElement(string AttributeName, string KeyType);
