using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Nimbus.Protocol;
using Nimbus.S3.Model;
using Nimbus.S3.Service;

namespace Nimbus.S3.Api;

/// <summary>
/// ListObjectsV2 (<c>list-type=2</c>: continuation-token, start-after) and ListObjects (marker). Keys come in UTF-8
/// binary order; with <c>encoding-type=url</c> keys, prefixes, delimiters and markers are URL-encoded in the reply.
/// </summary>
internal sealed partial class S3ApiHandler
{
    private Task ListObjectsV2Async(AwsRequestContext request, string bucket)
    {
        var query = request.Http.Request.Query;
        var (prefix, delimiter, maxKeys, urlEncode) = ListParameters(query);
        var token = query["continuation-token"].ToString();
        var startAfter = query["start-after"].ToString();
        string? after = startAfter.Length > 0 ? startAfter : null;
        if (query.ContainsKey("continuation-token"))
        {
            after = DecodeToken(token);
        }
        var page = _service.ListObjects(new ListObjectsQuery(bucket, prefix, delimiter, maxKeys, after));
        var fetchOwner = string.Equals(query["fetch-owner"], "true", StringComparison.OrdinalIgnoreCase);
        return S3Xml.WriteAsync(request.Http, "ListBucketResult", xml =>
        {
            S3Xml.Element(xml, "IsTruncated", page.IsTruncated ? "true" : "false");
            WriteContents(xml, page.Objects, urlEncode, fetchOwner ? request.Scope.AccountId : null);
            WriteListing(xml, bucket, prefix, delimiter, maxKeys, page.CommonPrefixes, urlEncode);
            S3Xml.Element(xml, "KeyCount", (page.Objects.Count + page.CommonPrefixes.Count).ToString(CultureInfo.InvariantCulture));
            S3Xml.Element(xml, "ContinuationToken", query.ContainsKey("continuation-token") ? token : null);
            S3Xml.Element(xml, "NextContinuationToken", page.IsTruncated ? EncodeToken(page.NextMarker!) : null);
            S3Xml.Element(xml, "StartAfter", startAfter.Length > 0 ? Encode(startAfter, urlEncode) : null);
        });
    }

    private Task ListObjectsAsync(AwsRequestContext request, string bucket)
    {
        var query = request.Http.Request.Query;
        var (prefix, delimiter, maxKeys, urlEncode) = ListParameters(query);
        var marker = query["marker"].ToString();
        var page = _service.ListObjects(new ListObjectsQuery(bucket, prefix, delimiter, maxKeys, marker.Length > 0 ? marker : null));
        return S3Xml.WriteAsync(request.Http, "ListBucketResult", xml =>
        {
            S3Xml.Element(xml, "IsTruncated", page.IsTruncated ? "true" : "false");
            S3Xml.Element(xml, "Marker", Encode(marker, urlEncode));
            // NextMarker is returned only with a delimiter; without one clients continue from the last key (ListObjects reference).
            S3Xml.Element(xml, "NextMarker", page.IsTruncated && delimiter is not null ? Encode(page.NextMarker!, urlEncode) : null);
            WriteContents(xml, page.Objects, urlEncode, request.Scope.AccountId);
            WriteListing(xml, bucket, prefix, delimiter, maxKeys, page.CommonPrefixes, urlEncode);
        });
    }

    private static (string Prefix, string? Delimiter, int MaxKeys, bool UrlEncode) ListParameters(IQueryCollection query)
    {
        var maxKeys = 1000;
        if (query.TryGetValue("max-keys", out var max) && max.Count > 0)
        {
            if (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out maxKeys))
            {
                throw S3Errors.InvalidArgument("Provided max-keys not an integer or within integer range", "max-keys", max);
            }
            maxKeys = Math.Min(maxKeys, 1000);
        }
        var encoding = query["encoding-type"].ToString();
        if (encoding.Length > 0 && encoding != "url")
        {
            throw S3Errors.InvalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encoding);
        }
        var delimiter = query["delimiter"].ToString();
        return (query["prefix"].ToString(), delimiter.Length > 0 ? delimiter : null, maxKeys, encoding == "url");
    }

    private static void WriteContents(XmlWriter xml, IReadOnlyList<S3Object> objects, bool urlEncode, string? ownerAccount)
    {
        foreach (var obj in objects)
        {
            xml.WriteStartElement("Contents", S3Xml.Namespace);
            S3Xml.Element(xml, "Key", Encode(obj.Key, urlEncode));
            S3Xml.Element(xml, "LastModified", S3Xml.Timestamp(obj.LastModified));
            S3Xml.Element(xml, "ETag", obj.QuotedETag);
            if (obj.ChecksumAlgorithm is not null)
            {
                S3Xml.Element(xml, "ChecksumAlgorithm", obj.ChecksumAlgorithm);
                S3Xml.Element(xml, "ChecksumType", "FULL_OBJECT");
            }
            S3Xml.Element(xml, "Size", obj.Size.ToString(CultureInfo.InvariantCulture));
            if (ownerAccount is not null)
            {
                WriteOwner(xml, ownerAccount);
            }
            S3Xml.Element(xml, "StorageClass", "STANDARD");
            xml.WriteEndElement();
        }
    }

    /// <summary>The members every listing result shares: Name, Prefix, Delimiter, MaxKeys, CommonPrefixes, EncodingType.</summary>
    private static void WriteListing(XmlWriter xml, string bucket, string prefix, string? delimiter, int maxKeys, IReadOnlyList<string> commonPrefixes, bool urlEncode)
    {
        S3Xml.Element(xml, "Name", bucket);
        S3Xml.Element(xml, "Prefix", Encode(prefix, urlEncode));
        S3Xml.Element(xml, "Delimiter", delimiter is null ? null : Encode(delimiter, urlEncode));
        S3Xml.Element(xml, "MaxKeys", maxKeys.ToString(CultureInfo.InvariantCulture));
        WriteCommonPrefixes(xml, commonPrefixes, urlEncode);
        S3Xml.Element(xml, "EncodingType", urlEncode ? "url" : null);
    }

    private static void WriteCommonPrefixes(XmlWriter xml, IReadOnlyList<string> prefixes, bool urlEncode)
    {
        foreach (var prefix in prefixes)
        {
            xml.WriteStartElement("CommonPrefixes", S3Xml.Namespace);
            S3Xml.Element(xml, "Prefix", Encode(prefix, urlEncode));
            xml.WriteEndElement();
        }
    }

    /// <summary>URL-encoding of <c>encoding-type=url</c>; '/' is left as is, as S3 does.</summary>
    private static string Encode(string value, bool urlEncode) =>
        urlEncode ? Uri.EscapeDataString(value).Replace("%2F", "/", StringComparison.Ordinal) : value;

    /// <summary>Continuation tokens are opaque to clients: base64 of the last key or common prefix returned.</summary>
    private static string EncodeToken(string after) => Convert.ToBase64String(Encoding.UTF8.GetBytes(after));

    private static string DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw S3Errors.InvalidArgument("The continuation token provided is incorrect", "continuation-token", token);
        }
    }
}
