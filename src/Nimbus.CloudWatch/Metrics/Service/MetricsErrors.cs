using Nimbus.Core;
using Nimbus.Protocol.Errors;

namespace Nimbus.CloudWatch.Metrics.Service;

/// <summary>
/// CloudWatch's errors. CloudWatch was a query service first (awsQueryCompatible): over CBOR and JSON the error is
/// named by its shape and the query code rides in <c>x-amzn-query-error</c>, which is the code clients report
/// (<c>InvalidParameterValue</c>, not <c>InvalidParameterValueException</c>).
/// </summary>
internal static class MetricsErrors
{
    public static AwsServiceException InvalidParameterValue(string message) =>
        Error("InvalidParameterValueException", "InvalidParameterValue", 400, message);

    /// <summary>The wording CloudWatch uses for a value it rejects.</summary>
    public static AwsServiceException InvalidValue(string parameter, object? value) =>
        InvalidParameterValue($"The value {value} for parameter {parameter} is invalid.");

    public static AwsServiceException MissingParameter(string parameter) =>
        Error("MissingRequiredParameterException", "MissingParameter", 400, $"The parameter {parameter} is required.");

    public static AwsServiceException InvalidParameterCombination(string message) =>
        Error("InvalidParameterCombinationException", "InvalidParameterCombination", 400, message);

    public static AwsServiceException InvalidNextToken() =>
        Error("InvalidNextToken", "InvalidNextToken", 400, "The service returned an invalid pagination token.");

    /// <summary>An alarm named in DeleteAlarms or SetAlarmState does not exist (404).</summary>
    public static AwsServiceException ResourceNotFound(string message) => Error("ResourceNotFound", "ResourceNotFound", 404, message);

    /// <summary>The tagging operations' not-found error (a different shape from the alarm operations' one).</summary>
    public static AwsServiceException ResourceNotFoundException(string message) =>
        Error("ResourceNotFoundException", "ResourceNotFoundException", 404, message);

    /// <summary>CloudWatch's generic validation failure (composite alarm rules, DeleteAlarms of a composite's child).</summary>
    public static AwsServiceException Validation(string message) => Error("ValidationError", "ValidationError", 400, message);

    public static AwsServiceException LimitExceeded(string message) => Error("LimitExceededFault", "LimitExceeded", 400, message);

    public static AwsServiceException InvalidFormat(string message) => Error("InvalidFormatFault", "InvalidFormat", 400, message);

    public static AwsServiceException RequestTooLarge(int limit) =>
        Error("RequestEntityTooLarge", "RequestEntityTooLarge", 413, $"Request size exceeded {limit} bytes.");

    public static AwsServiceException InvalidAction(string operation) =>
        Error("InvalidAction", "InvalidAction", 400, $"The action {operation} is not valid for this web service.");

    public static AwsServiceException NotImplemented(string operation) => new AwsServiceException("NotImplemented", 501,
        $"The operation {operation} of the CloudWatch API is not implemented by Nimbus yet.", isSenderFault: false)
    {
        Headers = new Dictionary<string, string> { [QueryErrorWriter.QueryErrorHeader] = "NotImplemented;Receiver" },
    };

    private static AwsServiceException Error(string shape, string queryCode, int status, string message) => new(shape, status, message)
    {
        Headers = new Dictionary<string, string> { [QueryErrorWriter.QueryErrorHeader] = $"{queryCode};Sender" },
    };
}
