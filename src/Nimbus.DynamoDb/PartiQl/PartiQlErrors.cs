using Nimbus.Core;

namespace Nimbus.DynamoDb.PartiQl;

/// <summary>PartiQL's errors, worded as DynamoDB words them.</summary>
internal static class PartiQlErrors
{
    public static AwsServiceException Syntax(string detail, int position) =>
        DynamoDbErrors.Validation($"Statement wasn't well formed, can't be processed: {detail} at position {position + 1}");

    public static AwsServiceException Unsupported(string detail) => DynamoDbErrors.Validation($"Unsupported operation: {detail}");

    public static AwsServiceException MissingKey() =>
        DynamoDbErrors.Validation("Where clause does not contain a mandatory equality on all key attributes");

    public static AwsServiceException ParameterCount() =>
        DynamoDbErrors.Validation("Number of parameters in request and statement don't match.");

    public static AwsServiceException ExistsOutsideTransaction() => Unsupported("EXISTS is only supported in ExecuteTransaction");

    /// <summary>Why an INSERT of an existing key cancels an ExecuteTransaction (its CancellationReasons entry).</summary>
    public const string DuplicateItemMessage = "Duplicate primary key exists in table";

    public static AwsServiceException DuplicateItem() =>
        new("com.amazonaws.dynamodb.v20120810#DuplicateItemException", 400, DuplicateItemMessage);
}
