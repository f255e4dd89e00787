namespace Nimbus.Core.Invocation;

/// <summary>
/// The seam services use to validate a function as an event destination before accepting a configuration, as S3
/// does for <c>PutBucketNotificationConfiguration</c>: does the function (and the qualifier in its ARN) exist, and does
/// its resource-based policy let the service principal call <c>lambda:InvokeFunction</c> for this source. Implemented
/// by Nimbus.Lambda.
/// </summary>
public interface IFunctionPermissionChecker
{
    FunctionPermission CheckInvoke(string functionArn, FunctionInvokeSource source);
}
