using Nimbus.Core;

namespace Nimbus.S3.Api;

/// <summary>
/// S3's error codes, statuses and messages as the S3 API reference lists them ("Error responses", List of error codes).
/// Extra members (<c>BucketName</c>, <c>Key</c>, …) become child elements of <c>&lt;Error&gt;</c>.
/// </summary>
internal static partial class S3Errors
{
    public static AwsServiceException NoSuchBucket(string bucket) =>
        new("NoSuchBucket", 404, "The specified bucket does not exist") { Fields = new Dictionary<string, string> { ["BucketName"] = bucket } };

    public static AwsServiceException NoSuchKey(string key) =>
        new("NoSuchKey", 404, "The specified key does not exist.") { Fields = new Dictionary<string, string> { ["Key"] = key } };

    /// <summary>A key whose current version is a delete marker: 404 with the marker's headers (GetObject reference).</summary>
    public static AwsServiceException NoSuchKey(string key, string markerVersionId) =>
        new("NoSuchKey", 404, "The specified key does not exist.")
        {
            Fields = new Dictionary<string, string> { ["Key"] = key },
            Headers = new Dictionary<string, string> { ["x-amz-delete-marker"] = "true", ["x-amz-version-id"] = markerVersionId },
        };

    public static AwsServiceException NoSuchVersion(string key, string versionId) =>
        new("NoSuchVersion", 404, "The specified version does not exist.") { Fields = new Dictionary<string, string> { ["Key"] = key, ["VersionId"] = versionId } };

    /// <summary>A delete marker asked for by version id: 405 (S3 User Guide, "Working with delete markers").</summary>
    public static AwsServiceException DeleteMarkerNotAllowed(Model.S3Object marker) =>
        new("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
        {
            Fields = new Dictionary<string, string> { ["Method"] = "GET", ["ResourceType"] = "DeleteMarker" },
            Headers = new Dictionary<string, string>
            {
                ["x-amz-delete-marker"] = "true", ["x-amz-version-id"] = marker.VersionId, ["Last-Modified"] = S3Xml.HttpDate(marker.LastModified),
                ["Allow"] = "DELETE",
            },
        };

    public static AwsServiceException NoSuchTagSet() => new("NoSuchTagSet", 404, "The TagSet does not exist");

    public static AwsServiceException InvalidTag(string message) => new("InvalidTag", 400, message);

    public static AwsServiceException BadRequest(string message) => new("BadRequest", 400, message);

    public static AwsServiceException NoSuchCorsConfiguration(string bucket) =>
        new("NoSuchCORSConfiguration", 404, "The CORS configuration does not exist") { Fields = new Dictionary<string, string> { ["BucketName"] = bucket } };

    public static AwsServiceException CorsForbidden(string message, string method, string resourceType) =>
        new("AccessForbidden", 403, message) { Fields = new Dictionary<string, string> { ["Method"] = method, ["ResourceType"] = resourceType } };

    public static AwsServiceException BucketAlreadyOwnedByYou(string bucket) =>
        new("BucketAlreadyOwnedByYou", 409, "Your previous request to create the named bucket succeeded and you already own it.")
        {
            Fields = new Dictionary<string, string> { ["BucketName"] = bucket },
        };

    public static AwsServiceException BucketAlreadyExists(string bucket) =>
        new("BucketAlreadyExists", 409, "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.")
        {
            Fields = new Dictionary<string, string> { ["BucketName"] = bucket },
        };

    public static AwsServiceException BucketNotEmpty(string bucket) =>
        new("BucketNotEmpty", 409, "The bucket you tried to delete is not empty") { Fields = new Dictionary<string, string> { ["BucketName"] = bucket } };

    public static AwsServiceException InvalidBucketName(string bucket) =>
        new("InvalidBucketName", 400, "The specified bucket is not valid.") { Fields = new Dictionary<string, string> { ["BucketName"] = bucket } };

    public static AwsServiceException KeyTooLong() =>
        new("KeyTooLongError", 400, "Your key is too long");

    public static AwsServiceException InvalidRange(string range, long size) =>
        new("InvalidRange", 416, "The requested range is not satisfiable")
        {
            Fields = new Dictionary<string, string> { ["RangeRequested"] = range, ["ActualObjectSize"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };

    public static AwsServiceException PreconditionFailed(string condition) =>
        new("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold") { Fields = new Dictionary<string, string> { ["Condition"] = condition } };

    public static AwsServiceException BadDigest(string what) =>
        new("BadDigest", 400, $"The {what} you specified did not match the calculated checksum.");

    public static AwsServiceException InvalidDigest() =>
        new("InvalidDigest", 400, "The Content-MD5 you specified is not valid.");

    public static AwsServiceException ContentSha256Mismatch(string client, string computed) =>
        new("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed.")
        {
            Fields = new Dictionary<string, string> { ["ClientComputedContentSHA256"] = client, ["S3ComputedContentSHA256"] = computed },
        };

    public static AwsServiceException IncompleteBody(string message = "The request body terminated unexpectedly") =>
        new("IncompleteBody", 400, message);

    public static AwsServiceException InvalidChunk(string message) => new("InvalidRequest", 400, message);

    public static AwsServiceException InvalidArgument(string message, string? name = null, string? value = null)
    {
        var fields = new Dictionary<string, string>();
        if (name is not null)
        {
            fields["ArgumentName"] = name;
            fields["ArgumentValue"] = value ?? "";
        }
        return new("InvalidArgument", 400, message) { Fields = fields };
    }

    public static AwsServiceException InvalidRequest(string message) => new("InvalidRequest", 400, message);

    public static AwsServiceException MalformedXml() =>
        new("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema");

    public static AwsServiceException MissingContentLength() =>
        new("MissingContentLength", 411, "You must provide the Content-Length HTTP header.");

    public static AwsServiceException EntityTooLarge() =>
        new("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size");

    public static AwsServiceException NotImplemented(string operation) =>
        new("NotImplemented", 501, $"A header or query you provided implies functionality that is not implemented ({operation} is not supported by Nimbus yet).");

    public static AwsServiceException MethodNotAllowed() =>
        new("MethodNotAllowed", 405, "The specified method is not allowed against this resource.");

    public static AwsServiceException NoSuchUpload(string uploadId) =>
        new("NoSuchUpload", 404, "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.")
        {
            Fields = new Dictionary<string, string> { ["UploadId"] = uploadId },
        };

    public static AwsServiceException InvalidPart() =>
        new("InvalidPart", 400, "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.");

    public static AwsServiceException InvalidPartOrder() =>
        new("InvalidPartOrder", 400, "The list of parts was not in ascending order. The parts list must be specified in order by part number.");

    public static AwsServiceException EntityTooSmall() =>
        new("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size.");
}
