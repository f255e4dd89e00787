using Nimbus.Protocol;
using Nimbus.S3.Notifications;

namespace Nimbus.S3.Api;

/// <summary>
/// CopyObject: <c>x-amz-copy-source: [/]bucket/key[?versionId=…]</c> (URL-encoded), metadata directive COPY
/// (default) or REPLACE, and the copy-source conditions.
/// </summary>
internal sealed partial class S3ApiHandler
{
    private async Task CopyObjectAsync(AwsRequestContext request, string bucket, string key)
    {
        var http = request.Http.Request;
        var source = http.Headers["x-amz-copy-source"].ToString();
        var query = source.IndexOf('?');
        if (query >= 0)
        {
            var version = source[(query + 1)..];
            if (version.StartsWith("versionId=", StringComparison.Ordinal) && version != "versionId=null")
            {
                throw S3Errors.NotImplemented("Object versioning");
            }
            source = source[..query];
        }
        source = Uri.UnescapeDataString(source).TrimStart('/');
        var slash = source.IndexOf('/');
        if (slash <= 0 || slash == source.Length - 1)
        {
            throw S3Errors.InvalidArgument("Invalid copy source object key", "x-amz-copy-source", http.Headers["x-amz-copy-source"]);
        }
        var sourceObject = _service.GetObject(source[..slash], source[(slash + 1)..]);

        var headers = http.Headers;
        if (headers["x-amz-copy-source-if-match"].ToString() is { Length: > 0 } ifMatch && !ETagMatches(ifMatch, sourceObject.ETag))
        {
            throw S3Errors.PreconditionFailed("x-amz-copy-source-If-Match");
        }
        if (headers["x-amz-copy-source-if-none-match"].ToString() is { Length: > 0 } ifNoneMatch && ETagMatches(ifNoneMatch, sourceObject.ETag))
        {
            throw S3Errors.PreconditionFailed("x-amz-copy-source-If-None-Match");
        }

        var directive = headers["x-amz-metadata-directive"].ToString();
        var replace = directive.Equals("REPLACE", StringComparison.OrdinalIgnoreCase);
        if (directive.Length > 0 && !replace && !directive.Equals("COPY", StringComparison.OrdinalIgnoreCase))
        {
            throw S3Errors.InvalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", directive);
        }
        if (!replace && sourceObject.Bucket == bucket && sourceObject.Key == key)
        {
            throw S3Errors.InvalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }
        var copied = await _service.CopyObjectAsync(sourceObject, bucket, key, replace ? ReadObjectHeaders(http) : sourceObject.Headers, request.Aborted);
        _events.ObjectCreated(EventSource(request), S3EventNames.Copy, copied);

        await S3Xml.WriteAsync(request.Http, "CopyObjectResult", xml =>
        {
            S3Xml.Element(xml, "ETag", copied.QuotedETag);
            S3Xml.Element(xml, "LastModified", S3Xml.Timestamp(copied.LastModified));
            if (copied.ChecksumAlgorithm is not null)
            {
                S3Xml.Element(xml, "ChecksumType", "FULL_OBJECT");
                S3Xml.Element(xml, "Checksum" + copied.ChecksumAlgorithm, copied.ChecksumValue);
            }
        });
    }
}
