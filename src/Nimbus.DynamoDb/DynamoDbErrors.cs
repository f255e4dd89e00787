using Nimbus.Core;

namespace Nimbus.DynamoDb;

/// <summary>
/// DynamoDB's errors. The wire type carries the model's namespace
/// (<c>com.amazonaws.dynamodb.v20120810#ValidationException</c>) as AWS sends it; clients keep the part after '#'.
/// </summary>
internal static class DynamoDbErrors
{
    private const string Prefix = "com.amazonaws.dynamodb.v20120810#";

    public static AwsServiceException Validation(string message) => new(Prefix + "ValidationException", 400, message);

    public static AwsServiceException Serialization(string message) => new(Prefix + "SerializationException", 400, message);

    public static AwsServiceException ResourceNotFound(string message = "Requested resource not found") =>
        new(Prefix + "ResourceNotFoundException", 400, message);

    public static AwsServiceException TableNotFound(string table) => ResourceNotFound($"Requested resource not found: Table: {table} not found");

    /// <summary>The backup and continuous-backup operations name a missing table differently from the others.</summary>
    public static AwsServiceException TableNotFoundForBackup(string table) => new(Prefix + "TableNotFoundException", 400, $"Table not found: {table}");

    public static AwsServiceException BackupNotFound(string arn) => new(Prefix + "BackupNotFoundException", 400, $"Backup not found: {arn}");

    public static AwsServiceException TableAlreadyExists(string table) => new(Prefix + "TableAlreadyExistsException", 400, $"Table already exists: {table}");

    public static AwsServiceException PolicyNotFound(string detail) =>
        new(Prefix + "PolicyNotFoundException", 400, "Resource-based policy not found for the provided ResourceArn: " + detail);

    public static AwsServiceException ResourceInUse(string message) => new(Prefix + "ResourceInUseException", 400, message);

    public static AwsServiceException LimitExceeded(string message) => new(Prefix + "LimitExceededException", 400, message);

    public static AwsServiceException UnknownOperation(string target) =>
        new(Prefix + "UnknownOperationException", 400, $"Unknown operation: {target}");

    public static AwsServiceException NotImplemented(string operation) =>
        new(Prefix + "UnknownOperationException", 400, $"The operation {operation} is not supported by Nimbus yet.");

    public static AwsServiceException IdempotentParameterMismatch() =>
        new(Prefix + "IdempotentParameterMismatchException", 400,
            "Request token has been used before with different parameters.");

    public static AwsServiceException TransactionInProgress() =>
        new(Prefix + "TransactionInProgressException", 400, "Transaction with the same ClientRequestToken is in progress.");

    public static AwsServiceException ItemCollectionSizeLimitExceeded(string message) =>
        new(Prefix + "ItemCollectionSizeLimitExceededException", 400, message);

    /// <summary>Streams errors use the streams namespace.</summary>
    public static AwsServiceException ExpiredIterator(string message) =>
        new("com.amazonaws.dynamodb.v20120810#ExpiredIteratorException", 400, message);

    public static AwsServiceException TrimmedDataAccess(string message) =>
        new("com.amazonaws.dynamodb.v20120810#TrimmedDataAccessException", 400, message);

    /// <summary>
    /// A request list outside 1–<paramref name="max"/> (TransactItems, PartiQL's Statements and TransactStatements). AWS
    /// quotes the list as its Java service prints it, each member as
    /// <c>com.amazonaws.dynamodb.v20120810.TransactWriteItem@&lt;identity hash&gt;</c>; the hashes carry no data, so
    /// Nimbus numbers the members instead.
    /// </summary>
    public static AwsServiceException ListLength(string member, string memberType, int count, int max)
    {
        var members = string.Join(", ", Enumerable.Range(1, count).Select(i => $"com.amazonaws.dynamodb.v20120810.{memberType}@{i:x}"));
        var bound = count == 0 ? "greater than or equal to 1" : $"less than or equal to {max}";
        return Validation($"1 validation error detected: Value '[{members}]' at '{member}' failed to satisfy constraint: Member must have length {bound}");
    }

    public static AwsServiceException InvalidParameter(string message) => Validation("One or more parameter values were invalid: " + message);

    public static AwsServiceException ItemTooLarge() => Validation("Item size has exceeded the maximum allowed size");

    public static AwsServiceException KeyMismatch() => Validation("The provided key element does not match the schema");
}
