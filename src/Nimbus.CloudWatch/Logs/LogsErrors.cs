using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs;

/// <summary>
/// CloudWatch Logs' errors with AWS's codes and messages (as clients report them; see
/// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/CommonErrors.html). All are HTTP 400.
/// </summary>
internal static class LogsErrors
{
    public static AwsServiceException GroupNotFound() =>
        new("ResourceNotFoundException", 400, "The specified log group does not exist.");

    public static AwsServiceException StreamNotFound() =>
        new("ResourceNotFoundException", 400, "The specified log stream does not exist.");

    public static AwsServiceException GroupAlreadyExists() =>
        new("ResourceAlreadyExistsException", 400, "The specified log group already exists");

    public static AwsServiceException StreamAlreadyExists() =>
        new("ResourceAlreadyExistsException", 400, "The specified log stream already exists");

    public static AwsServiceException InvalidParameter(string message) =>
        new("InvalidParameterException", 400, message);

    /// <summary>A shape constraint of the service model, in the wording AWS's request validation uses.</summary>
    public static AwsServiceException Validation(string member, object? value, string constraint) =>
        InvalidParameter($"1 validation error detected: Value {(value is null ? "null" : $"'{value}'")} at '{member}' failed to satisfy constraint: {constraint}");

    public static AwsServiceException InvalidToken() =>
        InvalidParameter("The specified nextToken is not valid.");

    public static AwsServiceException Serialization(string message) =>
        new("SerializationException", 400, message);

    public static AwsServiceException UnknownOperation(string target) =>
        new("UnknownOperationException", 400, $"The operation '{target}' is not supported by Nimbus CloudWatch Logs.");
}
