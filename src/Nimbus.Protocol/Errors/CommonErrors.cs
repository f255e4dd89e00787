using Nimbus.Core;

namespace Nimbus.Protocol.Errors;

/// <summary>Errors every AWS service shares (the "common errors" of the AWS API reference).</summary>
public static class CommonErrors
{
    public static AwsServiceException IncompleteSignature(string message) => new("IncompleteSignatureException", 403, message);

    public static AwsServiceException InvalidSignature(string message) => new("InvalidSignatureException", 403, message);

    public static AwsServiceException InternalFailure() =>
        new("InternalFailure", 500, "The request processing has failed because of an unknown error, exception or failure.", isSenderFault: false);

    public static AwsServiceException UnknownService(string service) =>
        new("UnrecognizedClientException", 400, $"The service '{service}' is not available in Nimbus.");
}
