using Nimbus.Core;

namespace Nimbus.ApiGateway.RestApis.Service;

/// <summary>
/// The <c>apigateway</c> control plane's errors with AWS's messages. rest-json carries the code in
/// <c>x-amzn-ErrorType</c> and the body is <c>{"message": …}</c> (the model's error shapes have only <c>message</c>).
/// </summary>
internal static class RestErrors
{
    public static AwsServiceException NotFound(string message) => new("NotFoundException", 404, message);

    public static AwsServiceException BadRequest(string message) => new("BadRequestException", 400, message);

    public static AwsServiceException Conflict(string message) => new("ConflictException", 409, message);

    /// <summary>GetRestApi, UpdateRestApi, DeleteRestApi name the account and id.</summary>
    public static AwsServiceException ApiNotFound(AwsScope scope, string apiId) => NotFound($"Invalid API identifier specified {scope.AccountId}:{apiId}");

    /// <summary>Operations on an API's children (resources, stages, deployments, …) say this when the API does not exist.</summary>
    public static AwsServiceException RestApiNotFound() => NotFound("Invalid REST API identifier specified");

    public static AwsServiceException ResourceNotFound() => NotFound("Invalid Resource identifier specified");

    public static AwsServiceException MethodNotFound() => NotFound("Invalid Method identifier specified");

    public static AwsServiceException IntegrationNotFound() => NotFound("Invalid Integration identifier specified");

    public static AwsServiceException ResponseNotFound() => NotFound("Invalid Response status code specified");

    public static AwsServiceException StageNotFound() => NotFound("Invalid Stage identifier specified");

    public static AwsServiceException DeploymentNotFound() => NotFound("Invalid Deployment identifier specified");

    public static AwsServiceException AuthorizerNotFound() => NotFound("Invalid Authorizer identifier specified");

    public static AwsServiceException ApiKeyNotFound() => NotFound("Invalid API Key identifier specified");

    public static AwsServiceException UsagePlanNotFound(string planId) => NotFound($"Invalid Usage Plan ID specified: {planId}");

    public static AwsServiceException UsagePlanKeyNotFound() => NotFound("Invalid Usage Plan Key identifier specified");

    public static AwsServiceException Required(string member) => BadRequest($"Invalid input: {member} is required.");
}
