using Nimbus.Protocol;
using Nimbus.S3.Notifications;
using Nimbus.S3.Service;

namespace Nimbus.S3.Api;

/// <summary>
/// PutBucketNotificationConfiguration and GetBucketNotificationConfiguration (<c>?notification</c>), and the request
/// details every event record carries.
/// </summary>
internal sealed partial class S3ApiHandler
{
    private Task BucketNotificationAsync(AwsRequestContext request, string bucket) => request.Http.Request.Method switch
    {
        "PUT" => PutBucketNotificationConfigurationAsync(request, bucket),
        "GET" => GetBucketNotificationConfigurationAsync(request, bucket),
        _ => throw S3Errors.MethodNotAllowed(),
    };

    private async Task PutBucketNotificationConfigurationAsync(AwsRequestContext request, string bucket)
    {
        var owner = _service.GetBucket(bucket);
        var document = await ReadSmallXmlAsync(request, allowEmpty: true)
            ?? throw new Core.AwsServiceException("MissingRequestBodyError", 400, "Request Body is empty");
        var (configuration, missing) = NotificationConfigurationXml.Parse(document);
        var skip = string.Equals(request.Http.Request.Headers["x-amz-skip-destination-validation"], "true", StringComparison.OrdinalIgnoreCase);
        _events.PutConfiguration(EventSource(request), bucket, owner.AccountId, configuration, missing, skip);
        request.Http.Response.StatusCode = 200;
        request.Http.Response.ContentLength = 0;
    }

    private Task GetBucketNotificationConfigurationAsync(AwsRequestContext request, string bucket)
    {
        _service.GetBucket(bucket);
        var configuration = _events.GetConfiguration(bucket);
        return S3Xml.WriteAsync(request.Http, "NotificationConfiguration", xml => NotificationConfigurationXml.Write(xml, configuration));
    }

    /// <summary>
    /// The removal event a DeleteObject raises: a marker created (versioned key, no version id asked for) or a version or
    /// unversioned key gone for good.
    /// </summary>
    private void ObjectRemoved(AwsRequestContext request, string bucket, string key, string? requestedVersion, DeletedObject deleted) =>
        _events.ObjectRemoved(EventSource(request), deleted.DeleteMarker && requestedVersion is null ? S3EventNames.DeleteMarkerCreated : S3EventNames.Delete,
            bucket, key, deleted.VersionId);

    /// <summary>Who sent the request and S3's ids for it, as event records report them.</summary>
    private static S3EventSource EventSource(AwsRequestContext request) => new(
        request.Scope.AccountId,
        request.Scope.Region,
        request.Credential is { } credential ? "AWS:" + credential.AccessKeyId : "Anonymous",
        request.Http.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : "127.0.0.1",
        request.RequestId,
        HostId(request.RequestId))
    {
        TraceHeader = request.Http.Request.Headers["X-Amzn-Trace-Id"] is { Count: > 0 } trace ? trace.ToString() : null,
    };
}
