using System.Xml;
using System.Xml.Linq;
using Nimbus.Protocol;

namespace Nimbus.S3.Api;

/// <summary>CreateBucket, HeadBucket, DeleteBucket, ListBuckets, GetBucketLocation.</summary>
internal sealed partial class S3ApiHandler
{
    private async Task CreateBucketAsync(AwsRequestContext request, string bucket)
    {
        var region = request.Scope.Region;
        var body = await ReadSmallXmlAsync(request, allowEmpty: true);
        if (body is not null)
        {
            var constraint = body.Root?.Element(XName.Get("LocationConstraint", S3Xml.Namespace))?.Value
                ?? body.Root?.Element("LocationConstraint")?.Value;
            if (!string.IsNullOrEmpty(constraint))
            {
                region = constraint == "EU" ? "eu-west-1" : constraint;
            }
        }
        _service.CreateBucket(request.Scope.AccountId, bucket, region);
        var response = request.Http.Response;
        response.StatusCode = 200;
        response.Headers.Location = "/" + bucket;
        response.ContentLength = 0;
    }

    private Task HeadBucketAsync(AwsRequestContext request, string bucket)
    {
        var found = _service.GetBucket(bucket);
        var response = request.Http.Response;
        response.StatusCode = 200;
        response.Headers["x-amz-bucket-region"] = found.Region;
        response.Headers["x-amz-access-point-alias"] = "false";
        response.ContentLength = 0;
        return Task.CompletedTask;
    }

    private Task DeleteBucketAsync(AwsRequestContext request, string bucket)
    {
        _service.DeleteBucket(bucket);
        request.Http.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private Task ListBucketsAsync(AwsRequestContext request)
    {
        var prefix = request.Http.Request.Query["prefix"].ToString();
        var buckets = _service.ListBuckets(request.Scope.AccountId).Where(b => b.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        return S3Xml.WriteAsync(request.Http, "ListAllMyBucketsResult", xml =>
        {
            WriteOwner(xml, request.Scope.AccountId);
            xml.WriteStartElement("Buckets", S3Xml.Namespace);
            foreach (var bucket in buckets)
            {
                xml.WriteStartElement("Bucket", S3Xml.Namespace);
                S3Xml.Element(xml, "Name", bucket.Name);
                S3Xml.Element(xml, "CreationDate", S3Xml.Timestamp(bucket.CreationDate));
                S3Xml.Element(xml, "BucketRegion", bucket.Region);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            if (prefix.Length > 0)
            {
                S3Xml.Element(xml, "Prefix", prefix);
            }
        });
    }

    private Task GetBucketLocationAsync(AwsRequestContext request, string bucket)
    {
        var found = _service.GetBucket(bucket);
        // us-east-1 is reported as an empty LocationConstraint (GetBucketLocation reference).
        return S3Xml.WriteAsync(request.Http, "LocationConstraint", xml =>
        {
            if (found.Region != "us-east-1")
            {
                xml.WriteString(found.Region);
            }
        });
    }

    internal static void WriteOwner(XmlWriter xml, string accountId)
    {
        xml.WriteStartElement("Owner", S3Xml.Namespace);
        S3Xml.Element(xml, "DisplayName", "nimbus");
        S3Xml.Element(xml, "ID", CanonicalUserId(accountId));
        xml.WriteEndElement();
    }

    /// <summary>A stable 64-hex canonical user id per account, shaped like S3's.</summary>
    internal static string CanonicalUserId(string accountId) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("nimbus:" + accountId)));

    /// <summary>Reads a small XML request body (configuration documents, DeleteObjects); 1 MB at most.</summary>
    private static async Task<XDocument?> ReadSmallXmlAsync(AwsRequestContext request, bool allowEmpty)
    {
        const int Limit = 1024 * 1024;
        var http = request.Http.Request;
        if (http.ContentLength is > Limit)
        {
            throw S3Errors.MalformedXml();
        }
        using var buffer = new MemoryStream();
        var body = http.Headers.ContentEncoding.ToString().Contains("aws-chunked", StringComparison.OrdinalIgnoreCase)
            ? new Protocol.AwsChunkedStream(request.Http.Request.BodyReader)
            : http.Body;
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, request.Aborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > Limit)
            {
                throw S3Errors.MalformedXml();
            }
        }
        if (buffer.Length == 0)
        {
            return allowEmpty ? null : throw S3Errors.MalformedXml();
        }
        buffer.Position = 0;
        try
        {
            return XDocument.Load(buffer, LoadOptions.None);
        }
        catch (XmlException)
        {
            throw S3Errors.MalformedXml();
        }
    }
}
