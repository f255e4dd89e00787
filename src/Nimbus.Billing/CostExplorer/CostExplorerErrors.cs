using Nimbus.Core;

namespace Nimbus.Billing.CostExplorer;

/// <summary>Cost Explorer's errors (awsJson 1.1: <c>__type</c> and <c>Message</c>).</summary>
internal static class CostExplorerErrors
{
    public static AwsServiceException Validation(string message) => new("ValidationException", 400, message);

    public static AwsServiceException InvalidNextToken() => new("InvalidNextTokenException", 400, "The pagination token is invalid.");

    public static AwsServiceException DataUnavailable(string message) => new("DataUnavailableException", 400, message);

    public static AwsServiceException NotImplemented(string operation) => new("NotImplemented", 501,
        $"The operation {operation} of the Cost Explorer API is not implemented by Nimbus yet.", isSenderFault: false);

    public static AwsServiceException UnknownOperation(string operation) => new("UnknownOperationException", 400,
        $"The operation {operation} is not valid for Cost Explorer.");
}
