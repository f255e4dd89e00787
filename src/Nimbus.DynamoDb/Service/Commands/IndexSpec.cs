namespace Nimbus.DynamoDb.Service.Commands;

/// <summary>A secondary index as requested in CreateTable or UpdateTable.</summary>
internal sealed record IndexSpec(string Name, IReadOnlyList<KeySchemaElement> KeySchema, string? ProjectionType,
    IReadOnlyList<string>? NonKeyAttributes, long? ReadCapacityUnits, long? WriteCapacityUnits);
