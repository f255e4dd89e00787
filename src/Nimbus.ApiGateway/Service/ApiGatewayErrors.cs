using Nimbus.Core;

namespace Nimbus.ApiGateway.Service;

/// <summary>The control plane's errors, as <c>apigatewayv2</c> names them (rest-json; the code travels in <c>x-amzn-ErrorType</c>).</summary>
internal static class ApiGatewayErrors
{
    public static AwsServiceException NotFound(string message, string resourceType) =>
        new("NotFoundException", 404, message) { Fields = new Dictionary<string, string> { ["resourceType"] = resourceType } };

    public static AwsServiceException BadRequest(string message) => new("BadRequestException", 400, message);

    public static AwsServiceException Conflict(string message) => new("ConflictException", 409, message);

    public static AwsServiceException NotImplemented(string operation) =>
        new("NotImplementedException", 501, $"Operation {operation} is not yet implemented in Nimbus.", isSenderFault: false);

    public static AwsServiceException ApiNotFound(AwsScope scope, string apiId) =>
        NotFound($"Invalid API identifier specified {scope.AccountId}:{apiId}", "Api");
}
