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

    // ORDER BY's and IN's rules, in the wording of DynamoDB's PartiQL front end (ddb.partiql ValidationExceptionMessages;
    // "Attribute … in ORDER BY clause" as real DynamoDB answers, where DynamoDB Local says "Variable reference …").
    public static AwsServiceException OrderByWithoutWhere() =>
        DynamoDbErrors.Validation("Must have WHERE clause in the statement when using ORDER BY clause.");

    public static AwsServiceException OrderByNotVariable() =>
        DynamoDbErrors.Validation("Argument to ORDER BY must be of type VariableReference");

    public static AwsServiceException OrderByNotKey(string attribute) =>
        DynamoDbErrors.Validation($"Attribute {attribute} in ORDER BY clause must be part of the primary key");

    public static AwsServiceException OrderByWithoutHashCondition() =>
        DynamoDbErrors.Validation("Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.");

    public static AwsServiceException OrderByWithoutHashKey() =>
        DynamoDbErrors.Validation("Must have hash key in ORDER BY clause when more than one hash key condition specified in WHERE clause.");

    /// <summary>More partition key values in an IN than the 50 Queries a statement may decompose into.</summary>
    public static AwsServiceException TooManyReads() => DynamoDbErrors.Validation("Too many decomposed read operations for a given query.");

    /// <summary>A NextToken whose partition key is none of the statement's IN values.</summary>
    public static AwsServiceException TokenMismatch() => DynamoDbErrors.Validation("NextToken does not match request");

    public static AwsServiceException ExistsOutsideTransaction() => Unsupported("EXISTS is only supported in ExecuteTransaction");

    /// <summary>Why an INSERT of an existing key cancels an ExecuteTransaction (its CancellationReasons entry).</summary>
    public const string DuplicateItemMessage = "Duplicate primary key exists in table";

    public static AwsServiceException DuplicateItem() =>
        new("com.amazonaws.dynamodb.v20120810#DuplicateItemException", 400, DuplicateItemMessage);
}
