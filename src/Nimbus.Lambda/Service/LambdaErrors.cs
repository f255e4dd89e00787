using Nimbus.Core;

namespace Nimbus.Lambda.Service;

/// <summary>
/// Lambda's errors with AWS's codes, statuses and wording. Lambda's error bodies carry <c>"Type": "User"</c>
/// (or <c>"Service"</c>) next to the message.
/// </summary>
internal static class LambdaErrors
{
    private static readonly Dictionary<string, string> UserType = new() { ["Type"] = "User" };

    public static AwsServiceException Create(string code, int status, string message) => new(code, status, message) { Fields = UserType };

    public static AwsServiceException FunctionNotFound(string arn) => Create("ResourceNotFoundException", 404, "Function not found: " + arn);

    public static AwsServiceException AliasNotFound(string arn) => Create("ResourceNotFoundException", 404, "Cannot find alias arn: " + arn);

    public static AwsServiceException ResourceNotFound(string message) => Create("ResourceNotFoundException", 404, message);

    public static AwsServiceException Conflict(string message) => Create("ResourceConflictException", 409, message);

    public static AwsServiceException InvalidParameter(string message) => Create("InvalidParameterValueException", 400, message);

    public static AwsServiceException InvalidRequestContent(string message) => Create("InvalidRequestContentException", 400, message);

    /// <summary>A synchronous invoke stopped by recursive loop detection (the message is the model's description).</summary>
    public static AwsServiceException RecursiveInvocation() => Create("RecursiveInvocationException", 400,
        "Lambda has detected your function being invoked in a recursive loop with other AWS resources and stopped your function's invocation.");

    public static AwsServiceException TooLarge(string message) => Create("RequestEntityTooLargeException", 413, message);

    public static AwsServiceException PreconditionFailed(string what) => Create("PreconditionFailedException", 412,
        $"The Revision Id provided does not match the latest Revision Id. Call the {what} API to retrieve the latest Revision Id");

    /// <summary>
    /// Model constraint violations, in the format AWS's request validation uses:
    /// <c>1 validation error detected: Value '99999' at 'memorySize' failed to satisfy constraint: Member must …</c>.
    /// </summary>
    public static AwsServiceException Validation(IReadOnlyList<string> violations)
    {
        var count = violations.Count == 1 ? "1 validation error detected: " : $"{violations.Count} validation errors detected: ";
        return Create("ValidationException", 400, count + string.Join("; ", violations));
    }

    public static string Violation(string? value, string member, string constraint) => value is null
        ? $"Value null at '{member}' failed to satisfy constraint: Member must {constraint}"
        : $"Value '{value}' at '{member}' failed to satisfy constraint: Member must {constraint}";

    public static AwsServiceException Throttled(string reason) => new AwsServiceException("TooManyRequestsException", 429, "Rate Exceeded.")
    {
        Fields = new Dictionary<string, string> { ["Type"] = "User", ["Reason"] = reason },
        Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
    };

    /// <summary>Operations of the Lambda model Nimbus does not implement yet answer this rather than failing.</summary>
    public static AwsServiceException NotImplemented(string operation) => new("NotImplementedException", 501,
        $"The operation {operation} of the Lambda API is not implemented by Nimbus yet.", isSenderFault: false)
    {
        Fields = new Dictionary<string, string> { ["Type"] = "Service" },
    };
}
