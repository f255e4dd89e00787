using Nimbus.Core;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.EventSources;

/// <summary>The errors of the event source mapping operations, with AWS's codes and wording.</summary>
internal static class EventSourceErrors
{
    public static AwsServiceException NotFound() => LambdaErrors.ResourceNotFound("The resource you requested does not exist.");

    /// <summary>AWS refuses changes while a previous one is still being applied (400, not 409).</summary>
    public static AwsServiceException InUse(string verb) =>
        LambdaErrors.Create("ResourceInUseException", 400, $"Cannot {verb} the event source mapping because it is in use.");

    public static AwsServiceException Duplicate(string sourceArn, string functionName, string uuid) => LambdaErrors.Conflict(
        $"The event source arn (\" {sourceArn} \") and function (\" {functionName} \") provided mapping already exists. "
        + $"Please update or delete the existing mapping with UUID {uuid}");

    public static AwsServiceException StreamNotFound(string arn) => LambdaErrors.InvalidParameter("Stream not found: " + arn);

    public static AwsServiceException UnsupportedParameter(string parameter) =>
        LambdaErrors.InvalidParameter($"Unsupported {parameter} parameter for given event source mapping type.");
}
