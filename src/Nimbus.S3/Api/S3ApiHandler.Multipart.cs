using System.Globalization;
using System.Xml.Linq;
using Nimbus.Protocol;
using Nimbus.S3.Notifications;
using Nimbus.S3.Protocol;

namespace Nimbus.S3.Api;

/// <summary>CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload.</summary>
internal sealed partial class S3ApiHandler
{
    private Task CreateMultipartUploadAsync(AwsRequestContext request, string bucket, string key)
    {
        var upload = _service.CreateMultipartUpload(bucket, key, ReadObjectHeaders(request.Http.Request), TaggingHeader(request.Http.Request));
        return S3Xml.WriteAsync(request.Http, "InitiateMultipartUploadResult", xml =>
        {
            S3Xml.Element(xml, "Bucket", bucket);
            S3Xml.Element(xml, "Key", key);
            S3Xml.Element(xml, "UploadId", upload.UploadId);
        });
    }

    private async Task UploadPartAsync(AwsRequestContext request, string bucket, string key)
    {
        var query = request.Http.Request.Query;
        var partNumber = PartNumberOf(request);
        var (command, body) = PreparePut(request, bucket, key);
        var part = await _service.UploadPartAsync(command, query["uploadId"].ToString(), partNumber, body, request.Aborted);
        var response = request.Http.Response;
        response.StatusCode = 200;
        response.Headers.ETag = "\"" + part.ETag + "\"";
        if (command.ChecksumAlgorithm is not null && command.ExpectedChecksum?.Invoke() is { } checksum)
        {
            response.Headers[ChecksumCalculator.HeaderOf(command.ChecksumAlgorithm)] = checksum;
        }
        response.ContentLength = 0;
    }

    private static int PartNumberOf(AwsRequestContext request)
    {
        var value = request.Http.Request.Query["partNumber"];
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var partNumber) && partNumber is >= 1 and <= 10000
            ? partNumber
            : throw S3Errors.InvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", value);
    }

    private async Task CompleteMultipartUploadAsync(AwsRequestContext request, string bucket, string key)
    {
        var uploadId = request.Http.Request.Query["uploadId"].ToString();
        var document = await ReadSmallXmlAsync(request, allowEmpty: false);
        var root = document!.Root;
        if (root is null || root.Name.LocalName != "CompleteMultipartUpload")
        {
            throw S3Errors.MalformedXml();
        }
        var parts = new List<(int, string)>();
        foreach (var part in root.Elements().Where(e => e.Name.LocalName == "Part"))
        {
            if (!int.TryParse(Child(part, "PartNumber")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || Child(part, "ETag") is not { } etag)
            {
                throw S3Errors.MalformedXml();
            }
            parts.Add((number, etag.Value));
        }
        var ifNoneMatch = request.Http.Request.Headers.IfNoneMatch;
        var obj = await _service.CompleteMultipartUploadAsync(bucket, key, uploadId, parts, ifNoneMatch.Count > 0 ? ifNoneMatch.ToString() : null, request.Aborted);
        _events.ObjectCreated(EventSource(request), S3EventNames.CompleteMultipartUpload, obj, obj.VersionId);
        SetVersionHeader(request.Http, obj);
        await S3Xml.WriteAsync(request.Http, "CompleteMultipartUploadResult", xml =>
        {
            S3Xml.Element(xml, "Location", $"{request.Http.Request.Scheme}://{request.Http.Request.Host}/{bucket}/{Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal)}");
            S3Xml.Element(xml, "Bucket", bucket);
            S3Xml.Element(xml, "Key", key);
            S3Xml.Element(xml, "ETag", obj.QuotedETag);
        });
    }

    private Task AbortMultipartUploadAsync(AwsRequestContext request, string bucket, string key)
    {
        _service.AbortMultipartUpload(bucket, key, request.Http.Request.Query["uploadId"].ToString());
        request.Http.Response.StatusCode = 204;
        return Task.CompletedTask;
    }
}
