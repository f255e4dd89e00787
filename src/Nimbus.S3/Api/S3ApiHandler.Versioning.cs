using System.Globalization;
using Nimbus.Protocol;
using Nimbus.S3.Service;

namespace Nimbus.S3.Api;

/// <summary>PutBucketVersioning, GetBucketVersioning and ListObjectVersions.</summary>
internal sealed partial class S3ApiHandler
{
    private async Task PutBucketVersioningAsync(AwsRequestContext request, string bucket)
    {
        _service.GetBucket(bucket);
        var root = (await ReadSmallXmlAsync(request, allowEmpty: false))!.Root;
        var status = root is { Name.LocalName: "VersioningConfiguration" } ? Child(root, "Status")?.Value : null;
        if (status is not (S3Service.VersioningEnabled or S3Service.VersioningSuspended))
        {
            throw S3Errors.MalformedXml();
        }
        _service.SetVersioning(bucket, status);
        request.Http.Response.StatusCode = 200;
        request.Http.Response.ContentLength = 0;
    }

    private Task GetBucketVersioningAsync(AwsRequestContext request, string bucket)
    {
        // A bucket that was never versioned answers an empty configuration (GetBucketVersioning reference).
        var status = _service.GetBucket(bucket).Versioning;
        return S3Xml.WriteAsync(request.Http, "VersioningConfiguration", xml => S3Xml.Element(xml, "Status", status));
    }

    private Task ListObjectVersionsAsync(AwsRequestContext request, string bucket)
    {
        var query = request.Http.Request.Query;
        var (prefix, delimiter, maxKeys, urlEncode) = ListParameters(query);
        var keyMarker = query["key-marker"].ToString();
        var versionIdMarker = query["version-id-marker"].ToString();
        if (versionIdMarker.Length > 0 && keyMarker.Length == 0)
        {
            throw S3Errors.InvalidArgument("A version-id marker cannot be specified without a key marker.", "version-id-marker", versionIdMarker);
        }
        var page = _service.ListObjectVersions(bucket, prefix, delimiter, keyMarker.Length > 0 ? keyMarker : null,
            versionIdMarker.Length > 0 ? versionIdMarker : null, maxKeys);
        return S3Xml.WriteAsync(request.Http, "ListVersionsResult", xml =>
        {
            S3Xml.Element(xml, "IsTruncated", page.IsTruncated ? "true" : "false");
            S3Xml.Element(xml, "KeyMarker", Encode(keyMarker, urlEncode));
            S3Xml.Element(xml, "VersionIdMarker", versionIdMarker);
            S3Xml.Element(xml, "NextKeyMarker", page.NextKeyMarker is null ? null : Encode(page.NextKeyMarker, urlEncode));
            S3Xml.Element(xml, "NextVersionIdMarker", page.NextVersionIdMarker);
            foreach (var (obj, isLatest) in page.Entries)
            {
                xml.WriteStartElement(obj.IsDeleteMarker ? "DeleteMarker" : "Version", S3Xml.Namespace);
                S3Xml.Element(xml, "Key", Encode(obj.Key, urlEncode));
                S3Xml.Element(xml, "VersionId", obj.VersionId);
                S3Xml.Element(xml, "IsLatest", isLatest ? "true" : "false");
                S3Xml.Element(xml, "LastModified", S3Xml.Timestamp(obj.LastModified));
                if (!obj.IsDeleteMarker)
                {
                    S3Xml.Element(xml, "ETag", obj.QuotedETag);
                    S3Xml.Element(xml, "Size", obj.Size.ToString(CultureInfo.InvariantCulture));
                    S3Xml.Element(xml, "StorageClass", "STANDARD");
                    if (obj.ChecksumAlgorithm is not null)
                    {
                        S3Xml.Element(xml, "ChecksumAlgorithm", obj.ChecksumAlgorithm);
                        S3Xml.Element(xml, "ChecksumType", "FULL_OBJECT");
                    }
                }
                WriteOwner(xml, request.Scope.AccountId);
                xml.WriteEndElement();
            }
            WriteListing(xml, bucket, prefix, delimiter, maxKeys, page.CommonPrefixes, urlEncode);
        });
    }
}
