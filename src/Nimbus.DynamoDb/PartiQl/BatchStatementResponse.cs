using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.PartiQl;

/// <summary>One statement's outcome in BatchExecuteStatement: its table and item, or its error (code as AWS's BatchStatementErrorCodeEnum).</summary>
internal sealed record BatchStatementResponse(
    string? TableName,
    IReadOnlyDictionary<string, AttributeValue>? Item,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    IReadOnlyDictionary<string, AttributeValue>? ErrorItem = null);
