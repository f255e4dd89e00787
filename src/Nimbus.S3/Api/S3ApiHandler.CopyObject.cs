using Nimbus.Protocol;
using Nimbus.S3.Model;
using Nimbus.S3.Notifications;

namespace Nimbus.S3.Api;

/// <summary>
/// CopyObject: <c>x-amz-copy-source: [/]bucket/key[?versionId=…]</c> (URL-encoded), metadata directive COPY (default)
/// or REPLACE, tagging directive COPY (default) or REPLACE, and the copy-source conditions.
/// </summary>
internal sealed partial class S3ApiHandler
{
    private async Task CopyObjectAsync(AwsRequestContext request, string bucket, string key)
    {
        var http = request.Http.Request;
        var sourceObject = ResolveCopySource(request);
        var headers = http.Headers;
        var replace = Directive(headers["x-amz-metadata-directive"].ToString(), "x-amz-metadata-directive", "Unknown metadata directive.");
        var replaceTags = Directive(headers["x-amz-tagging-directive"].ToString(), "x-amz-tagging-directive", "Unknown tagging directive.");
        if (!replace && sourceObject.Bucket == bucket && sourceObject.Key == key && !headers["x-amz-copy-source"].ToString().Contains("versionId=", StringComparison.Ordinal) && !replaceTags)
        {
            throw S3Errors.InvalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }
        var tags = replaceTags ? TaggingHeader(http) ?? [] : sourceObject.Tags;
        var copied = await _service.CopyObjectAsync(sourceObject, bucket, key, replace ? ReadObjectHeaders(http) : sourceObject.Headers, tags, request.Aborted);
        _events.ObjectCreated(EventSource(request), S3EventNames.Copy, copied, copied.VersionId);

        SetCopySourceVersionHeader(request, sourceObject);
        SetVersionHeader(request.Http, copied);
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

    private static bool Directive(string value, string header, string message)
    {
        var replace = value.Equals("REPLACE", StringComparison.OrdinalIgnoreCase);
        return value.Length > 0 && !replace && !value.Equals("COPY", StringComparison.OrdinalIgnoreCase)
            ? throw S3Errors.InvalidArgument(message, header, value)
            : replace;
    }

    /// <summary>
    /// The object <c>x-amz-copy-source</c> names (CopyObject, UploadPartCopy), once its <c>x-amz-copy-source-if-*</c>
    /// conditions hold: If-Match and If-None-Match win over the date conditions they are paired with (CopyObject reference).
    /// </summary>
    private S3Object ResolveCopySource(AwsRequestContext request)
    {
        var headers = request.Http.Request.Headers;
        var raw = headers["x-amz-copy-source"].ToString();
        var source = raw;
        string? versionId = null;
        var query = source.IndexOf('?');
        if (query >= 0)
        {
            var parameters = source[(query + 1)..];
            if (parameters.StartsWith("versionId=", StringComparison.Ordinal))
            {
                versionId = Uri.UnescapeDataString(parameters["versionId=".Length..]);
            }
            source = source[..query];
        }
        source = Uri.UnescapeDataString(source).TrimStart('/');
        var slash = source.IndexOf('/');
        if (slash <= 0 || slash == source.Length - 1)
        {
            throw S3Errors.InvalidArgument("Invalid copy source object key", "x-amz-copy-source", raw);
        }
        var obj = _service.GetObject(source[..slash], source[(slash + 1)..], versionId);

        var modified = obj.LastModified.ToUnixTimeSeconds();
        var ifMatch = headers["x-amz-copy-source-if-match"].ToString();
        var ifNoneMatch = headers["x-amz-copy-source-if-none-match"].ToString();
        if (ifMatch.Length > 0 && !ETagMatches(ifMatch, obj.ETag))
        {
            throw S3Errors.PreconditionFailed("x-amz-copy-source-If-Match");
        }
        if (ifMatch.Length == 0 && TryDate(headers["x-amz-copy-source-if-unmodified-since"], out var unmodifiedSince) && modified > unmodifiedSince)
        {
            throw S3Errors.PreconditionFailed("x-amz-copy-source-If-Unmodified-Since");
        }
        if (ifNoneMatch.Length > 0 && ETagMatches(ifNoneMatch, obj.ETag))
        {
            throw S3Errors.PreconditionFailed("x-amz-copy-source-If-None-Match");
        }
        if (ifNoneMatch.Length == 0 && TryDate(headers["x-amz-copy-source-if-modified-since"], out var modifiedSince) && modified <= modifiedSince)
        {
            throw S3Errors.PreconditionFailed("x-amz-copy-source-If-Modified-Since");
        }
        return obj;
    }

    private static void SetCopySourceVersionHeader(AwsRequestContext request, S3Object source)
    {
        if (source.VersionId != S3Object.NullVersion)
        {
            request.Http.Response.Headers["x-amz-copy-source-version-id"] = source.VersionId;
        }
    }
}
